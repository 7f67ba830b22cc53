/**
 * Which audio format a file is, read from its first bytes and never from a name or a header the
 * sender chose: only formats every survivor browser plays are accepted.
 */

export const PROMPT_MAX_BYTES = 2 * 1024 * 1024;

export type PromptFormat = { mimeType: string; extension: string };

const OGG: PromptFormat = { mimeType: 'audio/ogg', extension: 'ogg' };
const WEBM: PromptFormat = { mimeType: 'audio/webm', extension: 'webm' };
const MP3: PromptFormat = { mimeType: 'audio/mpeg', extension: 'mp3' };
const M4A: PromptFormat = { mimeType: 'audio/mp4', extension: 'm4a' };

export const PROMPT_FORMATS: readonly PromptFormat[] = [OGG, WEBM, MP3, M4A];

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) =>
	bytes.length >= at + prefix.length && prefix.every((value, index) => bytes[at + index] === value);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** An MPEG audio frame header: 11 sync bits, then a layer that is not the reserved 00. */
const isMpegFrame = (bytes: Uint8Array, at: number) =>
	bytes.length >= at + 2 && bytes[at] === 0xff && (bytes[at + 1] & 0xe0) === 0xe0 && (bytes[at + 1] & 0x06) !== 0;

/** The bytes searched for a codec's name inside a container's first headers. */
const HEADER_WINDOW = 4096;

function contains(bytes: Uint8Array, needle: number[]): boolean {
	const end = Math.min(bytes.length, HEADER_WINDOW) - needle.length;
	for (let at = 0; at <= end; at++) if (startsWith(bytes, needle, at)) return true;
	return false;
}

/**
 * The format of an audio file, or null when it is none of Ogg/Opus, WebM/Opus, MP3 or M4A/AAC.
 * Ogg and WebM must carry Opus (the codec every browser plays in them); MP3 may start with an
 * ID3 tag; M4A is an MP4 file whose brand says audio.
 */
export function sniffPromptFormat(bytes: Uint8Array): PromptFormat | null {
	if (startsWith(bytes, ascii('OggS'))) return contains(bytes, ascii('OpusHead')) ? OGG : null;
	if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
		return contains(bytes, ascii('webm')) && contains(bytes, ascii('A_OPUS')) ? WEBM : null;
	}
	if (startsWith(bytes, ascii('ID3')) && bytes.length >= 10) {
		// The tag's size is four 7-bit bytes; the first frame follows it.
		const size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
		return isMpegFrame(bytes, 10 + size) ? MP3 : null;
	}
	if (isMpegFrame(bytes, 0)) return MP3;
	if (startsWith(bytes, ascii('ftyp'), 4)) {
		const brand = String.fromCharCode(...bytes.slice(8, 12));
		return ['M4A ', 'M4B ', 'mp42', 'isom', 'iso5', 'iso6', 'dash'].includes(brand) ? M4A : null;
	}
	return null;
}
