/** Measures recordings in the voice-disguise tests: fundamental frequency, harmonics, WAV files. */

/**
 * The fundamental frequency of a steady voiced stretch, by normalised autocorrelation over
 * periods of 60 to 600 Hz, refined between samples by a parabola through the peak.
 */
export function fundamentalFrequency(samples: Float32Array, sampleRate: number): number {
	const shortest = Math.floor(sampleRate / 600);
	const longest = Math.ceil(sampleRate / 60);
	const length = samples.length - longest;
	const correlation = (lag: number) => {
		let product = 0;
		let energyA = 0;
		let energyB = 0;
		for (let index = 0; index < length; index++) {
			product += samples[index] * samples[index + lag];
			energyA += samples[index] ** 2;
			energyB += samples[index + lag] ** 2;
		}
		return product / Math.sqrt(energyA * energyB || 1);
	};
	const scores = new Float64Array(longest + 2);
	for (let lag = shortest - 1; lag <= longest + 1; lag++) scores[lag] = correlation(lag);
	// The first lag that comes close to the best one: an octave below scores as well as the period.
	const best = Math.max(...scores.subarray(shortest, longest + 1));
	let lag = shortest;
	while (
		lag < longest &&
		!(scores[lag] >= 0.9 * best && scores[lag] >= scores[lag - 1] && scores[lag] >= scores[lag + 1])
	)
		lag++;
	const [before, peak, after] = [scores[lag - 1], scores[lag], scores[lag + 1]];
	const shift = (before - after) / (2 * (before - 2 * peak + after) || 1);
	return sampleRate / (lag + shift);
}

/** The amplitude of one frequency in `samples` (Goertzel). */
export function amplitudeAt(samples: Float32Array, sampleRate: number, frequency: number): number {
	const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
	let previous = 0;
	let beforePrevious = 0;
	for (const sample of samples) {
		const current = sample + coefficient * previous - beforePrevious;
		beforePrevious = previous;
		previous = current;
	}
	return Math.sqrt(previous ** 2 + beforePrevious ** 2 - coefficient * previous * beforePrevious) / samples.length;
}

/** Which harmonic of `fundamental` (1, 2, …) is loudest, among the first `count`. */
export function loudestHarmonic(samples: Float32Array, sampleRate: number, fundamental: number, count = 10): number {
	const amplitudes = Array.from({ length: count }, (_, index) =>
		amplitudeAt(samples, sampleRate, fundamental * (index + 1))
	);
	return amplitudes.indexOf(Math.max(...amplitudes)) + 1;
}

/**
 * A vowel-like tone: harmonics of `fundamental` shaped by one resonance at `formant` Hz, so
 * whether the formant moved shows in which harmonic is loudest.
 */
export function vowelTone(fundamental: number, formant: number, seconds: number, sampleRate: number): Float32Array {
	const samples = new Float32Array(Math.round(seconds * sampleRate));
	for (let harmonic = 1; harmonic * fundamental < sampleRate / 2.5; harmonic++) {
		const frequency = harmonic * fundamental;
		const amplitude = 0.3 / (1 + ((frequency - formant) / 150) ** 2);
		for (let index = 0; index < samples.length; index++) {
			samples[index] += amplitude * Math.sin((2 * Math.PI * frequency * index) / sampleRate);
		}
	}
	return samples;
}

/** Mono samples of a 16-bit PCM WAV (first channel), with its rate. */
export function readWav(bytes: Uint8Array): { samples: Float32Array; sampleRate: number } {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const channels = view.getUint16(22, true);
	const sampleRate = view.getUint32(24, true);
	let offset = 12;
	while (offset + 8 <= bytes.length) {
		const id = String.fromCharCode(...bytes.subarray(offset, offset + 4));
		const size = view.getUint32(offset + 4, true);
		if (id === 'data') {
			const frames = Math.floor(size / 2 / channels);
			const samples = new Float32Array(frames);
			for (let index = 0; index < frames; index++)
				samples[index] = view.getInt16(offset + 8 + index * 2 * channels, true) / 0x8000;
			return { samples, sampleRate };
		}
		offset += 8 + size + (size % 2);
	}
	throw new Error('The WAV file has no data chunk.');
}
