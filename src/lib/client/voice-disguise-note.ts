import { encodeWav, mixToMono } from './voice-playback';
import { DISGUISE_SAMPLE_RATE, VOICE_SHIFTS, disguiseVoice, type VoiceShift } from './voice-disguise';
import type { VoiceNote } from './voice-recorder.svelte';

/**
 * A recorded note with its voice changed, as 16-bit WAV: decoded and changed in this page, by
 * the browser's own decoder and plain arithmetic, so nothing is fetched and nothing is stored.
 * WAV because every browser's decoder reads it back for the moderator's player, and ten minutes
 * at 16 kHz (19.2 MB) stay within the voice-note limit. Refuses a result over `maxBytes`.
 */
export async function disguiseVoiceNote(note: VoiceNote, shift: VoiceShift, maxBytes: number): Promise<VoiceNote> {
	// decodeAudioData resamples to the context's rate; an offline context needs no audio device.
	const context = new OfflineAudioContext(1, 1, DISGUISE_SAMPLE_RATE);
	const decoded = await context.decodeAudioData(await note.blob.arrayBuffer());
	const channels = Array.from({ length: decoded.numberOfChannels }, (_, index) => decoded.getChannelData(index));
	const changed = disguiseVoice(mixToMono(channels), decoded.sampleRate, VOICE_SHIFTS[shift]);
	const blob = new Blob([encodeWav(changed, decoded.sampleRate)], { type: 'audio/wav' });
	if (blob.size > maxBytes) throw new RangeError('The changed voice note is larger than a voice note may be.');
	return { blob, mimeType: blob.type, seconds: note.seconds, disguised: shift };
}
