/**
 * Form actions' one way of answering: validate the posted fields, run the domain call, and turn
 * the domain's expected refusals into a failure the page shows beside the form. A refusal
 * because the address names nothing (`AddressNotFound`) is the page's 404 instead. Anything
 * else is a bug and is thrown.
 */
import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { AddressNotFound, DomainError } from './errors';
import { issueMessage } from './issues';
import { issueConfig, refusalText } from './refusals';

/**
 * Runs a form action's domain call: its result, or a domain refusal as `fail(status, { message })`,
 * in the staff member's language.
 */
export async function formAttempt<T>(work: () => T | Promise<T>) {
	try {
		return await work();
	} catch (cause) {
		if (cause instanceof AddressNotFound) error(404, { message: refusalText(cause) });
		if (cause instanceof DomainError) return fail(cause.status, { message: refusalText(cause) });
		throw cause;
	}
}

/**
 * Validates the posted `values` (a 400 with a sentence that never quotes them), then runs `work` as
 * `formAttempt` does.
 */
export async function formAction<TSchema extends v.GenericSchema, T>(
	schema: TSchema,
	values: unknown,
	work: (input: v.InferOutput<TSchema>) => T | Promise<T>
) {
	const parsed = v.safeParse(schema, values, issueConfig());
	if (!parsed.success) return fail(400, { message: issueMessage(schema, parsed.issues) });
	return formAttempt(() => work(parsed.output));
}
