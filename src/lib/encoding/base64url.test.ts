import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from '$lib/crypto/errors';
import { base64urlInJs, fromBase64url, fromBase64urlIgnoringTail, hasCanonicalTail, toBase64url } from './base64url';

// Checked against libsodium's own codec, which the portal used before this module existed.
const NO_PADDING = () => sodium.base64_variants.URLSAFE_NO_PADDING;
const sodiumEncode = (bytes: Uint8Array) => sodium.to_base64(bytes, NO_PADDING());
const sodiumDecode = (text: string): Uint8Array | 'rejected' => {
	try {
		return sodium.from_base64(text, NO_PADDING());
	} catch {
		return 'rejected';
	}
};
const decoded = (decode: (text: string) => Uint8Array, text: string): Uint8Array | 'rejected' => {
	try {
		return decode(text);
	} catch (cause) {
		expect(cause).toBeInstanceOf(FormatError);
		return 'rejected';
	}
};

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALL_BYTE_VALUES = Uint8Array.from({ length: 256 }, (_, index) => index);
/** Bytes of every length up to 40, and every byte value at each of the three positions in a group. */
const SAMPLES = [
	...Array.from({ length: 40 }, (_, length) => Uint8Array.from({ length }, (_, index) => (index * 37 + length) & 0xff)),
	ALL_BYTE_VALUES,
	ALL_BYTE_VALUES.subarray(1),
	ALL_BYTE_VALUES.subarray(2),
	new Uint8Array(0)
];

/** Short strings over the alphabet plus padding, the standard alphabet, whitespace and other junk. */
function candidateTexts(): string[] {
	const characters = 'AQgw_-9z+/= .\n!é';
	const texts = ['', 'A', 'AB', 'AQ', 'AAB', 'AAE', 'AA==', 'AA AA', 'QUJDx', '-__-AA', '\u0000AAA'];
	for (const first of characters) {
		for (const second of characters) texts.push(first + second, `AAAA${first}${second}`, `AA${first}${second}A`);
	}
	for (let length = 0; length < 24; length++) {
		texts.push(Array.from({ length }, (_, index) => ALPHABET[(index * 29 + length * 7) % 64]).join(''));
	}
	return texts;
}

beforeAll(async () => {
	await sodium.ready;
});

describe('toBase64url', () => {
	it('writes exactly what libsodium writes, for empty input, every length and every byte value', () => {
		for (const bytes of SAMPLES) {
			expect(toBase64url(bytes)).toBe(sodiumEncode(bytes));
			expect(base64urlInJs.encode(bytes)).toBe(sodiumEncode(bytes));
		}
		expect(toBase64url(new Uint8Array(0))).toBe('');
	});

	it('uses the URL-safe alphabet without padding', () => {
		const encoded = toBase64url(new Uint8Array([0xfb, 0xff, 0xfe, 0x00]));
		expect(encoded).toBe('-__-AA');
		expect(encoded).not.toMatch(/[=+/]/);
	});

	it('encodes a view into a larger buffer by its own bytes only', () => {
		const whole = Uint8Array.from([1, 2, 3, 4, 5, 6]);
		expect(toBase64url(whole.subarray(2, 5))).toBe(sodiumEncode(Uint8Array.from([3, 4, 5])));
	});
});

describe('fromBase64url', () => {
	it('reads back every encoding, into a fresh array of its own', () => {
		for (const bytes of SAMPLES) {
			const text = sodiumEncode(bytes);
			const read = fromBase64url(text);
			expect(read).toEqual(bytes);
			expect(read.constructor).toBe(Uint8Array);
			expect(read.byteLength).toBe(read.buffer.byteLength);
			expect(base64urlInJs.decode(text)).toEqual(bytes);
		}
	});

	it('accepts and rejects exactly what libsodium accepts and rejects, rejecting with a FormatError', () => {
		for (const text of candidateTexts()) {
			expect(decoded(fromBase64url, text), JSON.stringify(text)).toEqual(sodiumDecode(text));
		}
	});

	it('rejects padding, the standard alphabet, whitespace, bad lengths, non-canonical tails and non-text', () => {
		for (const invalid of ['AA==', '+/8', 'AA AA', 'A', 'AB', '!!', 'QUJDx', 'AA\n', 'AAB']) {
			expect(() => fromBase64url(invalid), invalid).toThrow(FormatError);
		}
		expect(() => fromBase64url(42 as unknown as string)).toThrow(FormatError);
	});
});

describe('hasCanonicalTail', () => {
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

describe('fromBase64urlIgnoringTail', () => {
	it('decodes alphabet-only text as Node’s Buffer does, trailing bits and a lone last character ignored', () => {
		const alphabetOnly = candidateTexts().filter((text) => /^[A-Za-z0-9_-]*$/.test(text));
		for (const text of alphabetOnly) {
			const node = new Uint8Array(Buffer.from(text, 'base64url'));
			expect(fromBase64urlIgnoringTail(text), text).toEqual(node);
			expect(base64urlInJs.decode(text), text).toEqual(node);
		}
		expect(fromBase64urlIgnoringTail('AB')).toEqual(new Uint8Array([0]));
		expect(fromBase64urlIgnoringTail('AAAAB')).toEqual(new Uint8Array(3));
	});

	it('still refuses anything outside the alphabet', () => {
		for (const invalid of ['AA==', '+/8', 'AA AA'])
			expect(() => fromBase64urlIgnoringTail(invalid)).toThrow(FormatError);
	});
});
