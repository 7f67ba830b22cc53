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

/**
 * Removes the padding of `padPlaintext`, by the rule of `sodium_unpad`: the last block ends with
 * 0x80 and then only zero bytes. Returns a view of `bytes`, not a copy. Written here rather than
 * calling libsodium, whose call copies the whole plaintext in and out of its memory (about 11 µs
 * per research record in a browser, as long as decrypting it): every plaintext unpadded here has
 * been authenticated first, so the padding reveals nothing and need not be checked in constant
 * time. The unit tests hold it to libsodium's own unpad on every length and on broken paddings.
 */
export function unpadPlaintext(bytes: Uint8Array): Uint8Array {
	const block = CRYPTO.padBlockBytes;
	if (bytes.length === 0 || bytes.length % block !== 0) {
		throw new FormatError('Padded plaintext has a wrong length');
	}
	const lastBlock = bytes.length - block;
	let marker = bytes.length - 1;
	while (marker > lastBlock && bytes[marker] === 0) marker--;
	if (bytes[marker] !== 0x80) throw new FormatError('Invalid padding');
	return bytes.subarray(0, marker);
}
