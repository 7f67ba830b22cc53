import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from './errors';
import { bytesEqual, fromBase64url, readyCrypto, toBase64url, utf8Decode, utf8Encode } from './index';

beforeAll(async () => {
	await readyCrypto();
});

// The codec itself is tested in $lib/encoding/base64url.test.ts, against libsodium's.
describe('base64url, as this module exports it', () => {
	it('round-trips bytes of every length', () => {
		for (let length = 0; length < 40; length++) {
			const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + length) & 0xff);
			expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
		}
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
