import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError, ReceiptFormatError, ReceiptTypingError } from './errors';
import {
	deriveReceiptKeys,
	formatReceipt,
	newReceipt,
	openSealed,
	parseReceipt,
	readReceipt,
	readyCrypto,
	receiptCheckDigits,
	sealToPublicKey,
	utf8Decode,
	utf8Encode,
	type ReceiptKeys
} from './index';

/** A version 1 receipt (16 digits, no check), as handed out before check digits existed. */
const RECEIPT = '1234567890123456';
/** The same random digits as a version 2 receipt: ISO/IEC 7064 MOD 97-10 check digits 11. */
const CHECKED_RECEIPT = '123456789012345611';
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
	it('is a version 2 receipt: 18 ASCII digits whose last two check the first 16, different every time', () => {
		const receipt = newReceipt();
		expect(receipt).toMatch(/^[0-9]{18}$/);
		expect(readReceipt(receipt)).toEqual({ version: 2, digits: receipt, randomDigits: receipt.slice(0, 16) });
		expect(receipt.slice(16)).toBe(receiptCheckDigits(receipt.slice(0, 16)));
		expect(newReceipt()).not.toBe(receipt);
	});

	it('uses every digit in each of the 16 random positions over many receipts (uniform digits, 53 bits kept)', () => {
		const seen = Array.from({ length: 16 }, () => new Set<string>());
		for (let count = 0; count < 400; count++) {
			[...newReceipt().slice(0, 16)].forEach((digit, position) => seen[position].add(digit));
		}
		for (const digits of seen) expect(digits.size).toBe(10);
	});
});

describe('receiptCheckDigits', () => {
	it.each([
		['1234567890123456', '11'],
		['0000000000000000', '98'],
		['1000000000000017', '09'],
		['9999999999999999', '12']
	])('of %s is %s: the 18 digits are 1 modulo 97 (as in an IBAN)', (randomDigits, check) => {
		expect(receiptCheckDigits(randomDigits)).toBe(check);
		expect(BigInt(randomDigits + check) % 97n).toBe(1n);
	});

	it('refuses anything but 16 ASCII digits', () => {
		expect(() => receiptCheckDigits('123456789012345')).toThrow(ReceiptFormatError);
		expect(() => receiptCheckDigits('١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦')).toThrow(ReceiptFormatError);
	});
});

/** Sample version 2 receipts, as survivors get them (drawn once libsodium is ready). */
let sample: string[] = [];
beforeAll(() => {
	sample = Array.from({ length: 200 }, () => newReceipt());
});

/** Whether reading `typed` refuses it as a typing mistake. */
function caught(typed: string): boolean {
	try {
		readReceipt(typed);
		return false;
	} catch (error) {
		return error instanceof ReceiptTypingError;
	}
}

describe('a version 2 receipt with a typing mistake is refused before any Argon2id', () => {
	it('catches every single-digit substitution', () => {
		const missed: string[] = [];
		let tried = 0;
		for (const receipt of sample) {
			for (let position = 0; position < receipt.length; position++) {
				for (let digit = 0; digit <= 9; digit++) {
					if (String(digit) === receipt[position]) continue;
					const typed = receipt.slice(0, position) + digit + receipt.slice(position + 1);
					if (!caught(typed)) missed.push(typed);
					tried++;
				}
			}
		}
		expect(missed).toEqual([]);
		expect(tried).toBe(sample.length * 18 * 9);
	});

	it('catches every transposition of two adjacent different digits, the check digits included', () => {
		const missed: string[] = [];
		let tried = 0;
		for (const receipt of sample) {
			for (let position = 0; position + 1 < receipt.length; position++) {
				if (receipt[position] === receipt[position + 1]) continue;
				const typed =
					receipt.slice(0, position) + receipt[position + 1] + receipt[position] + receipt.slice(position + 2);
				if (!caught(typed)) missed.push(typed);
				tried++;
			}
		}
		expect(missed).toEqual([]);
		expect(tried).toBeGreaterThan(sample.length * 10);
	});

	it('catches every dropped digit and every doubled digit, which never pass for a version 1 receipt', () => {
		const missed: string[] = [];
		for (const receipt of sample) {
			for (let position = 0; position < receipt.length; position++) {
				const dropped = receipt.slice(0, position) + receipt.slice(position + 1);
				const doubled = receipt.slice(0, position + 1) + receipt.slice(position);
				missed.push(...[dropped, doubled].filter((typed) => !caught(typed)));
			}
		}
		expect(missed).toEqual([]);
	});

	it('catches the mistake however the receipt was typed (grouped, dashes, Arabic-Indic digits)', () => {
		expect(() => readReceipt('123 456 789 012 345 612')).toThrow(ReceiptTypingError);
		expect(() => readReceipt('123-456-789-021-345-611')).toThrow(ReceiptTypingError);
		expect(() => readReceipt('١٢٣ ٤٥٦ ٧٨٩ ٠١٢ ٣٤٥ ٦١٢')).toThrow(ReceiptTypingError);
	});

	it('calls a version 1 receipt with one digit dropped or doubled a typing mistake too', () => {
		expect(() => readReceipt(RECEIPT.slice(1))).toThrow(ReceiptTypingError);
		expect(() => readReceipt('1' + RECEIPT)).toThrow(ReceiptTypingError);
	});

	it('calls something far from any receipt a format error, not a typing mistake', () => {
		for (const input of ['12345', '1234 5678 9012 3456 7890', 'receipt', '1234 5678 9012 345a']) {
			expect(() => readReceipt(input)).toThrow(ReceiptFormatError);
			expect(() => readReceipt(input)).not.toThrow(ReceiptTypingError);
		}
	});
});

describe('readReceipt', () => {
	it('tells the versions apart by the number of digits', () => {
		expect(readReceipt('1234 5678 9012 3456')).toEqual({ version: 1, digits: RECEIPT, randomDigits: RECEIPT });
		expect(readReceipt('123 456 789 012 345 611')).toEqual({
			version: 2,
			digits: CHECKED_RECEIPT,
			randomDigits: RECEIPT
		});
	});

	it.each([
		['grouped in threes', '123 456 789 012 345 611'],
		['with dashes', '123-456-789-012-345-611'],
		['in Arabic-Indic digits with bidi marks', '\u200f١٢٣ ٤٥٦ ٧٨٩ ٠١٢ ٣٤٥ ٦١١\u200f'],
		['in Persian digits', '۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۱۱'],
		['in Bengali digits', '১২৩ ৪৫৬ ৭৮৯ ০১২ ৩৪৫ ৬১১'],
		['in fullwidth digits', '１２３ ４５６ ７８９ ０１２ ３４５ ６１１']
	])('reads a version 2 receipt %s', (_description, input) => {
		expect(parseReceipt(input)).toBe(CHECKED_RECEIPT);
	});
});

describe('formatReceipt', () => {
	it('shows a version 2 receipt in 6 groups of 3 digits separated by spaces', () => {
		expect(formatReceipt(CHECKED_RECEIPT)).toBe('123 456 789 012 345 611');
		expect(formatReceipt('١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦١١')).toBe('123 456 789 012 345 611');
	});

	it('shows a version 1 receipt as it always was, in 4 groups of 4', () => {
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
		['18 digits with wrong check digits', '123456789012345612'],
		['19 digits', '1234567890123456111'],
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

	it('gives a version 2 receipt the keys of its 16 random digits: the check digits never go into Argon2id', () => {
		expect(deriveReceiptKeys('123 456 789 012 345 611', SALT)).toEqual(receiptKeys);
	});

	it('refuses a mistyped version 2 receipt before deriving anything', () => {
		expect(() => deriveReceiptKeys('123456789012345612', SALT)).toThrow(ReceiptTypingError);
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

describe('the receipt vectors of docs/crypto.md', () => {
	/** Rows of the version 2 table: random digits, check digits, receipt as shown, lookup token. */
	const rows = [
		...fs
			.readFileSync('docs/crypto.md', 'utf8')
			.matchAll(/^\| `(\d{16})` +\| `(\d{2})` +\| `([\d ]{23})` +\| `([0-9a-f]{64})` +\|$/gm)
	];

	it('lists at least four', () => {
		expect(rows.length).toBeGreaterThanOrEqual(4);
	});

	it('match the module: check digits, the receipt as shown, and its lookup token', () => {
		for (const [, randomDigits, check, shown, lookupToken] of rows) {
			expect(receiptCheckDigits(randomDigits)).toBe(check);
			expect(formatReceipt(randomDigits + check)).toBe(shown);
			expect(toHex(deriveReceiptKeys(shown, SALT).lookupToken)).toBe(lookupToken);
		}
	});
});
