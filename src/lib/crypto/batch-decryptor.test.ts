import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	BatchDecryptor,
	DecryptionError,
	FormatError,
	decryptWithKey,
	encryptWithKey,
	newCorpusKey,
	readyCrypto,
	researchRecordAdditionalData,
	researchRecordAdditionalText,
	utf8Encode
} from './index';

beforeAll(readyCrypto);

const sealedUnder = (key: Uint8Array, length: number, additionalText: string) => {
	// Node's generator: libsodium's takes seconds for a few megabytes.
	const plaintext = new Uint8Array(randomBytes(length));
	return { plaintext, ...encryptWithKey(plaintext, key, utf8Encode(additionalText)) };
};

describe('decrypting a batch under one key', () => {
	it('gives what decryptWithKey gives, for every length, as its working memory grows', () => {
		const key = newCorpusKey();
		const decryptor = new BatchDecryptor(key);
		// Up to 3 MB: libsodium's memory must grow under the decryptor, which replaces its array.
		const lengths = [0, 1, 15, 16, 17, 511, 512, 2_700, 70_000, 3_000_000, 40, 200_000];
		for (const [index, length] of lengths.entries()) {
			const additional = researchRecordAdditionalText(`record-${index}`, 1);
			const { plaintext, nonce, ciphertext } = sealedUnder(key, length, additional);
			// A copy: any later call into libsodium may grow its memory, which detaches the view.
			const opened = Buffer.from(decryptor.decrypt(nonce, ciphertext, additional));
			const single = decryptWithKey(nonce, ciphertext, key, researchRecordAdditionalData(`record-${index}`, 1));
			expect(opened.equals(single)).toBe(true);
			expect(opened.equals(plaintext)).toBe(true);
		}
		decryptor.dispose();
	});

	it('encodes the additional data as UTF-8, as the single calls do', () => {
		const key = newCorpusKey();
		const additional = 'trips-voice:v1:لا أحد:é:😢';
		const { plaintext, nonce, ciphertext } = sealedUnder(key, 300, additional);
		expect(new BatchDecryptor(key).decrypt(nonce, ciphertext, additional)).toEqual(plaintext);
	});

	it('refuses a ciphertext that is tampered with, bound elsewhere, under another key or cut short', () => {
		const key = newCorpusKey();
		const decryptor = new BatchDecryptor(key);
		const { nonce, ciphertext } = sealedUnder(key, 100, 'record-a');
		const tampered = ciphertext.slice();
		tampered[5] ^= 1;
		expect(() => decryptor.decrypt(nonce, tampered, 'record-a')).toThrow(DecryptionError);
		expect(() => decryptor.decrypt(nonce, ciphertext, 'record-b')).toThrow(DecryptionError);
		expect(() => new BatchDecryptor(newCorpusKey()).decrypt(nonce, ciphertext, 'record-a')).toThrow(DecryptionError);
		expect(() => decryptor.decrypt(nonce, ciphertext.subarray(0, 15), 'record-a')).toThrow(FormatError);
		expect(() => decryptor.decrypt(nonce.subarray(1), ciphertext, 'record-a')).toThrow(FormatError);
		// A refusal leaves the decryptor working.
		expect(decryptor.decrypt(nonce, ciphertext, 'record-a')).toHaveLength(100);
	});

	it('wipes the last plaintext on demand, and the key and plaintext when disposed of', () => {
		const key = newCorpusKey();
		const decryptor = new BatchDecryptor(key);
		const { nonce, ciphertext } = sealedUnder(key, 2_000, 'record-a');
		const opened = decryptor.decrypt(nonce, ciphertext, 'record-a');
		expect(opened.some((byte) => byte !== 0)).toBe(true);
		decryptor.wipe();
		expect(opened.every((byte) => byte === 0)).toBe(true);
		const again = decryptor.decrypt(nonce, ciphertext, 'record-a');
		decryptor.dispose();
		expect(again.every((byte) => byte === 0)).toBe(true);
		expect(() => decryptor.decrypt(nonce, ciphertext, 'record-a')).toThrow(FormatError);
		decryptor.dispose();
	});
});
