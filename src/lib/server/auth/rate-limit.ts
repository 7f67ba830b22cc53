/**
 * Failures of everyone together, counted per minute, for look-ups where nothing may identify
 * who asked (survivors' receipts, session join codes). Keeps a count and nothing else.
 */
export class SharedFailureWindow {
	#startedAt = 0;
	#failures = 0;

	constructor(private readonly maxPerMinute: number) {}

	#roll(now: number): void {
		const elapsed = now - this.#startedAt;
		// A new minute, or a clock that went back, starts a new window.
		if (elapsed > 60_000 || elapsed < 0) {
			this.#startedAt = now;
			this.#failures = 0;
		}
	}

	/** True while the limit is reached for the current minute. */
	exhausted(now = Date.now()): boolean {
		this.#roll(now);
		return this.#failures >= this.maxPerMinute;
	}

	recordFailure(now = Date.now()): void {
		this.#roll(now);
		this.#failures += 1;
	}
}
