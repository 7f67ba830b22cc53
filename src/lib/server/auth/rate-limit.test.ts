import { describe, expect, it } from 'vitest';
import { FailureThrottle } from './rate-limit';

describe('FailureThrottle', () => {
	it('allows the free attempts, then doubles the wait after each further failure', () => {
		const throttle = new FailureThrottle(3, 1000, 60_000);
		const t0 = 1_000_000;
		for (let i = 0; i < 3; i++) throttle.recordFailure('amina', t0);
		expect(throttle.retryAfter('amina', t0)).toBe(0);
		throttle.recordFailure('amina', t0);
		expect(throttle.retryAfter('amina', t0)).toBe(1000);
		throttle.recordFailure('amina', t0);
		expect(throttle.retryAfter('amina', t0)).toBe(2000);
		throttle.recordFailure('amina', t0);
		expect(throttle.retryAfter('amina', t0 + 500)).toBe(3500);
	});

	it('never waits longer than the maximum', () => {
		const throttle = new FailureThrottle(0, 1000, 5000);
		for (let i = 0; i < 20; i++) throttle.recordFailure('amina', 0);
		expect(throttle.retryAfter('amina', 0)).toBe(5000);
	});

	it('keeps separate counts per key and forgets a key on reset', () => {
		const throttle = new FailureThrottle(0, 1000, 5000);
		throttle.recordFailure('amina', 0);
		expect(throttle.retryAfter('joseph', 0)).toBe(0);
		throttle.reset('amina');
		expect(throttle.retryAfter('amina', 0)).toBe(0);
	});
});
