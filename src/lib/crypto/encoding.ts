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

/**
 * Decodes many UTF-8 texts at once: each in the list comes back decoded, or null where it is not
 * valid UTF-8. One call to the decoder costs about as much as decoding a few kilobytes, so the
 * texts are decoded joined by NUL bytes in a single call and cut apart again; a NUL inside a text
 * or a text that is not valid UTF-8 sends the list back one text at a time.
 */
export function utf8DecodeMany(parts: readonly Uint8Array[]): Array<string | null> {
	if (parts.length === 0) return [];
	let length = parts.length - 1;
	for (const part of parts) length += part.length;
	const joined = new Uint8Array(length);
	let at = 0;
	for (const part of parts) {
		// The rest of a new array is zero already: the separators need no writing.
		joined.set(part, at);
		at += part.length + 1;
	}
	try {
		const texts = utf8Decoder.decode(joined).split('\0');
		if (texts.length === parts.length) return texts;
	} catch {
		// One of them is not valid UTF-8: find which below.
	}
	return parts.map((part) => {
		try {
			return utf8Decoder.decode(part);
		} catch {
			return null;
		}
	});
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
