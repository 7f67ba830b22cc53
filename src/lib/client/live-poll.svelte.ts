/** How often a page asks for its live figures while it is on screen. */
export const POLL_MS = 15_000;

export type LivePage = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
export type LiveTimers = { set(run: () => void, ms: number): unknown; clear(handle: unknown): void };

const browserTimers: LiveTimers = {
	set: (run, ms) => setTimeout(run, ms),
	clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/** What to tell the reader when the figures cannot be refreshed for now, and when the session ended. */
export type LivePollMessages = { failed: string; ended: string };

/**
 * Small live figures of a page (the inbox's counts, the workspace's revealed round): numbers only,
 * never content. They are asked for every POLL_MS while the tab is visible, not at all while it
 * is hidden (a tab left in the background costs the server nothing), and at once when it is shown
 * again. A failed request keeps the last figures and tries again at the next tick; a refusal
 * because the session ended stops asking.
 */
export class LivePoll<T> {
	latest = $state.raw<T | null>(null);
	/** Set while the figures cannot be refreshed; cleared by the next answer. */
	problem = $state('');
	stopped = $state(false);
	#timer: unknown = null;
	#busy = false;

	constructor(
		private readonly read: () => Promise<T>,
		private readonly messages: LivePollMessages,
		private readonly page: LivePage = document,
		private readonly timers: LiveTimers = browserTimers
	) {}

	/** Forgets the last figures: the page was just loaded with fresher ones. */
	reset() {
		this.latest = null;
	}

	/** Starts polling; returns the function that stops it (for onMount). */
	start(): () => void {
		const onVisibility = () => {
			this.#cancel();
			if (this.page.visibilityState === 'visible') void this.poll();
		};
		this.page.addEventListener('visibilitychange', onVisibility);
		this.#schedule();
		return () => {
			this.#cancel();
			this.stopped = true;
			this.page.removeEventListener('visibilitychange', onVisibility);
		};
	}

	async poll(): Promise<void> {
		if (this.#busy || this.stopped || this.page.visibilityState !== 'visible') return;
		this.#busy = true;
		try {
			this.latest = await this.read();
			this.problem = '';
		} catch (cause) {
			const status = (cause as { status?: number }).status;
			if (status === 401 || status === 403) {
				this.stopped = true;
				this.problem = this.messages.ended;
				return;
			}
			this.problem = this.messages.failed;
		} finally {
			this.#busy = false;
		}
		this.#schedule();
	}

	#schedule() {
		this.#cancel();
		if (this.stopped || this.page.visibilityState !== 'visible') return;
		this.#timer = this.timers.set(() => void this.poll(), POLL_MS);
	}

	#cancel() {
		if (this.#timer !== null) this.timers.clear(this.#timer);
		this.#timer = null;
	}
}
