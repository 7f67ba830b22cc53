import { expectLength, utf8Encode } from './encoding';
import { DecryptionError, FormatError } from './errors';
import { sodiumInstance } from './sodium';

/** Plaintext bytes per crypto_secretstream message. */
export const VOICE_CHUNK_BYTES = 64 * 1024;
/** ISO/IEC 7816-4 padding block applied to the whole recording before chunking. */
export const VOICE_PAD_BLOCK_BYTES = 64 * 1024;

/**
 * `key` and `header` go inside the encrypted submission payload, never beside the ciphertext.
 * `plaintextBytes` is the length of the audio before padding. The caller zeroes `key` once it
 * has been sealed into the payload.
 */
export type EncryptedVoiceNote = {
	key: Uint8Array;
	header: Uint8Array;
	ciphertext: Uint8Array;
	plaintextBytes: number;
};

/** Binds every chunk of a voice note to its attachment, so ciphertexts cannot be swapped. */
export function voiceNoteAdditionalData(attachmentId: string): Uint8Array {
	if (typeof attachmentId !== 'string' || attachmentId.length === 0) {
		throw new FormatError('Invalid attachment id');
	}
	return utf8Encode(`trips-voice:v1:voice-note:${attachmentId}`);
}

/**
 * Binds every chunk of an attached photo or document to its attachment. A string of its own, so
 * a file's ciphertext cannot be passed off as a voice note of the same id, nor the reverse.
 */
export function attachedFileAdditionalData(attachmentId: string): Uint8Array {
	if (typeof attachmentId !== 'string' || attachmentId.length === 0) {
		throw new FormatError('Invalid attachment id');
	}
	return utf8Encode(`trips-voice:v1:file:${attachmentId}`);
}

/** crypto_secretstream_xchacha20poly1305 under a fresh key, padded to VOICE_PAD_BLOCK_BYTES. */
export function encryptVoiceNote(audio: Uint8Array, additionalData: Uint8Array): EncryptedVoiceNote {
	const sodium = sodiumInstance();
	if (!(audio instanceof Uint8Array)) throw new FormatError('Audio must be a Uint8Array');
	const tagBytes = sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
	const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
	let padded: Uint8Array | undefined;
	try {
		padded = sodium.pad(audio, VOICE_PAD_BLOCK_BYTES);
		const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
		const chunkCount = Math.ceil(padded.length / VOICE_CHUNK_BYTES);
		const ciphertext = new Uint8Array(padded.length + chunkCount * tagBytes);
		for (let index = 0; index < chunkCount; index++) {
			const start = index * VOICE_CHUNK_BYTES;
			const tag =
				index === chunkCount - 1
					? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
					: sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
			const sealedChunk = sodium.crypto_secretstream_xchacha20poly1305_push(
				state,
				padded.subarray(start, start + VOICE_CHUNK_BYTES),
				additionalData,
				tag
			);
			ciphertext.set(sealedChunk, start + index * tagBytes);
		}
		return { key, header, ciphertext, plaintextBytes: audio.length };
	} catch (cause) {
		sodium.memzero(key);
		throw cause;
	} finally {
		if (padded) sodium.memzero(padded);
	}
}

/**
 * Inverse of encryptVoiceNote. FormatError for wrong key/header lengths, a ciphertext that
 * cannot be a padded voice note, or bad padding; DecryptionError when a chunk fails
 * authentication, chunks were reordered, or the stream was truncated or extended.
 */
export function decryptVoiceNote(
	ciphertext: Uint8Array,
	key: Uint8Array,
	header: Uint8Array,
	additionalData: Uint8Array
): Uint8Array {
	const sodium = sodiumInstance();
	expectLength(key, sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES, 'Voice note key');
	expectLength(header, sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES, 'Voice note header');
	const tagBytes = sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
	const sealedChunkBytes = VOICE_CHUNK_BYTES + tagBytes;
	if (!(ciphertext instanceof Uint8Array) || ciphertext.length === 0) {
		throw new FormatError('Voice note ciphertext is empty');
	}
	const chunkCount = Math.ceil(ciphertext.length / sealedChunkBytes);
	const paddedLength = ciphertext.length - chunkCount * tagBytes;
	const lastChunkBytes = paddedLength - (chunkCount - 1) * VOICE_CHUNK_BYTES;
	if (lastChunkBytes <= 0 || paddedLength % VOICE_PAD_BLOCK_BYTES !== 0) {
		throw new FormatError('Voice note ciphertext has a wrong length');
	}

	const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
	const padded = new Uint8Array(paddedLength);
	try {
		for (let index = 0; index < chunkCount; index++) {
			const start = index * sealedChunkBytes;
			const isLast = index === chunkCount - 1;
			const pulled = sodium.crypto_secretstream_xchacha20poly1305_pull(
				state,
				ciphertext.subarray(start, start + sealedChunkBytes),
				additionalData
			);
			if (!pulled) throw new DecryptionError('Voice note decryption failed');
			const { message, tag } = pulled;
			padded.set(message, index * VOICE_CHUNK_BYTES);
			sodium.memzero(message);
			if (tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL && !isLast) {
				throw new DecryptionError('Voice note has data after its final chunk');
			}
			if (tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL && isLast) {
				throw new DecryptionError('Voice note is truncated');
			}
			if (!isLast && tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
				throw new FormatError('Voice note chunk has an unexpected tag');
			}
		}
		try {
			return sodium.unpad(padded, VOICE_PAD_BLOCK_BYTES);
		} catch (cause) {
			throw new FormatError('Invalid voice note padding', { cause });
		}
	} finally {
		sodium.memzero(padded);
	}
}
