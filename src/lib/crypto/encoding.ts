import { FormatError } from './errors';
import { sodiumInstance } from './sodium';

const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 is an error, never silently replaced with U+FFFD.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** base64url without padding (RFC 4648 §5), the encoding of all binary on the wire. */
export function toBase64url(bytes: Uint8Array): string {
	const sodium = sodiumInstance();
	return sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * True when the unused low bits of the last character are zero, as in the one canonical
 * encoding of the bytes (a second spelling of the same bytes would let ciphertext be altered
 * in transit without changing what it decodes to).
 */
export function hasCanonicalTail(text: string): boolean {
	const remainder = text.length % 4;
	if (remainder === 0) return true;
	const value = BASE64URL_ALPHABET.indexOf(text[text.length - 1]);
	return remainder === 2 ? (value & 0x0f) === 0 : remainder === 3 ? (value & 0x03) === 0 : false;
}

type NativeFromBase64 = (text: string, options: { alphabet: 'base64url' }) => Uint8Array;
/** Browsers' built-in decoder, about four times faster than a call into libsodium per string. */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: NativeFromBase64 }).fromBase64;

/** Strict inverse of toBase64url: no padding, no whitespace, canonical trailing bits. */
export function fromBase64url(text: string): Uint8Array {
	if (typeof text !== 'string' || !BASE64URL_PATTERN.test(text) || text.length % 4 === 1) {
		throw new FormatError('Invalid base64url');
	}
	if (nativeFromBase64) {
		if (!hasCanonicalTail(text)) throw new FormatError('Invalid base64url');
		try {
			return nativeFromBase64(text, { alphabet: 'base64url' });
		} catch (cause) {
			throw new FormatError('Invalid base64url', { cause });
		}
	}
	const sodium = sodiumInstance();
	try {
		return sodium.from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING);
	} catch (cause) {
		throw new FormatError('Invalid base64url', { cause });
	}
}

export function utf8Encode(text: string): Uint8Array {
	return utf8Encoder.encode(text);
}

/** Throws a FormatError on invalid UTF-8. */
export function utf8Decode(bytes: Uint8Array): string {
	try {
		return utf8Decoder.decode(bytes);
	} catch (cause) {
		throw new FormatError('Invalid UTF-8', { cause });
	}
}

/** Constant-time comparison; false for different lengths. */
export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
	if (left.length !== right.length) return false;
	return sodiumInstance().memcmp(left, right);
}

/** Throws a FormatError unless `bytes` is a Uint8Array of exactly `length` bytes. */
export function expectLength(bytes: Uint8Array, length: number, what: string): void {
	if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
		throw new FormatError(`${what} must be ${length} bytes`);
	}
}
