import { CRYPTO } from './constants';
import { expectLength } from './encoding';
import { DecryptionError, FormatError } from './errors';
import { sodiumInstance } from './sodium';

/** XChaCha20-Poly1305 nonce length (random nonces are safe at 24 bytes). */
export const AEAD_NONCE_BYTES = 24;
/** Poly1305 tag length appended to every ciphertext. */
export const AEAD_TAG_BYTES = 16;

export type EncryptedBytes = { nonce: Uint8Array; ciphertext: Uint8Array };

/** crypto_aead_xchacha20poly1305_ietf_encrypt with a fresh random nonce. */
export function encryptWithKey(plaintext: Uint8Array, key: Uint8Array, additionalData: Uint8Array): EncryptedBytes {
	const sodium = sodiumInstance();
	expectLength(key, CRYPTO.symmetricKeyBytes, 'Key');
	const nonce = sodium.randombytes_buf(AEAD_NONCE_BYTES);
	const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, additionalData, null, nonce, key);
	return { nonce, ciphertext };
}

/**
 * Inverse of encryptWithKey. FormatError for wrong nonce/key length or a ciphertext shorter than
 * the tag; DecryptionError when authentication fails.
 */
export function decryptWithKey(
	nonce: Uint8Array,
	ciphertext: Uint8Array,
	key: Uint8Array,
	additionalData: Uint8Array
): Uint8Array {
	const sodium = sodiumInstance();
	expectLength(nonce, AEAD_NONCE_BYTES, 'Nonce');
	expectLength(key, CRYPTO.symmetricKeyBytes, 'Key');
	if (!(ciphertext instanceof Uint8Array) || ciphertext.length < AEAD_TAG_BYTES) {
		throw new FormatError('Ciphertext is truncated');
	}
	try {
		return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, additionalData, nonce, key);
	} catch (cause) {
		throw new DecryptionError('Decryption failed', { cause });
	}
}

/** ISO/IEC 7816-4 padding to a multiple of CRYPTO.padBlockBytes, so lengths leak only coarsely. */
export function padPlaintext(bytes: Uint8Array): Uint8Array {
	return sodiumInstance().pad(bytes, CRYPTO.padBlockBytes);
}

export function unpadPlaintext(bytes: Uint8Array): Uint8Array {
	const sodium = sodiumInstance();
	if (bytes.length === 0 || bytes.length % CRYPTO.padBlockBytes !== 0) {
		throw new FormatError('Padded plaintext has a wrong length');
	}
	try {
		return sodium.unpad(bytes, CRYPTO.padBlockBytes);
	} catch (cause) {
		throw new FormatError('Invalid padding', { cause });
	}
}
