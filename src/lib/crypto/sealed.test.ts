import { beforeAll, describe, expect, it } from 'vitest';
import { DecryptionError, FormatError } from './errors';
import {
	newChannelKeyPair,
	newCorpusKey,
	newStaffKeyPair,
	openSealed,
	publicKeyFingerprint,
	readyCrypto,
	sealToPublicKey
} from './index';

beforeAll(async () => {
	await readyCrypto();
});

describe('sealing a key to a public key', () => {
	it('lets the recipient open what was sealed to their public key', () => {
		const staff = newStaffKeyPair();
		const channel = newChannelKeyPair();
		const sealed = sealToPublicKey(channel.secretKey, staff.publicKey);
		expect(sealed.length).toBe(32 + 48);
		expect(openSealed(sealed, staff)).toEqual(channel.secretKey);
	});

	it('refuses to open for anyone else, with a DecryptionError', () => {
		const corpusKey = newCorpusKey();
		const sealed = sealToPublicKey(corpusKey, newStaffKeyPair().publicKey);
		expect(() => openSealed(sealed, newStaffKeyPair())).toThrow(DecryptionError);
	});

	it('detects a flipped byte with a DecryptionError', () => {
		const staff = newStaffKeyPair();
		const sealed = sealToPublicKey(newCorpusKey(), staff.publicKey);
		sealed[sealed.length - 1] ^= 1;
		expect(() => openSealed(sealed, staff)).toThrow(DecryptionError);
	});

	it('reports a box shorter than its overhead as a FormatError', () => {
		expect(() => openSealed(new Uint8Array(47), newStaffKeyPair())).toThrow(FormatError);
	});

	it('refuses a public key of the wrong length with a FormatError', () => {
		expect(() => sealToPublicKey(new Uint8Array(1), new Uint8Array(31))).toThrow(FormatError);
	});

	it('makes 32-byte corpus keys that differ every time', () => {
		const first = newCorpusKey();
		expect(first.length).toBe(32);
		expect(newCorpusKey()).not.toEqual(first);
	});
});

describe('publicKeyFingerprint', () => {
	it('shows 6 groups of 4 uppercase hex characters, stable for a key and different across keys', () => {
		const { publicKey } = newChannelKeyPair();
		const fingerprint = publicKeyFingerprint(publicKey);
		expect(fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){5}$/);
		expect(publicKeyFingerprint(publicKey)).toBe(fingerprint);
		expect(publicKeyFingerprint(newChannelKeyPair().publicKey)).not.toBe(fingerprint);
	});

	it('is the first 12 bytes of an unkeyed 16-byte BLAKE2b of the key (known answer)', () => {
		// BLAKE2b-128 of 32 zero bytes, computed independently with Python hashlib.
		expect(publicKeyFingerprint(new Uint8Array(32))).toBe(KNOWN_ZERO_KEY_FINGERPRINT);
	});
});

const KNOWN_ZERO_KEY_FINGERPRINT = 'FF0F 2249 2F44 BAC4 C4B3 0AE5';
