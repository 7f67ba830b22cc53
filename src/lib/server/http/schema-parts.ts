/**
 * Pieces the domains' request schemas are built from: sizes of libsodium's outputs and the
 * shapes of ids, tokens and sealed boxes, each refused with a sentence that never quotes the input.
 */
import * as v from 'valibot';
import { base64urlBytes } from './validation';

export const KEY = 32;
export const XCHACHA_NONCE = 24;
/** crypto_box_seal output for a 32-byte key: 32-byte ephemeral public key + 16-byte tag. */
export const SEALED_KEY = 32 + 48;
export const AEAD_TAG = 16;

export const randomId = (field: string) =>
	v.pipe(
		v.string(`${field} must be text.`),
		v.regex(/^[A-Za-z0-9_-]{22}$/, `${field} must be 16 random bytes in base64url.`)
	);

export const uuid = (field: string) => v.pipe(v.string(`${field} must be text.`), v.uuid(`${field} must be a UUID.`));
export const codePointOffset = (field: string) =>
	v.pipe(
		v.number(`${field} must be a number.`),
		v.integer(`${field} must be a whole number.`),
		v.minValue(0, `${field} cannot be negative.`),
		v.maxValue(10_000_000)
	);

export const sealedBox = (field: string, plaintextBytes: number) =>
	v.object({
		nonce: base64urlBytes(`${field}.nonce`, { exact: XCHACHA_NONCE }),
		ciphertext: base64urlBytes(`${field}.ciphertext`, { exact: plaintextBytes + AEAD_TAG })
	});

export const oneTimeToken = (what: string) =>
	v.pipe(
		v.string(`The ${what} token must be text.`),
		v.regex(/^[A-Za-z0-9_-]{43}$/, `The ${what} token is malformed.`)
	);

export const shortText = (field: string, max: number) =>
	v.pipe(v.string(`${field} must be text.`), v.trim(), v.maxLength(max, `Keep ${field} under ${max} characters.`));

/** A request whose body carries nothing (an action named by its address alone). */
export const emptyBody = v.object({});
