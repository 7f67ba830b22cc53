import type * as v from 'valibot';
import { staffText } from '../i18n/staff';
import type { RefusalKey } from './errors';
import { issueLocale } from './refusals';

/** Long enough for any sentence of ours; short enough that no answer can carry a body back. */
export const MAX_MESSAGE_CHARS = 300;
const MAX_EXPECTED_CHARS = 120;

type Issue = v.BaseIssue<unknown>;

/**
 * valibot's own messages end in "received <the input>", which would send a posted field back
 * whole; the schemas' own sentences never quote the input. This tells the two apart.
 */
function isDefaultMessage(issue: Issue): boolean {
	return issue.message.startsWith('Invalid ') && issue.message.endsWith(`eceived ${issue.received}`);
}

type SchemaNode = {
	entries?: Record<string, SchemaNode>;
	item?: SchemaNode;
	wrapped?: SchemaNode;
	options?: SchemaNode[];
};

/** Looks through optional, nullable and default wrappers to the schema that holds the value. */
function unwrap(schema: SchemaNode | undefined): SchemaNode | undefined {
	let node = schema;
	while (node?.wrapped) node = node.wrapped;
	return node;
}

/**
 * Where the problem is: keys the schema itself names, and array positions. Any other key (of a
 * record, or one the schema does not know) is the sender's own choice, so it is shown as `*`.
 */
function fieldPath(schema: SchemaNode, issue: Issue): string {
	let node: SchemaNode | undefined = schema;
	const parts: string[] = [];
	for (const item of issue.path ?? []) {
		const current = unwrap(node);
		if (item.type === 'array' && typeof item.key === 'number') {
			parts.push(String(item.key));
			node = current?.item;
			continue;
		}
		const key = typeof item.key === 'string' ? item.key : null;
		const holder = [current, ...(current?.options ?? []).map(unwrap)].find(
			(candidate) => key !== null && candidate?.entries && Object.hasOwn(candidate.entries, key)
		);
		if (key !== null && holder?.entries) {
			parts.push(key);
			node = holder.entries[key];
		} else {
			parts.push('*');
			node = undefined;
		}
	}
	return parts.join('.');
}

function cap(text: string, length: number): string {
	return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/**
 * The schema's expectation, in words, without the value that missed it: in the language the
 * schema was run with, so a staff form that forgot a sentence of its own still speaks theirs.
 */
function expectation(issue: Issue, where: string): string {
	const say = (key: RefusalKey, params: Record<string, string> = {}) =>
		staffText(issueLocale(issue), key, where ? { ...params, field: where } : params);
	if (issue.received === 'undefined')
		return say(where ? 'staff_refusals_field_missing' : 'staff_refusals_request_missing');
	if (issue.expected) {
		const expected = cap(issue.expected, MAX_EXPECTED_CHARS);
		return say(where ? 'staff_refusals_field_expected' : 'staff_refusals_request_expected', { expected });
	}
	return say(where ? 'staff_refusals_field_invalid' : 'staff_refusals_request_invalid');
}

/**
 * A message for the first problem valibot found that a person can act on, built from the field
 * path and the schema's expectations only: it never contains what was sent, and it is capped.
 * `withPath` prefixes the schema's own sentences with the field path (JSON APIs); forms show
 * the sentence alone, as the page already says which field it is about.
 */
export function issueMessage(
	schema: v.GenericSchema,
	issues: readonly [Issue, ...Issue[]],
	{ withPath = false } = {}
): string {
	const issue = issues[0];
	const where = fieldPath(schema as SchemaNode, issue);
	if (isDefaultMessage(issue)) return cap(expectation(issue, where), MAX_MESSAGE_CHARS);
	return cap(withPath && where ? `${where}: ${issue.message}` : issue.message, MAX_MESSAGE_CHARS);
}
