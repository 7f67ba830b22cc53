import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SLOW_SEND_MS, SlowSend } from './slow-send.svelte';

describe('SlowSend', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('says nothing during the first seconds, then shows its note until sending stops', () => {
		const slow = new SlowSend();
		const stop = slow.start();
		vi.advanceTimersByTime(SLOW_SEND_MS - 1);
		expect(slow.shown).toBe(false);
		vi.advanceTimersByTime(1);
		expect(slow.shown).toBe(true);
		stop();
		expect(slow.shown).toBe(false);
	});

	it('never shows the note when sending ends before the delay, nor later', () => {
		const slow = new SlowSend();
		const stop = slow.start();
		vi.advanceTimersByTime(SLOW_SEND_MS / 2);
		stop();
		vi.advanceTimersByTime(SLOW_SEND_MS * 10);
		expect(slow.shown).toBe(false);
	});

	it('counts again from zero for a second sending, after a failure sent the person back', () => {
		const slow = new SlowSend();
		slow.start()();
		vi.advanceTimersByTime(SLOW_SEND_MS - 1000);
		const stop = slow.start();
		vi.advanceTimersByTime(SLOW_SEND_MS - 1);
		expect(slow.shown).toBe(false);
		vi.advanceTimersByTime(1);
		expect(slow.shown).toBe(true);
		stop();
	});
});
