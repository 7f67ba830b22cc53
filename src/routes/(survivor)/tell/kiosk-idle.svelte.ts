/**
 * A kiosk device is shared: after three minutes without a touch or a key it warns for thirty
 * seconds, then forgets the person and opens the session's language page for the next one.
 */
export const KIOSK_IDLE_MS = 3 * 60 * 1000;
export const KIOSK_WARNING_SECONDS = 30;

export class KioskIdle {
	/** Seconds left before the wipe, while the warning shows; null otherwise. */
	warningSeconds = $state<number | null>(null);
	#lastActivity = 0;

	constructor(private readonly now: () => number = Date.now) {
		this.#lastActivity = now();
	}

	/** The person did something: the countdown starts over. */
	active(): void {
		this.#lastActivity = this.now();
		this.warningSeconds = null;
	}

	/** Checked every second: true once the warning ran out, else updates the warning. */
	expired(): boolean {
		const idle = this.now() - this.#lastActivity;
		const limit = KIOSK_IDLE_MS + KIOSK_WARNING_SECONDS * 1000;
		if (idle >= limit) return true;
		if (idle >= KIOSK_IDLE_MS) this.warningSeconds = Math.ceil((limit - idle) / 1000);
		return false;
	}

	/** Watches this window for activity and calls `wipe` when the time is up; returns a stop function. */
	watch(wipe: () => void): () => void {
		this.#lastActivity = this.now();
		const active = () => this.active();
		const events = ['keydown', 'pointerdown', 'touchstart', 'input'] as const;
		for (const name of events) window.addEventListener(name, active, { passive: true });
		const timer = setInterval(() => {
			if (this.expired()) wipe();
		}, 1000);
		return () => {
			clearInterval(timer);
			for (const name of events) window.removeEventListener(name, active);
		};
	}
}
