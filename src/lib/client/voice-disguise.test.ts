import { describe, expect, it } from 'vitest';
import { fundamentalFrequency, loudestHarmonic, vowelTone } from '../../../tests/voice-pitch';
import { DISGUISE_SAMPLE_RATE, VOICE_SHIFTS, disguiseVoice, semitoneFactor, timeStretch } from './voice-disguise';

const RATE = DISGUISE_SAMPLE_RATE;
const F0 = 180;
const FORMANT = 900;

/** The middle second, away from the edges where the first and last frames fade. */
const middle = (samples: Float32Array) =>
	samples.subarray(Math.floor(samples.length / 2 - RATE / 2), Math.floor(samples.length / 2 + RATE / 2));

describe('disguiseVoice', () => {
	const original = vowelTone(F0, FORMANT, 3, RATE);

	it.each(Object.entries(VOICE_SHIFTS))('moves the fundamental by the chosen semitones (%s, %i)', (_, semitones) => {
		const changed = disguiseVoice(original, RATE, semitones);
		const expected = F0 * semitoneFactor(semitones);
		expect(fundamentalFrequency(middle(changed), RATE)).toBeGreaterThan(expected * 0.985);
		expect(fundamentalFrequency(middle(changed), RATE)).toBeLessThan(expected * 1.015);
	});

	it.each(Object.entries(VOICE_SHIFTS))('keeps the length (%s)', (_, semitones) => {
		expect(disguiseVoice(original, RATE, semitones).length).toBe(original.length);
	});

	it('moves the formant with the pitch, so the same harmonic stays loudest', () => {
		// 900 Hz is the fifth harmonic of 180 Hz. Pitch moved alone would leave the resonance at
		// 900 Hz, nearest the fourth harmonic of 227 Hz; moved together, it stays on the fifth.
		expect(loudestHarmonic(middle(original), RATE, F0)).toBe(5);
		const higher = disguiseVoice(original, RATE, VOICE_SHIFTS.higher);
		expect(loudestHarmonic(middle(higher), RATE, F0 * semitoneFactor(VOICE_SHIFTS.higher))).toBe(5);
		const lower = disguiseVoice(original, RATE, VOICE_SHIFTS.lower_more);
		expect(loudestHarmonic(middle(lower), RATE, F0 * semitoneFactor(VOICE_SHIFTS.lower_more))).toBe(5);
	});

	it('keeps the loudness of a steady tone, without gaps or doubled frames', () => {
		const changed = middle(disguiseVoice(original, RATE, VOICE_SHIFTS.lower));
		const rms = (samples: Float32Array) =>
			Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);
		expect(rms(changed) / rms(middle(original))).toBeGreaterThan(0.85);
		expect(rms(changed) / rms(middle(original))).toBeLessThan(1.15);
		// Every 20 ms stretch carries sound: a splice that went wrong would leave a near-silent hole.
		for (let start = 0; start + 320 <= changed.length; start += 320) {
			expect(rms(changed.subarray(start, start + 320))).toBeGreaterThan(0.5 * rms(changed));
		}
	});

	it('leaves silence silent and copes with a recording shorter than one frame', () => {
		expect(disguiseVoice(new Float32Array(RATE), RATE, 4).every((sample) => sample === 0)).toBe(true);
		expect(disguiseVoice(new Float32Array(10).fill(0.1), RATE, -4)).toHaveLength(10);
		expect(disguiseVoice(new Float32Array(0), RATE, 7)).toHaveLength(0);
	});
});

describe('timeStretch', () => {
	it('lengthens without changing the pitch', () => {
		const tone = vowelTone(F0, FORMANT, 2, RATE);
		const longer = timeStretch(tone, 1.5, RATE);
		expect(longer.length).toBe(tone.length * 1.5);
		expect(fundamentalFrequency(middle(longer), RATE)).toBeCloseTo(F0, -0.5);
	});
});
