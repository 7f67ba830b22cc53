import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError, ReceiptFormatError } from './errors';
import {
	deriveReceiptKeys,
	formatReceipt,
	newReceipt,
	openSealed,
	parseReceipt,
	readyCrypto,
	sealToPublicKey,
	utf8Decode,
	utf8Encode,
	type ReceiptKeys
} from './index';

const RECEIPT = '1234567890123456';
const SALT = Uint8Array.from({ length: 16 }, (_, index) => index);
const OTHER_SALT = Uint8Array.from({ length: 16 }, (_, index) => 255 - index);

let receiptKeys: ReceiptKeys;

function toHex(bytes: Uint8Array): string {
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

beforeAll(async () => {
	await readyCrypto();
	receiptKeys = deriveReceiptKeys(RECEIPT, SALT);
});

describe('newReceipt', () => {
	it('is 16 ASCII digits, different every time', () => {
		const receipt = newReceipt();
		expect(receipt).toMatch(/^[0-9]{16}$/);
		expect(newReceipt()).not.toBe(receipt);
	});

	it('uses every digit in every position over many receipts (uniform digits)', () => {
		const seen = Array.from({ length: 16 }, () => new Set<string>());
		for (let count = 0; count < 400; count++) {
			[...newReceipt()].forEach((digit, position) => seen[position].add(digit));
		}
		for (const digits of seen) expect(digits.size).toBe(10);
	});
});

describe('formatReceipt', () => {
	it('shows 4 groups of 4 digits separated by spaces', () => {
		expect(formatReceipt(RECEIPT)).toBe('1234 5678 9012 3456');
	});

	it('refuses something that is not a receipt with a ReceiptFormatError', () => {
		expect(() => formatReceipt('12345')).toThrow(ReceiptFormatError);
	});
});

describe('parseReceipt', () => {
	it.each([
		['grouped with spaces', '1234 5678 9012 3456'],
		['with a hyphen and spaces', '1234-5678 9012 3456'],
		['with dots, en and em dashes and a minus sign', '1234.5678–9012—345\u22126'],
		['with no-break, thin and narrow no-break spaces', '1234\u00a05678\u20099012\u202f3456'],
		['in Arabic-Indic digits', '١٢٣٤ ٥٦٧٨ ٩٠١٢ ٣٤٥٦'],
		['in Persian digits', '۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶'],
		['in Devanagari digits', '१२३४ ५६७८ ९०१२ ३४५६'],
		['in Bengali digits', '১২৩৪ ৫৬৭৮ ৯০১২ ৩৪৫৬'],
		['in fullwidth digits', '１２３４ ５６７８ ９０１２ ３４５６'],
		['with bidi marks from right-to-left copy/paste', '\u200f\u2066١٢٣٤\u200e ٥٦٧٨\u061c ٩٠١٢ ٣٤٥٦\u2069'],
		['mixing scripts, with surrounding whitespace', '\t١٢٣٤ 5678 ۹۰۱۲ ३४५६\n']
	])('accepts a receipt %s', (_description, input) => {
		expect(parseReceipt(input)).toBe(RECEIPT);
	});

	it.each([
		['15 digits', '123456789012345'],
		['17 digits', '12345678901234567'],
		['letters', '1234 5678 9012 345a'],
		['a Latin O for a zero', '1234 5678 9O12 3456'],
		['punctuation that is not a separator', '1234/5678/9012/3456'],
		['an empty string', ''],
		['superscript digits', '¹234567890123456'],
		['a huge paste', '1'.repeat(10_000)]
	])('rejects %s with a ReceiptFormatError', (_description, input) => {
		expect(() => parseReceipt(input)).toThrow(ReceiptFormatError);
	});

	it('throws ReceiptFormatError, a FormatError', () => {
		expect(() => parseReceipt('x')).toThrow(FormatError);
	});
});

describe('deriveReceiptKeys', () => {
	it('is deterministic for the same receipt and salt, however it was typed', () => {
		const again = deriveReceiptKeys('١٢٣٤ ٥٦٧٨ ٩٠١٢ ٣٤٥٦', SALT);
		expect(again).toEqual(receiptKeys);
		expect(receiptKeys.lookupToken.length).toBe(32);
		expect(receiptKeys.replyKeyPair.publicKey.length).toBe(32);
		expect(receiptKeys.replyKeyPair.secretKey.length).toBe(32);
	});

	it('matches an independent implementation (PyNaCl argon2id + hashlib BLAKE2b KDF)', () => {
		expect(toHex(receiptKeys.lookupToken)).toBe('b849b025a33348ae9180b0a191d73da88c163b2169249faa1b7145c3f04e19bd');
		// PyNaCl PrivateKey.from_seed(replySeed) is crypto_box_seed_keypair.
		expect(toHex(receiptKeys.replyKeyPair.publicKey)).toBe(
			'1d10e684522a45aa3b85baf6a6d61b4c5d43ae4a64f37e5404266e2a2faaff0c'
		);
	});

	it('differs for another receipt', () => {
		const other = deriveReceiptKeys('1234567890123457', SALT);
		expect(other.lookupToken).not.toEqual(receiptKeys.lookupToken);
		expect(other.replyKeyPair.publicKey).not.toEqual(receiptKeys.replyKeyPair.publicKey);
	});

	it('differs for another deployment salt', () => {
		const other = deriveReceiptKeys(RECEIPT, OTHER_SALT);
		expect(other.lookupToken).not.toEqual(receiptKeys.lookupToken);
		expect(other.replyKeyPair.publicKey).not.toEqual(receiptKeys.replyKeyPair.publicKey);
	});

	it('gives a reply key pair that opens what staff seal to its public key', () => {
		const reply = utf8Encode('شكراً لشهادتك. ኣመስግነና።');
		const sealed = sealToPublicKey(reply, receiptKeys.replyKeyPair.publicKey);
		expect(utf8Decode(openSealed(sealed, receiptKeys.replyKeyPair))).toBe(utf8Decode(reply));
	});

	it('refuses a salt that is not 16 bytes with a FormatError, and a bad receipt with a ReceiptFormatError', () => {
		expect(() => deriveReceiptKeys(RECEIPT, new Uint8Array(8))).toThrow(FormatError);
		expect(() => deriveReceiptKeys('1234', SALT)).toThrow(ReceiptFormatError);
	});
});
