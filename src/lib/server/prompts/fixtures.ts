/** The first bytes of small audio files of each accepted format (and one refused), for tests. */
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

export const oggOpus = () =>
	new Uint8Array([...ascii('OggS'), 0, 2, ...new Array(22).fill(0), 1, 19, ...ascii('OpusHead'), 1, 1, 0x38, 1]);

export const oggVorbis = () =>
	new Uint8Array([...ascii('OggS'), 0, 2, ...new Array(22).fill(0), 1, 30, 1, ...ascii('vorbis'), 0, 0, 0, 0]);

export const webmOpus = () =>
	new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...ascii('webm'), 0x86, 0x86, ...ascii('A_OPUS')]);

/** An ID3v2 tag of 4 bytes, then an MPEG-1 layer III frame header. */
export const id3Mp3 = () => new Uint8Array([...ascii('ID3'), 4, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]);

export const m4a = () => new Uint8Array([0, 0, 0, 0x20, ...ascii('ftyp'), ...ascii('M4A '), 0, 0, 2, 0]);
