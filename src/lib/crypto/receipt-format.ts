import { CRYPTO } from './constants';
import { ReceiptFormatError, ReceiptTypingError } from './errors';

/**
 * How a receipt is written and read back, without libsodium: the check page runs this on the
 * main thread, so a mistyped receipt is refused before the crypto worker (and its Argon2id) starts.
 *
 * Two versions exist, told apart by how many digits were typed (docs/crypto.md §2.7 and §2.11):
 * version 1 is 16 random digits; version 2 is 16 random digits followed by 2 check digits
 * (ISO/IEC 7064 MOD 97-10, as in an IBAN). The lengths differ by two so that a version 2 receipt
 * with one digit dropped or doubled (17 or 19 digits) can never pass for either version.
 */

export type ReceiptVersion = 1 | 2;

export type ParsedReceipt = {
	version: ReceiptVersion;
	/** Every digit typed, normalised to ASCII: 16 (version 1) or 18 (version 2). */
	digits: string;
	/** The 16 random digits, the only digits that go into Argon2id. */
	randomDigits: string;
};

/** First code point of each decimal digit script accepted when a survivor types a receipt. */
const DIGIT_ZEROS = [
	0x0030, // ASCII
	0x0660, // Arabic-Indic
	0x06f0, // Extended Arabic-Indic (Persian, Urdu)
	0x0966, // Devanagari
	0x09e6, // Bengali
	0xff10 // Fullwidth
];

/**
 * Separators people type or that copy/paste adds: whitespace (tested separately with \s),
 * hyphens and dashes, dots, zero-width characters and bidi controls from right-to-left text.
 */
const IGNORED_CHARACTERS = new Set(
	[
		'-',
		'\u2010', // hyphen
		'\u2011', // non-breaking hyphen
		'\u2012', // figure dash
		'\u2013', // en dash
		'\u2014', // em dash
		'\u2212', // minus sign
		'\uff0d', // fullwidth hyphen-minus
		'.',
		'\uff0e', // fullwidth full stop
		'\u200b', // zero width space
		'\u2060', // word joiner
		'\u200e', // left-to-right mark
		'\u200f', // right-to-left mark
		'\u061c', // Arabic letter mark
		'\u202a', // LRE
		'\u202b', // RLE
		'\u202c', // PDF
		'\u202d', // LRO
		'\u202e', // RLO
		'\u2066', // LRI
		'\u2067', // RLI
		'\u2068', // FSI
		'\u2069' // PDI
	].map((character) => character.codePointAt(0))
);

const WHITESPACE = /\s/u;
/** Generous bound so that pasting a whole document does not loop for long. */
const MAX_RECEIPT_INPUT_LENGTH = 200;
const RANDOM_DIGITS = CRYPTO.receiptDigits;
const CHECKED_DIGITS = CRYPTO.receiptDigits + CRYPTO.receiptCheckDigits;

function digitValue(codePoint: number): number | undefined {
	for (const zero of DIGIT_ZEROS) {
		if (codePoint >= zero && codePoint <= zero + 9) return codePoint - zero;
	}
	return undefined;
}

/** The remainder of a decimal number of any length divided by 97, one digit at a time. */
function remainder97(digits: string): number {
	let remainder = 0;
	for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	return remainder;
}

/**
 * The two check digits of 16 random digits: 98 − (digits × 100 mod 97), written with two
 * digits (02 to 98), so that the 18-digit receipt is 1 modulo 97.
 */
export function receiptCheckDigits(randomDigits: string): string {
	if (!new RegExp(`^[0-9]{${RANDOM_DIGITS}}$`).test(randomDigits)) throw new ReceiptFormatError();
	return String(98 - remainder97(randomDigits + '00')).padStart(CRYPTO.receiptCheckDigits, '0');
}

/** A version 2 receipt from its 16 random digits: the digits followed by their check digits. */
export function withCheckDigits(randomDigits: string): string {
	return randomDigits + receiptCheckDigits(randomDigits);
}

/** Every digit of what was typed, as ASCII; throws if anything but digits and separators is there. */
function typedDigits(input: string): string {
	if (typeof input !== 'string' || input.length > MAX_RECEIPT_INPUT_LENGTH) throw new ReceiptFormatError();
	let digits = '';
	for (const character of input) {
		const codePoint = character.codePointAt(0) ?? 0;
		const value = digitValue(codePoint);
		if (value !== undefined) {
			digits += String(value);
		} else if (!IGNORED_CHARACTERS.has(codePoint) && !WHITESPACE.test(character)) {
			throw new ReceiptFormatError();
		}
	}
	return digits;
}

/**
 * Reads what a survivor typed or pasted. Accepts ASCII, Arabic-Indic, Persian, Devanagari,
 * Bengali and fullwidth digits; ignores whitespace, dashes, dots and bidi marks. 16 digits are
 * a version 1 receipt, 18 digits with a valid check a version 2 one. Throws ReceiptTypingError
 * when a digit is wrong, swapped, missing or doubled (18 digits failing the check, or one digit
 * more or fewer than either length), ReceiptFormatError for anything else.
 */
export function readReceipt(input: string): ParsedReceipt {
	const digits = typedDigits(input);
	if (digits.length === RANDOM_DIGITS) return { version: 1, digits, randomDigits: digits };
	if (digits.length === CHECKED_DIGITS) {
		if (remainder97(digits) !== 1) throw new ReceiptTypingError();
		return { version: 2, digits, randomDigits: digits.slice(0, RANDOM_DIGITS) };
	}
	if ([RANDOM_DIGITS, CHECKED_DIGITS].some((length) => Math.abs(digits.length - length) === 1)) {
		throw new ReceiptTypingError();
	}
	throw new ReceiptFormatError();
}

/** What a survivor typed, normalised to its ASCII digits (16 or 18); throws as readReceipt does. */
export function parseReceipt(input: string): string {
	return readReceipt(input).digits;
}

/**
 * A receipt for reading aloud and writing down: version 2 in six groups of three
 * ('123 456 789 012 345 678'), version 1 as it was always shown, in four groups of four.
 * Neither looks like a phone number.
 */
export function formatReceipt(receipt: string): string {
	const { version, digits } = readReceipt(receipt);
	return (digits.match(version === 2 ? /.{3}/g : /.{4}/g) ?? []).join(' ');
}
