import { describe, expect, it } from 'vitest';
import { KIOSK_IDLE_MS, KioskIdle } from './kiosk-idle.svelte';

describe('KioskIdle', () => {
	it('warns after three minutes without activity, counting down thirty seconds, then expires', () => {
		let now = 0;
		const idle = new KioskIdle(() => now);
		now = KIOSK_IDLE_MS - 1;
		expect(idle.expired()).toBe(false);
		expect(idle.warningSeconds).toBeNull();
		now = KIOSK_IDLE_MS + 1000;
		expect(idle.expired()).toBe(false);
		expect(idle.warningSeconds).toBe(29);
		now = KIOSK_IDLE_MS + 30_000;
		expect(idle.expired()).toBe(true);
	});

	it('starts over when the person does something, and hides the warning at the next check', () => {
		let now = 0;
		const idle = new KioskIdle(() => now);
		now = KIOSK_IDLE_MS + 5000;
		idle.expired();
		idle.active();
		// Not at once: a tap on the warning must not fall through to what lies beneath it.
		expect(idle.warningSeconds).toBe(25);
		now += 1000;
		expect(idle.expired()).toBe(false);
		expect(idle.warningSeconds).toBeNull();
		now += KIOSK_IDLE_MS - 1001;
		expect(idle.expired()).toBe(false);
		expect(idle.warningSeconds).toBeNull();
	});
});

describe('KioskIdle while a recording or a playback runs', () => {
	it('never warns nor expires, and counts from the moment it ends', () => {
		let now = 0;
		let recording = true;
		const idle = new KioskIdle(
			() => now,
			() => recording
		);
		for (now = 0; now <= 4 * KIOSK_IDLE_MS; now += 1000) expect(idle.expired()).toBe(false);
		expect(idle.warningSeconds).toBeNull();
		recording = false;
		const stopped = now - 1000;
		now = stopped + KIOSK_IDLE_MS - 1;
		expect(idle.expired()).toBe(false);
		expect(idle.warningSeconds).toBeNull();
		now = stopped + KIOSK_IDLE_MS + 1000;
		expect(idle.expired()).toBe(false);
		expect(idle.warningSeconds).toBe(29);
	});
});
