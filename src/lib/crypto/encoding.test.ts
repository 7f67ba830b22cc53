import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from './errors';
import {
	bytesEqual,
	fromBase64url,
	hasCanonicalTail,
	readyCrypto,
	toBase64url,
	utf8Decode,
	utf8Encode
} from './index';

beforeAll(async () => {
	await readyCrypto();
});

describe('base64url', () => {
	it('round-trips bytes of every length', () => {
		for (let length = 0; length < 40; length++) {
			const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + length) & 0xff);
			expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
		}
	});

	it('uses the URL-safe alphabet without padding', () => {
		const encoded = toBase64url(new Uint8Array([0xfb, 0xff, 0xfe, 0x00]));
		expect(encoded).toBe('-__-AA');
		expect(encoded).not.toMatch(/[=+/]/);
	});

	it('rejects padding, the standard alphabet, whitespace, bad lengths and junk with a FormatError', () => {
		for (const invalid of ['AA==', '+/8', 'AA AA', 'A', 'AB', '!!', 'QUJDx', 'AA\n']) {
			expect(() => fromBase64url(invalid), invalid).toThrow(FormatError);
		}
	});

	it('knows the one canonical spelling of a last partial group (the check the browser decoder relies on)', () => {
		for (let length = 0; length < 12; length++) {
			expect(hasCanonicalTail(toBase64url(new Uint8Array(length).fill(0xff)))).toBe(true);
		}
		expect(hasCanonicalTail('AB')).toBe(false);
		expect(hasCanonicalTail('AAB')).toBe(false);
		expect(hasCanonicalTail('AAE')).toBe(true);
		expect(hasCanonicalTail('AQ')).toBe(true);
	});
});

describe('UTF-8', () => {
	it('round-trips Arabic, Tigrinya and emoji text', () => {
		const text = 'شهادة · ምስክርነት · 🕊️';
		expect(utf8Decode(utf8Encode(text))).toBe(text);
	});

	it('rejects invalid UTF-8 with a FormatError instead of replacing characters', () => {
		expect(() => utf8Decode(new Uint8Array([0xc3, 0x28]))).toThrow(FormatError);
	});
});

describe('bytesEqual', () => {
	it('compares contents, and is false for different lengths', () => {
		expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
		expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
		expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
	});
});
