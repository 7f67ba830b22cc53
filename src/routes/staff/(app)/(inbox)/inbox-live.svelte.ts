import type { InboxCounts } from '$lib/client/api/inbox';

/** How often the inbox asks for its counts while it is on screen. */
export const POLL_MS = 15_000;

type Page = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
type Timers = { set(run: () => void, ms: number): unknown; clear(handle: unknown): void };

const browserTimers: Timers = {
	set: (run, ms) => setTimeout(run, ms),
	clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/**
 * The inbox's live counts. They are asked for every POLL_MS while the tab is visible, not at all
 * while it is hidden (a tab left in the background costs the server nothing), and at once when it
 * is shown again. A failed request keeps the last counts and tries again at the next tick; a
 * refusal because the session ended stops asking.
 */
export class InboxLive {
	latest = $state<InboxCounts | null>(null);
	/** Set while the counts cannot be refreshed; cleared by the next answer. */
	problem = $state('');
	stopped = $state(false);
	#timer: unknown = null;
	#busy = false;

	constructor(
		private readonly read: () => Promise<InboxCounts>,
		private readonly page: Page = document,
		private readonly timers: Timers = browserTimers
	) {}

	/** Forgets the last counts: the page was just loaded with fresher ones. */
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
				this.problem = 'Your session has ended: the counts are no longer updated. Sign in again.';
				return;
			}
			this.problem = 'The counts could not be refreshed. Trying again shortly.';
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
