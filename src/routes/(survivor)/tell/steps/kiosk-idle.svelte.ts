/**
 * A kiosk device is shared: after three minutes without a touch, a key, a recording or a
 * recording being played, it warns for thirty seconds, then forgets the person and opens the
 * session's language page for the next one. While a recording or a playback runs the device
 * counts as in use, so the warning never interrupts a person speaking or listening.
 */
export const KIOSK_IDLE_MS = 3 * 60 * 1000;
export const KIOSK_WARNING_SECONDS = 30;

/** Input by the person, and starting or moving a playback (captured: media events do not bubble). */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'touchstart', 'input', 'play', 'seeked'] as const;

export class KioskIdle {
	/** Seconds left before the wipe, while the warning shows; null otherwise. */
	warningSeconds = $state<number | null>(null);
	#lastActivity = 0;

	/** `inUse` says whether something runs that needs no touch (a recording, a playback). */
	constructor(
		private readonly now: () => number = Date.now,
		private readonly inUse: () => boolean = () => false
	) {
		this.#lastActivity = now();
	}

	/**
	 * The person did something: the countdown starts over. A warning on screen stays until the
	 * next check (or its button), so that a tap on it does not land on what lies beneath.
	 */
	active(): void {
		this.#lastActivity = this.now();
	}

	/** Checked every second: true once the warning ran out, else shows or hides the warning. */
	expired(): boolean {
		if (this.inUse()) this.active();
		const idle = this.now() - this.#lastActivity;
		const limit = KIOSK_IDLE_MS + KIOSK_WARNING_SECONDS * 1000;
		if (idle >= limit) return true;
		this.warningSeconds = idle >= KIOSK_IDLE_MS ? Math.ceil((limit - idle) / 1000) : null;
		return false;
	}

	/** Watches this window for activity and calls `wipe` when the time is up; returns a stop function. */
	watch(wipe: () => void): () => void {
		this.#lastActivity = this.now();
		const active = () => this.active();
		const options = { passive: true, capture: true };
		for (const name of ACTIVITY_EVENTS) window.addEventListener(name, active, options);
		const timer = setInterval(() => {
			if (this.expired()) wipe();
		}, 1000);
		return () => {
			clearInterval(timer);
			for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, active, options);
		};
	}
}
