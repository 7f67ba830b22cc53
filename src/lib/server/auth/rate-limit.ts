/**
 * Failed-attempt throttle with growing back-off, keyed by something that is not personal
 * data about a survivor (a staff username, never an IP address). Kept in memory only.
 */
export class FailureThrottle {
	#failures = new Map<string, { count: number; blockedUntil: number }>();

	constructor(
		private readonly freeAttempts: number,
		private readonly baseDelayMs: number,
		private readonly maxDelayMs: number
	) {}

	/** Milliseconds the caller must still wait, or 0 when an attempt is allowed now. */
	retryAfter(key: string, now = Date.now()): number {
		const entry = this.#failures.get(key);
		if (!entry) return 0;
		return Math.max(0, entry.blockedUntil - now);
	}

	recordFailure(key: string, now = Date.now()): void {
		const entry = this.#failures.get(key) ?? { count: 0, blockedUntil: 0 };
		entry.count += 1;
		const over = entry.count - this.freeAttempts;
		if (over > 0) {
			entry.blockedUntil = now + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (over - 1));
		}
		this.#failures.set(key, entry);
	}

	reset(key: string): void {
		this.#failures.delete(key);
	}
}

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
