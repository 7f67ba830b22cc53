import { CRYPTO } from './constants';
import { bytesEqual, expectLength } from './encoding';
import { DecryptionError, FormatError } from './errors';
import { openSealed, sealToPublicKey } from './sealed';
import { sodiumInstance } from './sodium';
import type { StaffKeyPair } from './staff';

/**
 * Key confirmation (docs/crypto.md §2.10). A rotated key version counts only once a member other
 * than the one who made it shows, in their own browser, that the grant sealed to them opens a
 * key matching the version's public half. The server seals a random challenge to that public
 * half; only a holder of the new secret can return it.
 *
 * For a channel key the public half is the channel public key itself. The corpus key is
 * symmetric, so its public half is the X25519 public key of a key pair derived from it
 * (`crypto_kdf_derive_from_key`, context `tvkeycnf`, subkey 1, as the seed of
 * `crypto_box_seed_keypair`); it reveals nothing about the corpus key.
 */

const X25519_KEY_BYTES = 32;

export const KEY_CONFIRM_CHALLENGE_BYTES = 32;

export function newKeyConfirmChallenge(): Uint8Array {
	return sodiumInstance().randombytes_buf(KEY_CONFIRM_CHALLENGE_BYTES);
}

/** crypto_box_seal of the challenge to the new key's public half (done by the server). */
export function sealKeyConfirmChallenge(challenge: Uint8Array, publicKey: Uint8Array): Uint8Array {
	expectLength(challenge, KEY_CONFIRM_CHALLENGE_BYTES, 'Challenge');
	return sealToPublicKey(challenge, publicKey);
}

/** The key pair whose public key stands for a corpus key version in key confirmation. */
export function corpusKeyCheckKeyPair(corpusKey: Uint8Array): StaffKeyPair {
	const sodium = sodiumInstance();
	expectLength(corpusKey, CRYPTO.symmetricKeyBytes, 'Corpus key');
	const seed = sodium.crypto_kdf_derive_from_key(
		CRYPTO.symmetricKeyBytes,
		CRYPTO.kdfSubkey.corpusKeyCheckSeed,
		CRYPTO.kdfContext.keyConfirm,
		corpusKey
	);
	try {
		const { publicKey, privateKey } = sodium.crypto_box_seed_keypair(seed);
		return { publicKey, secretKey: privateKey };
	} finally {
		seed.fill(0);
	}
}

export function corpusKeyCheckPublicKey(corpusKey: Uint8Array): Uint8Array {
	const pair = corpusKeyCheckKeyPair(corpusKey);
	pair.secretKey.fill(0);
	return pair.publicKey;
}

function openChallenge(sealedChallenge: Uint8Array, keyPair: StaffKeyPair): Uint8Array {
	const challenge = openSealed(sealedChallenge, keyPair);
	if (challenge.length !== KEY_CONFIRM_CHALLENGE_BYTES) throw new FormatError('Challenge has the wrong length');
	return challenge;
}

/**
 * The answer of a channel key holder: refuses a secret key whose public key is not the
 * version's (a junk or substituted grant), then opens the challenge with it.
 */
export function answerChannelKeyChallenge(
	channelSecretKey: Uint8Array,
	channelPublicKey: Uint8Array,
	sealedChallenge: Uint8Array
): Uint8Array {
	expectLength(channelSecretKey, X25519_KEY_BYTES, 'Channel secret key');
	expectLength(channelPublicKey, X25519_KEY_BYTES, 'Channel public key');
	const derivedPublicKey = sodiumInstance().crypto_scalarmult_base(channelSecretKey);
	if (!bytesEqual(derivedPublicKey, channelPublicKey)) {
		throw new DecryptionError('The key sealed to you is not the key this version announces');
	}
	return openChallenge(sealedChallenge, { publicKey: channelPublicKey, secretKey: channelSecretKey });
}

/** The answer of a corpus key holder, checked against the version's check public key. */
export function answerCorpusKeyChallenge(
	corpusKey: Uint8Array,
	checkPublicKey: Uint8Array,
	sealedChallenge: Uint8Array
): Uint8Array {
	expectLength(checkPublicKey, X25519_KEY_BYTES, 'Check public key');
	const pair = corpusKeyCheckKeyPair(corpusKey);
	try {
		if (!bytesEqual(pair.publicKey, checkPublicKey)) {
			throw new DecryptionError('The key sealed to you is not the key this version announces');
		}
		return openChallenge(sealedChallenge, pair);
	} finally {
		pair.secretKey.fill(0);
	}
}
