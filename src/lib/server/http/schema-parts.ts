/**
 * Pieces the domains' request schemas are built from: sizes of libsodium's outputs and the
 * shapes of ids, tokens and sealed boxes, each refused with a sentence that never quotes the input.
 */
import * as v from 'valibot';
import type { RefusalKey } from './errors';
import { staffFieldIssue, staffIssue } from './refusals';
import { base64urlBytes } from './validation';

export const KEY = 32;
export const XCHACHA_NONCE = 24;
/** crypto_box_seal output for a 32-byte key: 32-byte ephemeral public key + 16-byte tag. */
export const SEALED_KEY = 32 + 48;
export const AEAD_TAG = 16;

/* `field` below is the request's own key (`recordId`), which the sentences name as it is. */
export const randomId = (field: string) =>
	v.pipe(
		v.string(staffIssue('staff_refusals_request_field_text', { field })),
		v.regex(/^[A-Za-z0-9_-]{22}$/, staffIssue('staff_refusals_random_id', { field }))
	);

export const uuid = (field: string) =>
	v.pipe(
		v.string(staffIssue('staff_refusals_request_field_text', { field })),
		v.uuid(staffIssue('staff_refusals_uuid', { field }))
	);
export const codePointOffset = (field: string) =>
	v.pipe(
		v.number(staffIssue('staff_refusals_request_field_number', { field })),
		v.integer(staffIssue('staff_refusals_offset', { field })),
		v.minValue(0, staffIssue('staff_refusals_offset', { field })),
		v.maxValue(10_000_000)
	);

export const sealedBox = (field: string, plaintextBytes: number) =>
	v.object({
		nonce: base64urlBytes(`${field}.nonce`, { exact: XCHACHA_NONCE }),
		ciphertext: base64urlBytes(`${field}.ciphertext`, { exact: plaintextBytes + AEAD_TAG })
	});

/** A link's one-time token; a wrong one gets one sentence, as nobody types it by hand. */
export const oneTimeToken = () =>
	v.pipe(
		v.string(staffIssue('staff_refusals_link_token')),
		v.regex(/^[A-Za-z0-9_-]{43}$/, staffIssue('staff_refusals_link_token'))
	);

/** Optional text of at most `max` characters; `field` is the catalogue key of its name, for the refusal. */
export const shortText = (field: RefusalKey, max: number) => {
	const refusal = staffFieldIssue('staff_refusals_text_length', field, { max });
	return v.pipe(v.string(refusal), v.trim(), v.maxLength(max, refusal));
};

/** A request whose body carries nothing (an action named by its address alone). */
export const emptyBody = v.object({});
