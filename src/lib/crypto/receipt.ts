import { CRYPTO } from './constants';
import { expectLength, utf8Encode } from './encoding';
import { CryptoError, ReceiptFormatError } from './errors';
import { sodiumInstance } from './sodium';
import type { StaffKeyPair } from './staff';

export type ReceiptKeys = { lookupToken: Uint8Array; replyKeyPair: StaffKeyPair };

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
const ASCII_RECEIPT = new RegExp(`^[0-9]{${CRYPTO.receiptDigits}}$`);
/** Generous bound so that pasting a whole document does not loop for long. */
const MAX_RECEIPT_INPUT_LENGTH = 200;

function digitValue(codePoint: number): number | undefined {
	for (const zero of DIGIT_ZEROS) {
		if (codePoint >= zero && codePoint <= zero + 9) return codePoint - zero;
	}
	return undefined;
}

/** 16 independent uniform decimal digits (53 bits), as ASCII. */
export function newReceipt(): string {
	const sodium = sodiumInstance();
	let receipt = '';
	for (let index = 0; index < CRYPTO.receiptDigits; index++) {
		receipt += String(sodium.randombytes_uniform(10));
	}
	return receipt;
}

/**
 * Normalises what a survivor typed or pasted to 16 ASCII digits. Accepts ASCII, Arabic-Indic,
 * Persian, Devanagari, Bengali and fullwidth digits; ignores spaces, dashes, dots and bidi marks.
 */
export function parseReceipt(input: string): string {
	if (typeof input !== 'string' || input.length > MAX_RECEIPT_INPUT_LENGTH) {
		throw new ReceiptFormatError();
	}
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
	if (!ASCII_RECEIPT.test(digits)) throw new ReceiptFormatError();
	return digits;
}

/** '1234 5678 9012 3456': groups of 4 that no phone number looks like. */
export function formatReceipt(receipt: string): string {
	const digits = parseReceipt(receipt);
	return (digits.match(/.{4}/g) ?? []).join(' ');
}

/**
 * Argon2id(receipt digits, deployment salt) → seed → crypto_kdf subkeys 1 (lookup token) and
 * 2 (seed of the survivor's X25519 reply key pair).
 */
export function deriveReceiptKeys(receipt: string, deploymentSalt: Uint8Array): ReceiptKeys {
	const sodium = sodiumInstance();
	const receiptBytes = utf8Encode(parseReceipt(receipt));
	expectLength(deploymentSalt, CRYPTO.receiptPwhash.saltBytes, 'Deployment salt');
	let seed: Uint8Array | undefined;
	let replySeed: Uint8Array | undefined;
	try {
		seed = sodium.crypto_pwhash(
			CRYPTO.symmetricKeyBytes,
			receiptBytes,
			deploymentSalt,
			CRYPTO.receiptPwhash.opsLimit,
			CRYPTO.receiptPwhash.memLimitBytes,
			sodium.crypto_pwhash_ALG_ARGON2ID13
		);
		const lookupToken = sodium.crypto_kdf_derive_from_key(
			CRYPTO.symmetricKeyBytes,
			CRYPTO.kdfSubkey.receiptLookupToken,
			CRYPTO.kdfContext.receipt,
			seed
		);
		replySeed = sodium.crypto_kdf_derive_from_key(
			sodium.crypto_box_SEEDBYTES,
			CRYPTO.kdfSubkey.receiptReplySeed,
			CRYPTO.kdfContext.receipt,
			seed
		);
		const { publicKey, privateKey } = sodium.crypto_box_seed_keypair(replySeed);
		return { lookupToken, replyKeyPair: { publicKey, secretKey: privateKey } };
	} catch (cause) {
		throw new CryptoError('Receipt key derivation failed', { cause });
	} finally {
		sodium.memzero(receiptBytes);
		if (seed) sodium.memzero(seed);
		if (replySeed) sodium.memzero(replySeed);
	}
}
