import { CRYPTO } from './constants';
import { expectLength } from './encoding';
import { DecryptionError, FormatError } from './errors';
import { sodiumInstance } from './sodium';
import type { StaffKeyPair } from './staff';

const X25519_KEY_BYTES = 32;
const FINGERPRINT_BYTES = 12;

/** crypto_box_seal: anonymous sender, only the holder of the secret key can open. */
export function sealToPublicKey(message: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
	expectLength(recipientPublicKey, X25519_KEY_BYTES, 'Recipient public key');
	return sodiumInstance().crypto_box_seal(message, recipientPublicKey);
}

export function openSealed(sealed: Uint8Array, recipient: StaffKeyPair): Uint8Array {
	const sodium = sodiumInstance();
	if (!(sealed instanceof Uint8Array) || sealed.length < sodium.crypto_box_SEALBYTES) {
		throw new FormatError('Sealed box is truncated');
	}
	expectLength(recipient.publicKey, X25519_KEY_BYTES, 'Recipient public key');
	expectLength(recipient.secretKey, X25519_KEY_BYTES, 'Recipient secret key');
	try {
		return sodium.crypto_box_seal_open(sealed, recipient.publicKey, recipient.secretKey);
	} catch (cause) {
		throw new DecryptionError('Sealed box could not be opened', { cause });
	}
}

export function newChannelKeyPair(): StaffKeyPair {
	const { publicKey, privateKey } = sodiumInstance().crypto_box_keypair();
	return { publicKey, secretKey: privateKey };
}

export function newCorpusKey(): Uint8Array {
	const corpusKey = sodiumInstance().crypto_aead_xchacha20poly1305_ietf_keygen();
	expectLength(corpusKey, CRYPTO.symmetricKeyBytes, 'Corpus key');
	return corpusKey;
}

/**
 * Human-comparable fingerprint: BLAKE2b-128 of the public key, first 12 bytes as
 * 6 groups of 4 uppercase hex characters, e.g. '3F2A 9C01 77DE 0B4C A1E2 5F60'.
 */
export function publicKeyFingerprint(publicKey: Uint8Array): string {
	const sodium = sodiumInstance();
	expectLength(publicKey, X25519_KEY_BYTES, 'Public key');
	const digest = sodium.crypto_generichash(16, publicKey, null);
	const hex = sodium.to_hex(digest.subarray(0, FINGERPRINT_BYTES)).toUpperCase();
	return hex.match(/.{4}/g)?.join(' ') ?? hex;
}
