import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FICTIONAL_MARKERS, FICTIONAL_TESTIMONIES } from './testimonies';
import { moderationPlan, oggOpusSeconds, VOICE_NOTES_DIR } from './seed';

describe('the demo’s seed', () => {
	it('has sixty testimonies, each opening with its language’s fictional marker', () => {
		expect(FICTIONAL_TESTIMONIES).toHaveLength(60);
		for (const testimony of FICTIONAL_TESTIMONIES) {
			expect(testimony.text.startsWith(`${FICTIONAL_MARKERS[testimony.locale]} `)).toBe(true);
			if (testimony.name) expect(testimony.text).toContain(testimony.name);
		}
	});

	it('covers the required languages and every theme', () => {
		expect(new Set(FICTIONAL_TESTIMONIES.map((testimony) => testimony.locale))).toEqual(
			new Set(['en', 'fr', 'it', 'cs', 'nl', 'ar', 'fa-AF', 'ti', 'so', 'pcm', 'uk'])
		);
		expect(new Set(FICTIONAL_TESTIMONIES.map((testimony) => testimony.theme))).toEqual(
			new Set(['rights', 'housing', 'education', 'work', 'health', 'safety'])
		);
	});

	it('gives each testimony at most one decision', () => {
		for (const [index, testimony] of FICTIONAL_TESTIMONIES.entries()) {
			const plan = moderationPlan(index, testimony);
			expect([plan.approve, plan.reject, plan.waiting].filter(Boolean).length).toBeLessThanOrEqual(1);
		}
	});

	it('reads the length of the shipped voice notes, a few seconds each', () => {
		for (const file of fs.readdirSync(VOICE_NOTES_DIR)) {
			const seconds = oggOpusSeconds(new Uint8Array(fs.readFileSync(path.join(VOICE_NOTES_DIR, file))));
			expect(seconds).toBeGreaterThanOrEqual(3);
			expect(seconds).toBeLessThanOrEqual(10);
		}
	});
});
