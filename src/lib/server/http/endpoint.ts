import { json } from '@sveltejs/kit';
import type * as v from 'valibot';
import { DomainError } from './errors';
import { refusalText } from './refusals';
import { readJson, refuse } from './validation';

/**
 * A JSON endpoint: validates the body, runs the domain call, and turns the domain's expected
 * refusals into 4xx answers with their message (in the staff member's language on staff
 * endpoints; the survivor API's stay English). Anything else is a real bug and is thrown.
 */
export async function jsonEndpoint<TSchema extends v.GenericSchema>(
	request: Request,
	schema: TSchema,
	maxBytes: number,
	handle: (input: v.InferOutput<TSchema>) => unknown
): Promise<Response> {
	return domainAnswer(async () => handle(await readJson(request, schema, maxBytes)));
}

/**
 * Runs a domain call for an endpoint without a body: its result (a Response, or JSON), or the
 * domain's expected refusal as a 4xx with its message. Anything else is a bug and is thrown.
 */
export async function domainAnswer(handle: () => unknown): Promise<Response> {
	try {
		const result = await handle();
		return result instanceof Response ? result : json(result);
	} catch (cause) {
		if (cause instanceof DomainError) return refuse(cause.status, refusalText(cause), cause.retryAfterSeconds);
		throw cause;
	}
}
