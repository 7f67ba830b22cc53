import { json } from '@sveltejs/kit';
import type * as v from 'valibot';
import { DomainError } from './errors';
import { readJson, refuse } from './validation';

/**
 * A JSON endpoint: validates the body, runs the domain call, and turns the domain's expected
 * refusals into 4xx answers with their message. Anything else is a real bug and is thrown.
 */
export async function jsonEndpoint<TSchema extends v.GenericSchema>(
	request: Request,
	schema: TSchema,
	maxBytes: number,
	handle: (input: v.InferOutput<TSchema>) => unknown
): Promise<Response> {
	try {
		const input = await readJson(request, schema, maxBytes);
		const result = await handle(input);
		return result instanceof Response ? result : json(result);
	} catch (cause) {
		if (cause instanceof DomainError) return refuse(cause.status, cause.message);
		throw cause;
	}
}
