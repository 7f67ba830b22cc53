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

	it('starts over and hides the warning when the person does something', () => {
		let now = 0;
		const idle = new KioskIdle(() => now);
		now = KIOSK_IDLE_MS + 5000;
		idle.expired();
		idle.active();
		expect(idle.warningSeconds).toBeNull();
		now += KIOSK_IDLE_MS - 1;
		expect(idle.expired()).toBe(false);
		expect(idle.warningSeconds).toBeNull();
	});
});
