/**
 * base64url without padding (RFC 4648 §5, libsodium's `URLSAFE_NO_PADDING`): the one encoding of
 * binary on the wire, in settings and in the proof-of-work header (docs/crypto.md). Plain code
 * that uses the platform's own codec where there is one, so pages, the crypto workers and the
 * server share it without waiting for libsodium.
 */
import { FormatError } from '$lib/crypto/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PATTERN = /^[A-Za-z0-9_-]*$/;
const ALPHABET_CODES = Uint8Array.from(ALPHABET, (character) => character.charCodeAt(0));
const asciiDecoder = new TextDecoder();
/** Each alphabet character's six bits, by character code. */
const SIXTETS = new Uint8Array(128);
for (let index = 0; index < ALPHABET.length; index++) SIXTETS[ALPHABET.charCodeAt(index)] = index;

type NativeToBase64 = (this: Uint8Array, options: { alphabet: 'base64url'; omitPadding: true }) => string;
type NativeFromBase64 = (text: string, options: { alphabet: 'base64url' }) => Uint8Array;
/** Browsers' built-in codec, about four times faster than a call into libsodium per string. */
const nativeToBase64 = (Uint8Array.prototype as unknown as { toBase64?: NativeToBase64 }).toBase64;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: NativeFromBase64 }).fromBase64;
/** Node's codec (the server, the tests), where the browsers' one is missing. */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** base64url without padding, the encoding of all binary on the wire. */
export function toBase64url(bytes: Uint8Array): string {
	if (nativeToBase64) return nativeToBase64.call(bytes, { alphabet: 'base64url', omitPadding: true });
	if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
	return base64urlInJs.encode(bytes);
}

/**
 * True when the unused low bits of the last character are zero, as in the one canonical
 * encoding of the bytes (a second spelling of the same bytes would let ciphertext be altered
 * in transit without changing what it decodes to).
 */
export function hasCanonicalTail(text: string): boolean {
	const remainder = text.length % 4;
	if (remainder === 0) return true;
	const value = ALPHABET.indexOf(text[text.length - 1]);
	return remainder === 2 ? (value & 0x0f) === 0 : remainder === 3 ? (value & 0x03) === 0 : false;
}

/** Strict inverse of toBase64url: no padding, no whitespace, canonical trailing bits. */
export function fromBase64url(text: string): Uint8Array {
	if (typeof text !== 'string' || !PATTERN.test(text) || text.length % 4 === 1 || !hasCanonicalTail(text)) {
		throw new FormatError('Invalid base64url');
	}
	if (nativeFromBase64) {
		try {
			return nativeFromBase64(text, { alphabet: 'base64url' });
		} catch (cause) {
			throw new FormatError('Invalid base64url', { cause });
		}
	}
	return decodeAlphabetOnly(text);
}

/**
 * Decodes base64url the way Node's Buffer does: unused trailing bits, and a last character
 * that makes no whole byte, are ignored. Only the server's request checks use it, on text they
 * already matched against the alphabet, because that is what they have always accepted;
 * everything else uses the strict `fromBase64url` that docs/crypto.md describes.
 */
export function fromBase64urlIgnoringTail(text: string): Uint8Array {
	if (typeof text !== 'string' || !PATTERN.test(text)) throw new FormatError('Invalid base64url');
	return decodeAlphabetOnly(text);
}

/** Text of the alphabet only, in a fresh array (never a view of Node's shared buffer pool). */
function decodeAlphabetOnly(text: string): Uint8Array {
	return NodeBuffer ? new Uint8Array(NodeBuffer.from(text, 'base64url')) : base64urlInJs.decode(text);
}

/**
 * The codec in plain code, for browsers without `Uint8Array.fromBase64`; exported so the tests
 * run it in Node too. `decode` takes alphabet-only text and ignores what makes no whole byte.
 */
export const base64urlInJs = {
	encode(bytes: Uint8Array): string {
		// Character codes first, then one decode of the ASCII: far faster than joining strings.
		const codes = new Uint8Array(Math.ceil((bytes.length * 4) / 3));
		let written = 0;
		for (let index = 0; index < bytes.length; index += 3) {
			const group = (bytes[index] << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
			for (let shift = 18; shift >= 0 && written < codes.length; shift -= 6) {
				codes[written++] = ALPHABET_CODES[(group >> shift) & 63];
			}
		}
		return asciiDecoder.decode(codes);
	},

	decode(text: string): Uint8Array {
		const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
		const sixtet = (index: number) => (index < text.length ? SIXTETS[text.charCodeAt(index)] : 0);
		let written = 0;
		for (let index = 0; index < text.length; index += 4) {
			const group = (sixtet(index) << 18) | (sixtet(index + 1) << 12) | (sixtet(index + 2) << 6) | sixtet(index + 3);
			for (let shift = 16; shift >= 0 && written < bytes.length; shift -= 8) bytes[written++] = (group >> shift) & 0xff;
		}
		return bytes;
	}
};
