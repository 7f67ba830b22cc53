import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesEqual, utf8Encode } from './encoding';
import { DecryptionError, FormatError } from './errors';
import { readyCrypto } from './index';
import {
	VOICE_CHUNK_BYTES,
	VOICE_PAD_BLOCK_BYTES,
	decryptVoiceNote,
	encryptVoiceNote,
	voiceNoteAdditionalData,
	type EncryptedVoiceNote
} from './stream';

const TAG_BYTES = 17;
const SEALED_CHUNK_BYTES = VOICE_CHUNK_BYTES + TAG_BYTES;

let additionalData: Uint8Array;

beforeAll(async () => {
	await readyCrypto();
	additionalData = voiceNoteAdditionalData('att_5d1c');
});

// randombytes_buf is far too slow for megabytes; any bytes that differ from padding will do.
function fakeAudio(length: number): Uint8Array {
	const audio = new Uint8Array(length);
	let seed = (length * 2654435761) >>> 0 || 1;
	for (let index = 0; index < length; index++) {
		seed ^= seed << 13;
		seed ^= seed >>> 17;
		seed ^= seed << 5;
		audio[index] = seed & 0xff;
	}
	return audio;
}

function decrypt(note: EncryptedVoiceNote, ciphertext = note.ciphertext): Uint8Array {
	return decryptVoiceNote(ciphertext, note.key, note.header, additionalData);
}

function sealedChunk(ciphertext: Uint8Array, index: number): Uint8Array {
	return ciphertext.subarray(index * SEALED_CHUNK_BYTES, (index + 1) * SEALED_CHUNK_BYTES);
}

function concat(...parts: Uint8Array[]): Uint8Array {
	const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		joined.set(part, offset);
		offset += part.length;
	}
	return joined;
}

describe('voiceNoteAdditionalData', () => {
	it('is the UTF-8 of trips-voice:v1:voice-note:{attachment id}', () => {
		expect(voiceNoteAdditionalData('att_5d1c')).toEqual(utf8Encode('trips-voice:v1:voice-note:att_5d1c'));
	});

	it('refuses an empty attachment id', () => {
		expect(() => voiceNoteAdditionalData('')).toThrow(FormatError);
	});
});

describe('encryptVoiceNote and decryptVoiceNote', () => {
	it.each([
		['an empty recording', 0],
		['a 1-byte recording', 1],
		['a recording that fills exactly one chunk once padded', VOICE_CHUNK_BYTES - 1],
		['a recording of exactly one chunk, which padding pushes into a second', VOICE_CHUNK_BYTES],
		['a recording of several chunks and a remainder', 3 * VOICE_CHUNK_BYTES + 12_345],
		['a 3 MB recording', 3 * 1024 * 1024]
	])('returns %s unchanged', (_, length) => {
		const audio = fakeAudio(length);
		const note = encryptVoiceNote(audio, additionalData);
		expect(note.plaintextBytes).toBe(length);
		expect(bytesEqual(decrypt(note), audio)).toBe(true);
	});

	it('makes ciphertext = padded length + 17 bytes per 64 KiB chunk', () => {
		const length = 3 * VOICE_CHUNK_BYTES + 12_345;
		const { ciphertext } = encryptVoiceNote(fakeAudio(length), additionalData);
		const paddedLength = 4 * VOICE_PAD_BLOCK_BYTES;
		const chunks = 4;
		expect(ciphertext.length).toBe(paddedLength + chunks * TAG_BYTES);
	});

	it('gives a 1-byte and a 60 KB recording ciphertexts of the same size', () => {
		const short = encryptVoiceNote(fakeAudio(1), additionalData);
		const long = encryptVoiceNote(fakeAudio(60 * 1024), additionalData);
		expect(short.ciphertext.length).toBe(VOICE_PAD_BLOCK_BYTES + TAG_BYTES);
		expect(long.ciphertext.length).toBe(short.ciphertext.length);
	});

	it('uses a fresh 32-byte key and 24-byte header for every note', () => {
		const audio = fakeAudio(100);
		const first = encryptVoiceNote(audio, additionalData);
		const second = encryptVoiceNote(audio, additionalData);
		expect(first.key.length).toBe(32);
		expect(first.header.length).toBe(24);
		expect(bytesEqual(first.key, second.key)).toBe(false);
		expect(bytesEqual(first.header, second.header)).toBe(false);
		expect(bytesEqual(first.ciphertext, second.ciphertext)).toBe(false);
	});

	it('rejects a ciphertext with one byte changed', () => {
		const note = encryptVoiceNote(fakeAudio(2 * VOICE_CHUNK_BYTES), additionalData);
		const tampered = note.ciphertext.slice();
		tampered[SEALED_CHUNK_BYTES + 100] ^= 0x01;
		expect(() => decrypt(note, tampered)).toThrow(DecryptionError);
	});

	it('rejects a ciphertext whose last chunk was dropped', () => {
		const note = encryptVoiceNote(fakeAudio(3 * VOICE_CHUNK_BYTES), additionalData);
		const truncated = note.ciphertext.subarray(0, 3 * SEALED_CHUNK_BYTES);
		expect(() => decrypt(note, truncated)).toThrow(DecryptionError);
		expect(() => decrypt(note, truncated)).toThrow('truncated');
	});

	it('rejects a ciphertext cut in the middle of a chunk', () => {
		const note = encryptVoiceNote(fakeAudio(3 * VOICE_CHUNK_BYTES), additionalData);
		const truncated = note.ciphertext.subarray(0, note.ciphertext.length - 1000);
		expect(() => decrypt(note, truncated)).toThrow(FormatError);
	});

	it('rejects chunks in a different order', () => {
		const note = encryptVoiceNote(fakeAudio(3 * VOICE_CHUNK_BYTES), additionalData);
		const { ciphertext } = note;
		const swapped = concat(
			sealedChunk(ciphertext, 1),
			sealedChunk(ciphertext, 0),
			sealedChunk(ciphertext, 2),
			sealedChunk(ciphertext, 3)
		);
		expect(() => decrypt(note, swapped)).toThrow(DecryptionError);
	});

	it('rejects data appended after the final chunk', () => {
		const note = encryptVoiceNote(fakeAudio(10), additionalData);
		const extended = concat(note.ciphertext, note.ciphertext);
		expect(() => decrypt(note, extended)).toThrow(DecryptionError);
	});

	it('rejects the wrong key', () => {
		const note = encryptVoiceNote(fakeAudio(1000), additionalData);
		const otherKey = encryptVoiceNote(fakeAudio(1), additionalData).key;
		expect(() => decryptVoiceNote(note.ciphertext, otherKey, note.header, additionalData)).toThrow(DecryptionError);
	});

	it('rejects a note moved to another attachment', () => {
		const note = encryptVoiceNote(fakeAudio(1000), additionalData);
		const otherAttachment = voiceNoteAdditionalData('att_9e02');
		expect(() => decryptVoiceNote(note.ciphertext, note.key, note.header, otherAttachment)).toThrow(DecryptionError);
	});

	it('refuses a header or key of the wrong length', () => {
		const note = encryptVoiceNote(fakeAudio(1000), additionalData);
		expect(() => decryptVoiceNote(note.ciphertext, note.key, note.header.subarray(1), additionalData)).toThrow(
			FormatError
		);
		expect(() => decryptVoiceNote(note.ciphertext, note.key.subarray(1), note.header, additionalData)).toThrow(
			FormatError
		);
	});

	it('refuses an empty ciphertext', () => {
		const note = encryptVoiceNote(fakeAudio(1000), additionalData);
		expect(() => decrypt(note, new Uint8Array(0))).toThrow(FormatError);
	});

	it('refuses an authentic stream whose plaintext is not padded', () => {
		const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
		const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
		const ciphertext = sodium.crypto_secretstream_xchacha20poly1305_push(
			state,
			new Uint8Array(VOICE_CHUNK_BYTES),
			additionalData,
			sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
		);
		expect(() => decryptVoiceNote(ciphertext, key, header, additionalData)).toThrow(FormatError);
	});
});
