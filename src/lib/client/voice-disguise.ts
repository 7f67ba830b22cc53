/**
 * Changing a voice before it is sealed: pitch and formants move together by resampling, and the
 * length is restored by a waveform-similarity overlap-add (WSOLA) time-stretch. Pure functions
 * on mono PCM, so they run in Node for the tests and in the page without any request.
 */

/** The shifts a survivor can choose, in semitones; far enough apart to hear the difference. */
export const VOICE_SHIFTS = { lower_more: -7, lower: -4, higher: 4, higher_more: 7 } as const;
export type VoiceShift = keyof typeof VOICE_SHIFTS;

/** Speech stays clear at this rate, and ten minutes of 16-bit WAV fit the voice-note limit (19.2 MB). */
export const DISGUISE_SAMPLE_RATE = 16_000;

export function semitoneFactor(semitones: number): number {
	return 2 ** (semitones / 12);
}

/** Reads `samples` `factor` times as fast, by linear interpolation, into `length` samples. */
export function resample(samples: Float32Array, factor: number, length: number): Float32Array {
	const output = new Float32Array(length);
	const last = samples.length - 1;
	for (let index = 0; index < length; index++) {
		const position = index * factor;
		const before = Math.floor(position);
		if (before >= last) {
			output[index] = before === last ? samples[last] : 0;
			continue;
		}
		const fraction = position - before;
		output[index] = samples[before] * (1 - fraction) + samples[before + 1] * fraction;
	}
	return output;
}

/**
 * Makes `samples` `ratio` times as long without changing its pitch. Each output frame is taken
 * from near where it would fall in the input, at the offset whose waveform best continues the
 * frame before, so periods join without clicks or doubled beats.
 */
export function timeStretch(samples: Float32Array, ratio: number, sampleRate: number): Float32Array {
	const hop = Math.max(8, Math.round(sampleRate * 0.015));
	const frame = 2 * hop;
	const tolerance = hop;
	const window = Float32Array.from(
		{ length: frame },
		(_, index) => 0.5 - 0.5 * Math.cos((2 * Math.PI * index) / frame)
	);
	const outputLength = Math.round(samples.length * ratio);
	const output = new Float32Array(outputLength + frame);
	const at = (index: number) => (index >= 0 && index < samples.length ? samples[index] : 0);
	let previous = 0;
	for (let outputStart = 0; outputStart < outputLength; outputStart += hop) {
		const nominal = Math.round(outputStart / ratio);
		let start = nominal;
		if (outputStart > 0) {
			const continuation = previous + hop;
			let bestScore = -Infinity;
			// Every other offset and every fourth sample: a tenth of the work, the same choices for speech.
			for (let offset = -tolerance; offset <= tolerance; offset += 2) {
				const candidate = nominal + offset;
				if (candidate < 0 || candidate >= samples.length) continue;
				let score = 0;
				for (let index = 0; index < frame; index += 4) score += at(candidate + index) * at(continuation + index);
				if (score > bestScore) {
					bestScore = score;
					start = candidate;
				}
			}
		}
		for (let index = 0; index < frame; index++) output[outputStart + index] += window[index] * at(start + index);
		previous = start;
	}
	return output.subarray(0, outputLength);
}

/** The same recording, `semitones` higher (or lower when negative), pitch and formants alike, same length. */
export function disguiseVoice(samples: Float32Array, sampleRate: number, semitones: number): Float32Array {
	const factor = semitoneFactor(semitones);
	return resample(timeStretch(samples, factor, sampleRate), factor, samples.length);
}
