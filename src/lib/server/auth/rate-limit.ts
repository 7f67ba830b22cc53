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
