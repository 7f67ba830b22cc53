/**
 * Playing back a decrypted voice note for transcription. MediaRecorder writes WebM/Ogg without a
 * duration or seek index, so an <audio> element reports "Infinity" and jumps unreliably. The
 * note is decoded once in the browser and played as PCM WAV instead: exact length, exact seeking,
 * and the browser's pitch-preserving speed control. Nothing here leaves the browser.
 */

export const SKIP_SECONDS = 5;
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** Speech stays clear at this rate; ten minutes of it are under 30 MB in memory. */
const PLAYBACK_SAMPLE_RATE = 24_000;

export type PlayerCommand = 'toggle' | 'back' | 'forward';

/** The keys that work while the cursor stays in the transcript field. */
export const SHORTCUTS: readonly { keys: string; command: PlayerCommand; does: string }[] = [
	{ keys: 'Alt+K', command: 'toggle', does: 'play or pause' },
	{ keys: 'Ctrl+Space', command: 'toggle', does: 'play or pause' },
	{ keys: 'Alt+J', command: 'back', does: `back ${SKIP_SECONDS} s` },
	{ keys: 'Alt+L', command: 'forward', does: `forward ${SKIP_SECONDS} s` }
];

type KeyPress = Pick<KeyboardEvent, 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/**
 * The player command a key press means, or null. Read from the physical key (`code`), so the
 * shortcuts stay where they are on any keyboard layout and on a Mac, where Alt+K types "˚".
 */
export function playerCommand(press: KeyPress): PlayerCommand | null {
	if (press.metaKey || press.shiftKey) return null;
	if (press.ctrlKey && !press.altKey && press.code === 'Space') return 'toggle';
	if (!press.altKey || press.ctrlKey) return null;
	if (press.code === 'KeyK') return 'toggle';
	if (press.code === 'KeyJ') return 'back';
	if (press.code === 'KeyL') return 'forward';
	return null;
}

/** "1:05", "12:00", "1:02:03"; a dash when the length is not known. */
export function formatClock(seconds: number): string {
	if (!Number.isFinite(seconds) || seconds < 0) return '–:––';
	const whole = Math.floor(seconds);
	const two = (value: number) => String(value).padStart(2, '0');
	const hours = Math.floor(whole / 3600);
	const minutes = Math.floor((whole % 3600) / 60);
	return hours > 0 ? `${hours}:${two(minutes)}:${two(whole % 60)}` : `${minutes}:${two(whole % 60)}`;
}

/** Where a skip lands, never before the start or past the end. */
export function skipTo(current: number, by: number, duration: number): number {
	const end = Number.isFinite(duration) && duration > 0 ? duration : Math.max(current + by, 0);
	return Math.min(Math.max(current + by, 0), end);
}

/** The channels averaged into one. */
export function mixToMono(channels: Float32Array[]): Float32Array {
	if (channels.length === 1) return channels[0];
	const mono = new Float32Array(channels[0]?.length ?? 0);
	for (const channel of channels) {
		for (let index = 0; index < mono.length; index++) mono[index] += channel[index] / channels.length;
	}
	return mono;
}

/** 16-bit PCM WAV (RIFF) of mono samples in [-1, 1]. */
export function encodeWav(samples: Float32Array, sampleRate: number): ArrayBuffer {
	const dataBytes = samples.length * 2;
	const buffer = new ArrayBuffer(44 + dataBytes);
	const view = new DataView(buffer);
	const ascii = (offset: number, text: string) => {
		for (let index = 0; index < text.length; index++) view.setUint8(offset + index, text.charCodeAt(index));
	};
	ascii(0, 'RIFF');
	view.setUint32(4, 36 + dataBytes, true);
	ascii(8, 'WAVE');
	ascii(12, 'fmt ');
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true);
	view.setUint16(22, 1, true);
	view.setUint32(24, sampleRate, true);
	view.setUint32(28, sampleRate * 2, true);
	view.setUint16(32, 2, true);
	view.setUint16(34, 16, true);
	ascii(36, 'data');
	view.setUint32(40, dataBytes, true);
	for (let index = 0; index < samples.length; index++) {
		const sample = Math.max(-1, Math.min(1, samples[index]));
		view.setInt16(44 + index * 2, sample < 0 ? sample * 0x8000 : sample * 0x7fff, true);
	}
	return buffer;
}

/**
 * The note as a WAV blob with its exact length, or null when this browser cannot decode its
 * format (the original is then played as it is).
 */
export async function playableVoiceNote(audio: ArrayBuffer): Promise<{ blob: Blob; seconds: number } | null> {
	try {
		// decodeAudioData resamples to the context's rate; an offline context needs no audio device.
		const context = new OfflineAudioContext(1, 1, PLAYBACK_SAMPLE_RATE);
		const decoded = await context.decodeAudioData(audio.slice(0));
		const channels = Array.from({ length: decoded.numberOfChannels }, (_, index) => decoded.getChannelData(index));
		return {
			blob: new Blob([encodeWav(mixToMono(channels), decoded.sampleRate)], { type: 'audio/wav' }),
			seconds: decoded.duration
		};
	} catch {
		return null;
	}
}
