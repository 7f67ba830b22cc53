import { FormatError } from './errors';
import { sodiumInstance } from './sodium';

/** base64url lives in its own module, which pages and the server use without libsodium. */
export { fromBase64url, hasCanonicalTail, toBase64url } from '$lib/encoding/base64url';

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 is an error, never silently replaced with U+FFFD.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

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
