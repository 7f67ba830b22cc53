import { DomainError, type Refusal } from './errors';
import { issueMessage } from './issues';
import { issueConfig } from './refusals';
import { BodyRefused, readBodyWithin } from '../security/body-limit';
import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { fromBase64urlIgnoringTail } from '$lib/encoding/base64url';

/** A JSON error answer: every refusal carries a sentence a person can act on. */
export function refuse(status: number, message: string, retryAfterSeconds?: number): Response {
	const headers: Record<string, string> = { 'cache-control': 'no-store' };
	if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
	return json({ message }, { status, headers });
}

export class BadRequest extends DomainError {
	declare readonly status: 400 | 413 | 415;

	constructor(message: string | Refusal, status: 400 | 413 | 415 = 400) {
		super(message, status);
	}
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding, decoded to bytes, with an exact or bounded decoded length. */
export function base64urlBytes(field: string, length: { exact?: number; min?: number; max?: number }) {
	return v.pipe(
		v.string(`${field} must be text.`),
		v.regex(BASE64URL, `${field} must be base64url without padding.`),
		v.check((s) => s.length % 4 !== 1, `${field} is not valid base64url.`),
		v.transform((s) => fromBase64urlIgnoringTail(s)),
		v.check(
			(b) =>
				(length.exact === undefined || b.length === length.exact) &&
				(length.min === undefined || b.length >= length.min) &&
				(length.max === undefined || b.length <= length.max),
			length.exact !== undefined
				? `${field} must be ${length.exact} bytes.`
				: `${field} must be between ${length.min ?? 0} and ${length.max} bytes.`
		)
	);
}

/**
 * Reads a JSON body of at most maxBytes, refused while it arrives (not after buffering), and
 * validates it. Throws BadRequest with the first problem found; never echoes the body back.
 */
export async function readJson<TSchema extends v.GenericSchema>(
	request: Request,
	schema: TSchema,
	maxBytes: number
): Promise<v.InferOutput<TSchema>> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('application/json')) {
		throw new BadRequest({ key: 'staff_refusals_body_not_json_type' }, 415);
	}
	let buffer: Uint8Array;
	try {
		buffer = await readBodyWithin(request, maxBytes);
	} catch (cause) {
		if (cause instanceof BodyRefused) throw new BadRequest(cause.message, cause.status);
		throw cause;
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
	} catch {
		throw new BadRequest({ key: 'staff_refusals_body_not_utf8' });
	}
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new BadRequest({ key: 'staff_refusals_body_not_json' });
	}
	const result = v.safeParse(schema, body, issueConfig());
	if (!result.success) {
		throw new BadRequest(issueMessage(schema, result.issues, { withPath: true }));
	}
	return result.output;
}
