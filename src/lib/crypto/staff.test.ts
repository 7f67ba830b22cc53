import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError, DecryptionError, FormatError } from './errors';
import {
	CRYPTO,
	deriveStaffKeys,
	newPwhashSalt,
	newRecoveryKey,
	recoveryKeys,
	toBase64url,
	newStaffKeyPair,
	readyCrypto,
	recoveryWrappingKey,
	unwrapSecretKey,
	wrapSecretKey,
	type StaffKeys,
	type WrappedKey
} from './index';

const REAL_PARAMS = {
	algorithm: CRYPTO.staffPwhash.algorithm,
	opsLimit: CRYPTO.staffPwhash.opsLimit,
	memLimitBytes: CRYPTO.staffPwhash.memLimitBytes
};
const PASSPHRASE = 'correct horse battery staple';
/** Fixed so that the derivation below doubles as a known-answer test. */
const SALT = Uint8Array.from({ length: 16 }, (_, index) => index);

let derived: StaffKeys;

beforeAll(async () => {
	await readyCrypto();
	// Argon2id at the real cost (ops 3, 64 MiB): keep the number of these derivations small.
	derived = deriveStaffKeys(PASSPHRASE, SALT, REAL_PARAMS);
});

function toHex(bytes: Uint8Array): string {
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function flipByte(bytes: Uint8Array, index: number): Uint8Array {
	const copy = bytes.slice();
	copy[index] ^= 0x01;
	return copy;
}

describe('deriveStaffKeys', () => {
	it('makes 16-byte random salts', () => {
		const first = newPwhashSalt();
		expect(first.length).toBe(16);
		expect(newPwhashSalt()).not.toEqual(first);
	});

	it('matches an independent implementation (PyNaCl argon2id + hashlib BLAKE2b KDF)', () => {
		expect(toHex(derived.authKey)).toBe('fec96d6b2959dae22d14dcee5df9c341e959d077db26022c567307690b430837');
		expect(toHex(derived.keyEncryptionKey)).toBe('7fec3d28f732ec177acfe7f2cd609e81c092e5d6fbbda9ba324c3aa9cc16d273');
	});

	it('is deterministic for the same passphrase and salt (NFC-normalised)', () => {
		// 'é' typed as e + combining acute must give the same keys as the precomposed 'é'.
		const decomposed = deriveStaffKeys('caf\u0065\u0301 ' + PASSPHRASE, SALT, REAL_PARAMS);
		const precomposed = deriveStaffKeys('caf\u00e9 ' + PASSPHRASE, SALT, REAL_PARAMS);
		expect(decomposed).toEqual(precomposed);
		expect(decomposed.authKey).not.toEqual(derived.authKey);
	});

	it('gives different keys with another salt', () => {
		const other = deriveStaffKeys(PASSPHRASE, newPwhashSalt(), REAL_PARAMS);
		expect(other.authKey).not.toEqual(derived.authKey);
		expect(other.keyEncryptionKey).not.toEqual(derived.keyEncryptionKey);
	});

	it('derives 32-byte keys, and the auth key sent to the server is not the key-encryption key', () => {
		expect(derived.authKey.length).toBe(32);
		expect(derived.keyEncryptionKey.length).toBe(32);
		expect(derived.authKey).not.toEqual(derived.keyEncryptionKey);
	});

	it('refuses parameters weaker than the minimum with a FormatError (no downgrade by the server)', () => {
		const weaker = [
			{ ...REAL_PARAMS, opsLimit: 2 },
			{ ...REAL_PARAMS, memLimitBytes: 32 * 1024 * 1024 },
			{ ...REAL_PARAMS, algorithm: 1 },
			{ ...REAL_PARAMS, opsLimit: Number.NaN }
		];
		for (const params of weaker) {
			expect(() => deriveStaffKeys(PASSPHRASE, SALT, params), JSON.stringify(params)).toThrow(FormatError);
		}
	});

	it('refuses absurdly large parameters that would hang the browser, with a FormatError', () => {
		expect(() => deriveStaffKeys(PASSPHRASE, SALT, { ...REAL_PARAMS, memLimitBytes: 2 ** 40 })).toThrow(FormatError);
	});

	it('refuses a salt that is not 16 bytes with a FormatError', () => {
		expect(() => deriveStaffKeys(PASSPHRASE, new Uint8Array(8), REAL_PARAMS)).toThrow(FormatError);
	});
});

describe('wrapSecretKey / unwrapSecretKey', () => {
	it('round-trips a secret key wrapped with the passphrase-derived key', () => {
		const keyPair = newStaffKeyPair();
		const wrapped = wrapSecretKey(keyPair.secretKey, derived.keyEncryptionKey, keyPair.publicKey, 'passphrase');
		expect(wrapped.version).toBe(1);
		expect(wrapped.nonce.length).toBe(24);
		expect(wrapped.ciphertext.length).toBe(32 + 16);
		expect(unwrapSecretKey(wrapped, derived.keyEncryptionKey, keyPair.publicKey, 'passphrase')).toEqual(
			keyPair.secretKey
		);
	});

	it('round-trips a secret key wrapped with the recovery key', () => {
		const keyPair = newStaffKeyPair();
		const { recoveryKey, wrappingKey } = newRecoveryKey();
		const wrapped = wrapSecretKey(keyPair.secretKey, wrappingKey, keyPair.publicKey, 'recovery');
		const typedBack = recoveryWrappingKey(recoveryKey);
		expect(unwrapSecretKey(wrapped, typedBack, keyPair.publicKey, 'recovery')).toEqual(keyPair.secretKey);
	});

	describe('refuses to unwrap', () => {
		const keyPair = { publicKey: new Uint8Array(), secretKey: new Uint8Array() };
		let wrappingKey: Uint8Array;
		let wrapped: WrappedKey;

		beforeAll(() => {
			Object.assign(keyPair, newStaffKeyPair());
			wrappingKey = newRecoveryKey().wrappingKey;
			wrapped = wrapSecretKey(keyPair.secretKey, wrappingKey, keyPair.publicKey, 'passphrase');
		});

		it('with the wrong wrapping key: DecryptionError', () => {
			const wrongKey = newRecoveryKey().wrappingKey;
			expect(() => unwrapSecretKey(wrapped, wrongKey, keyPair.publicKey, 'passphrase')).toThrow(DecryptionError);
		});

		it('as the other purpose (passphrase vs recovery): DecryptionError', () => {
			expect(() => unwrapSecretKey(wrapped, wrappingKey, keyPair.publicKey, 'recovery')).toThrow(DecryptionError);
		});

		it('for another public key: DecryptionError', () => {
			const otherPublicKey = newStaffKeyPair().publicKey;
			expect(() => unwrapSecretKey(wrapped, wrappingKey, otherPublicKey, 'passphrase')).toThrow(DecryptionError);
		});

		it('when a ciphertext or nonce byte was flipped: DecryptionError', () => {
			const tamperedCiphertext = { ...wrapped, ciphertext: flipByte(wrapped.ciphertext, 3) };
			const tamperedNonce = { ...wrapped, nonce: flipByte(wrapped.nonce, 0) };
			for (const tampered of [tamperedCiphertext, tamperedNonce]) {
				expect(() => unwrapSecretKey(tampered, wrappingKey, keyPair.publicKey, 'passphrase')).toThrow(DecryptionError);
			}
		});

		it('a truncated ciphertext: a typed CryptoError (FormatError below the tag length)', () => {
			const shortened = { ...wrapped, ciphertext: wrapped.ciphertext.subarray(0, 40) };
			expect(() => unwrapSecretKey(shortened, wrappingKey, keyPair.publicKey, 'passphrase')).toThrow(DecryptionError);
			const belowTag = { ...wrapped, ciphertext: wrapped.ciphertext.subarray(0, 15) };
			expect(() => unwrapSecretKey(belowTag, wrappingKey, keyPair.publicKey, 'passphrase')).toThrow(FormatError);
		});

		it('a nonce of the wrong length or an unknown version: FormatError', () => {
			const shortNonce = { ...wrapped, nonce: wrapped.nonce.subarray(0, 12) };
			expect(() => unwrapSecretKey(shortNonce, wrappingKey, keyPair.publicKey, 'passphrase')).toThrow(FormatError);
			const version2 = { ...wrapped, version: 2 } as unknown as WrappedKey;
			expect(() => unwrapSecretKey(version2, wrappingKey, keyPair.publicKey, 'passphrase')).toThrow(FormatError);
		});

		it('a validly encrypted secret key that does not match the public key: DecryptionError', () => {
			// Only someone holding the wrapping key can build this; the check is defence in depth.
			const stranger = newStaffKeyPair();
			const mismatched = wrapSecretKey(stranger.secretKey, wrappingKey, keyPair.publicKey, 'passphrase');
			expect(() => unwrapSecretKey(mismatched, wrappingKey, keyPair.publicKey, 'passphrase')).toThrow(DecryptionError);
		});
	});

	it('throws only CryptoError subclasses, never plain Errors', () => {
		const keyPair = newStaffKeyPair();
		let caught: unknown;
		try {
			unwrapSecretKey(
				{ version: 1, nonce: new Uint8Array(24), ciphertext: new Uint8Array(48) },
				new Uint8Array(32),
				keyPair.publicKey,
				'passphrase'
			);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(CryptoError);
		expect(caught).toBeInstanceOf(Error);
		expect((caught as Error).name).toBe('DecryptionError');
	});
});

describe('recovery key', () => {
	it('is 8 groups of 4 Crockford base32 characters', () => {
		const { recoveryKey, wrappingKey } = newRecoveryKey();
		expect(recoveryKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
		expect(wrappingKey.length).toBe(32);
		expect(newRecoveryKey().recoveryKey).not.toBe(recoveryKey);
	});

	it('gives the same wrapping key when typed back', () => {
		const { recoveryKey, wrappingKey } = newRecoveryKey();
		expect(recoveryWrappingKey(recoveryKey)).toEqual(wrappingKey);
	});

	it('accepts lowercase, missing dashes, spaces, and O/0, I/1, L/1 confusion', () => {
		const canonical = '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ';
		const expected = recoveryWrappingKey(canonical);
		const variants = [
			canonical.toLowerCase(),
			canonical.replace(/-/g, ''),
			canonical.replace(/-/g, ' '),
			'O' + canonical.slice(1),
			canonical.replace('1', 'I'),
			canonical.replace('1', 'l'),
			`  ${canonical}\n`
		];
		for (const variant of variants) {
			expect(recoveryWrappingKey(variant), variant).toEqual(expected);
		}
	});

	it('is a keyed BLAKE2b of the 20 decoded bytes (known answer)', () => {
		// 'ZZZZ…' (32 × 'Z') decodes to 20 bytes of 0xff; hash computed independently with
		// Python: hashlib.blake2b(b'\xff' * 20, digest_size=32, key=b'trips-voice:v1:recovery').
		const wrappingKey = recoveryWrappingKey('Z'.repeat(32));
		expect(toHex(wrappingKey)).toBe(KNOWN_ALL_ONES_WRAPPING_KEY);
	});

	it('rejects wrong lengths and characters outside the alphabet with a FormatError', () => {
		const { recoveryKey } = newRecoveryKey();
		for (const invalid of [
			recoveryKey.slice(0, -1),
			recoveryKey + 'A',
			'',
			recoveryKey.slice(0, -1) + 'U',
			recoveryKey.slice(0, -1) + '*'
		]) {
			expect(() => recoveryWrappingKey(invalid), invalid).toThrow(FormatError);
		}
	});
});

const KNOWN_ALL_ONES_WRAPPING_KEY = '82a9ec7ee8e41ebfc323877b2866e65d463c62c1e4ee1a03d8b761dc1452c50d';

describe('recovery proof of possession', () => {
	it('derives the same auth key from the shown recovery key, different from its wrapping key', () => {
		const fresh = newRecoveryKey();
		const typed = recoveryKeys(fresh.recoveryKey.toLowerCase().replace(/-/g, ' '));
		expect(toBase64url(typed.authKey)).toBe(toBase64url(fresh.authKey));
		expect(toBase64url(typed.wrappingKey)).toBe(toBase64url(fresh.wrappingKey));
		expect(toBase64url(fresh.authKey)).not.toBe(toBase64url(fresh.wrappingKey));
	});
});
