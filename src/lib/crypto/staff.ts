import { decryptWithKey, encryptWithKey } from './aead';
import { CRYPTO, type StaffPwhashParams } from './constants';
import { bytesEqual, expectLength, utf8Encode } from './encoding';
import { CryptoError, DecryptionError, FormatError } from './errors';
import { sodiumInstance } from './sodium';

export type StaffKeys = { authKey: Uint8Array; keyEncryptionKey: Uint8Array };
export type StaffKeyPair = { publicKey: Uint8Array; secretKey: Uint8Array };
export type WrappedKey = { version: 1; nonce: Uint8Array; ciphertext: Uint8Array };
export type WrappingPurpose = 'passphrase' | 'recovery';

const X25519_KEY_BYTES = 32;

/**
 * Upper bounds: not part of the format, only there so that a hostile server cannot make a
 * staff browser hang or run out of memory with absurd parameters.
 */
const STAFF_PWHASH_CEILING = Object.freeze({ opsLimit: 16, memLimitBytes: 1024 * 1024 * 1024 });

const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_KEY_CHARS = (CRYPTO.recoveryKeyBytes * 8) / 5;

export function newPwhashSalt(): Uint8Array {
	return sodiumInstance().randombytes_buf(CRYPTO.staffPwhash.saltBytes);
}

/** Refuses parameters weaker than CRYPTO.staffPwhash, so a hostile server cannot downgrade. */
export function assertStaffPwhashParams(params: StaffPwhashParams): void {
	const minimum = CRYPTO.staffPwhash;
	if (
		!params ||
		params.algorithm !== minimum.algorithm ||
		!Number.isSafeInteger(params.opsLimit) ||
		!Number.isSafeInteger(params.memLimitBytes)
	) {
		throw new FormatError('Unsupported password hashing parameters');
	}
	if (params.opsLimit < minimum.opsLimit || params.memLimitBytes < minimum.memLimitBytes) {
		throw new FormatError('Password hashing parameters are weaker than the minimum');
	}
	if (params.opsLimit > STAFF_PWHASH_CEILING.opsLimit || params.memLimitBytes > STAFF_PWHASH_CEILING.memLimitBytes) {
		throw new FormatError('Password hashing parameters are unreasonably large');
	}
}

/**
 * Argon2id(passphrase) → 32-byte master key → crypto_kdf subkeys 1 (authKey, sent to the
 * server) and 2 (keyEncryptionKey, never leaves the browser).
 */
export function deriveStaffKeys(passphrase: string, salt: Uint8Array, params: StaffPwhashParams): StaffKeys {
	const sodium = sodiumInstance();
	if (typeof passphrase !== 'string') throw new FormatError('Passphrase must be a string');
	expectLength(salt, CRYPTO.staffPwhash.saltBytes, 'Salt');
	assertStaffPwhashParams(params);

	// NFC so that the same passphrase typed on different keyboards/OSes gives the same bytes.
	const passphraseBytes = utf8Encode(passphrase.normalize('NFC'));
	let masterKey: Uint8Array | undefined;
	try {
		masterKey = sodium.crypto_pwhash(
			CRYPTO.symmetricKeyBytes,
			passphraseBytes,
			salt,
			params.opsLimit,
			params.memLimitBytes,
			sodium.crypto_pwhash_ALG_ARGON2ID13
		);
		return {
			authKey: sodium.crypto_kdf_derive_from_key(
				CRYPTO.symmetricKeyBytes,
				CRYPTO.kdfSubkey.staffAuthKey,
				CRYPTO.kdfContext.staff,
				masterKey
			),
			keyEncryptionKey: sodium.crypto_kdf_derive_from_key(
				CRYPTO.symmetricKeyBytes,
				CRYPTO.kdfSubkey.staffKeyEncryptionKey,
				CRYPTO.kdfContext.staff,
				masterKey
			)
		};
	} catch (cause) {
		if (cause instanceof CryptoError) throw cause;
		throw new CryptoError('Password hashing failed', { cause });
	} finally {
		sodium.memzero(passphraseBytes);
		if (masterKey) sodium.memzero(masterKey);
	}
}

export function newStaffKeyPair(): StaffKeyPair {
	const { publicKey, privateKey } = sodiumInstance().crypto_box_keypair();
	return { publicKey, secretKey: privateKey };
}

/** Binds a wrapped secret key to its public key and to the kind of key that wraps it. */
export function wrappedSecretKeyAdditionalData(publicKey: Uint8Array, purpose: WrappingPurpose): Uint8Array {
	if (purpose !== 'passphrase' && purpose !== 'recovery') {
		throw new FormatError('Unknown wrapping purpose');
	}
	expectLength(publicKey, X25519_KEY_BYTES, 'Public key');
	const prefix = utf8Encode(`trips-voice:v1:staff-secret-key:${purpose}:`);
	const additionalData = new Uint8Array(prefix.length + publicKey.length);
	additionalData.set(prefix, 0);
	additionalData.set(publicKey, prefix.length);
	return additionalData;
}

export function wrapSecretKey(
	secretKey: Uint8Array,
	wrappingKey: Uint8Array,
	publicKey: Uint8Array,
	purpose: WrappingPurpose
): WrappedKey {
	expectLength(secretKey, X25519_KEY_BYTES, 'Secret key');
	const additionalData = wrappedSecretKeyAdditionalData(publicKey, purpose);
	const { nonce, ciphertext } = encryptWithKey(secretKey, wrappingKey, additionalData);
	return { version: 1, nonce, ciphertext };
}

export function unwrapSecretKey(
	wrapped: WrappedKey,
	wrappingKey: Uint8Array,
	publicKey: Uint8Array,
	purpose: WrappingPurpose
): Uint8Array {
	const sodium = sodiumInstance();
	if (!wrapped || wrapped.version !== 1) throw new FormatError('Unknown wrapped key version');
	const additionalData = wrappedSecretKeyAdditionalData(publicKey, purpose);
	const secretKey = decryptWithKey(wrapped.nonce, wrapped.ciphertext, wrappingKey, additionalData);
	if (secretKey.length !== X25519_KEY_BYTES) {
		sodium.memzero(secretKey);
		throw new FormatError('Wrapped secret key has a wrong length');
	}
	// Defence in depth: the authenticated additional data already names the public key.
	if (!bytesEqual(sodium.crypto_scalarmult_base(secretKey), publicKey)) {
		sodium.memzero(secretKey);
		throw new DecryptionError('Secret key does not match its public key');
	}
	return secretKey;
}

function encodeCrockford(bytes: Uint8Array): string {
	let text = '';
	let buffer = 0;
	let bufferedBits = 0;
	for (const byte of bytes) {
		buffer = ((buffer << 8) | byte) & 0xfff;
		bufferedBits += 8;
		while (bufferedBits >= 5) {
			bufferedBits -= 5;
			text += CROCKFORD_ALPHABET[(buffer >> bufferedBits) & 31];
		}
	}
	if (bufferedBits > 0) text += CROCKFORD_ALPHABET[(buffer << (5 - bufferedBits)) & 31];
	return text;
}

/** Decodes exactly RECOVERY_KEY_CHARS normalised Crockford characters (no leftover bits). */
function decodeCrockford(text: string): Uint8Array {
	const bytes = new Uint8Array(CRYPTO.recoveryKeyBytes);
	let buffer = 0;
	let bufferedBits = 0;
	let byteIndex = 0;
	for (const character of text) {
		const value = CROCKFORD_ALPHABET.indexOf(character);
		if (value < 0) throw new FormatError('Recovery key contains an invalid character');
		buffer = ((buffer << 5) | value) & 0xfff;
		bufferedBits += 5;
		if (bufferedBits >= 8) {
			bufferedBits -= 8;
			bytes[byteIndex++] = (buffer >> bufferedBits) & 0xff;
		}
	}
	return bytes;
}

/**
 * The recovery bytes are 160 uniformly random bits, so brute force is hopeless whatever the
 * hash speed: a keyed BLAKE2b is enough, unlike a human passphrase that needs Argon2id.
 */
function recoveryBytesToWrappingKey(recoveryBytes: Uint8Array): Uint8Array {
	const hashKey = utf8Encode(CRYPTO.recoveryHashKey);
	return sodiumInstance().crypto_generichash(CRYPTO.symmetricKeyBytes, recoveryBytes, hashKey);
}

/**
 * A second key from the same recovery bytes, under another BLAKE2b key: sent to the server
 * (which keeps its SHA-256) to prove possession of the recovery key during account recovery.
 * It cannot be turned back into the wrapping key.
 */
function recoveryBytesToAuthKey(recoveryBytes: Uint8Array): Uint8Array {
	return sodiumInstance().crypto_generichash(
		CRYPTO.symmetricKeyBytes,
		recoveryBytes,
		utf8Encode(CRYPTO.recoveryAuthHashKey)
	);
}

/** 20 random bytes shown once as 'XXXX-XXXX-…' (8 groups of 4 Crockford base32 characters). */
export function newRecoveryKey(): { recoveryKey: string; wrappingKey: Uint8Array; authKey: Uint8Array } {
	const sodium = sodiumInstance();
	const recoveryBytes = sodium.randombytes_buf(CRYPTO.recoveryKeyBytes);
	try {
		const encoded = encodeCrockford(recoveryBytes);
		const recoveryKey = encoded.match(/.{4}/g)?.join('-') ?? encoded;
		return {
			recoveryKey,
			wrappingKey: recoveryBytesToWrappingKey(recoveryBytes),
			authKey: recoveryBytesToAuthKey(recoveryBytes)
		};
	} finally {
		sodium.memzero(recoveryBytes);
	}
}

/** The wrapping key and the proof-of-possession key of a typed recovery key. */
export function recoveryKeys(recoveryKeyInput: string): { wrappingKey: Uint8Array; authKey: Uint8Array } {
	const recoveryBytes = parseRecoveryKey(recoveryKeyInput);
	try {
		return {
			wrappingKey: recoveryBytesToWrappingKey(recoveryBytes),
			authKey: recoveryBytesToAuthKey(recoveryBytes)
		};
	} finally {
		sodiumInstance().memzero(recoveryBytes);
	}
}

/** Case-insensitive; ignores whitespace and dashes; reads O as 0 and I/L as 1. */
export function recoveryWrappingKey(recoveryKeyInput: string): Uint8Array {
	return recoveryKeys(recoveryKeyInput).wrappingKey;
}

function parseRecoveryKey(recoveryKeyInput: string): Uint8Array {
	if (typeof recoveryKeyInput !== 'string') throw new FormatError('Recovery key must be text');
	const normalised = recoveryKeyInput
		.toUpperCase()
		.replace(/[\s\-\u2010-\u2015\u2212]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (normalised.length !== RECOVERY_KEY_CHARS) {
		throw new FormatError(`A recovery key is ${RECOVERY_KEY_CHARS} characters`);
	}
	return decodeCrockford(normalised);
}
