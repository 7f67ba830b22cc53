import { CRYPTO } from './constants';
import { expectLength, utf8Encode } from './encoding';
import { CryptoError } from './errors';
import { readReceipt, withCheckDigits } from './receipt-format';
import { sodiumInstance } from './sodium';
import type { StaffKeyPair } from './staff';

export type ReceiptKeys = { lookupToken: Uint8Array; replyKeyPair: StaffKeyPair };

/**
 * A new receipt, version 2: 16 independent uniform decimal digits (53 bits) followed by their
 * 2 check digits, as 18 ASCII digits. The check digits add no secret; they catch typing mistakes.
 */
export function newReceipt(): string {
	const sodium = sodiumInstance();
	let randomDigits = '';
	for (let index = 0; index < CRYPTO.receiptDigits; index++) {
		randomDigits += String(sodium.randombytes_uniform(10));
	}
	return withCheckDigits(randomDigits);
}

/**
 * Argon2id(the 16 random digits, deployment salt) → seed → crypto_kdf subkeys 1 (lookup token)
 * and 2 (seed of the survivor's X25519 reply key pair). The check digits of a version 2 receipt
 * never go in, so a version 1 receipt keeps the keys it always had.
 */
export function deriveReceiptKeys(receipt: string, deploymentSalt: Uint8Array): ReceiptKeys {
	const sodium = sodiumInstance();
	const receiptBytes = utf8Encode(readReceipt(receipt).randomDigits);
	expectLength(deploymentSalt, CRYPTO.receiptPwhash.saltBytes, 'Deployment salt');
	let seed: Uint8Array | undefined;
	let replySeed: Uint8Array | undefined;
	try {
		seed = sodium.crypto_pwhash(
			CRYPTO.symmetricKeyBytes,
			receiptBytes,
			deploymentSalt,
			CRYPTO.receiptPwhash.opsLimit,
			CRYPTO.receiptPwhash.memLimitBytes,
			sodium.crypto_pwhash_ALG_ARGON2ID13
		);
		const lookupToken = sodium.crypto_kdf_derive_from_key(
			CRYPTO.symmetricKeyBytes,
			CRYPTO.kdfSubkey.receiptLookupToken,
			CRYPTO.kdfContext.receipt,
			seed
		);
		replySeed = sodium.crypto_kdf_derive_from_key(
			sodium.crypto_box_SEEDBYTES,
			CRYPTO.kdfSubkey.receiptReplySeed,
			CRYPTO.kdfContext.receipt,
			seed
		);
		const { publicKey, privateKey } = sodium.crypto_box_seed_keypair(replySeed);
		return { lookupToken, replyKeyPair: { publicKey, secretKey: privateKey } };
	} catch (cause) {
		throw new CryptoError('Receipt key derivation failed', { cause });
	} finally {
		sodium.memzero(receiptBytes);
		if (seed) sodium.memzero(seed);
		if (replySeed) sodium.memzero(replySeed);
	}
}
