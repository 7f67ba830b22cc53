import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { MAX_MESSAGE_CHARS, issueMessage } from './issues';
import { BadRequest, readJson } from './validation';

const CANARY = 'kestrel-canary-7f3a';
const huge = CANARY.repeat(20_000);

function messageFor(schema: v.GenericSchema, input: unknown, withPath = false): string {
	const result = v.safeParse(schema, input);
	if (result.success) throw new Error('expected a problem');
	return issueMessage(schema, result.issues, { withPath });
}

describe('issueMessage', () => {
	it.each([
		['a picklist', v.object({ kind: v.picklist(['text', 'voice']) }), { kind: huge }],
		['a uuid', v.object({ id: v.pipe(v.string(), v.uuid()) }), { id: huge }],
		['a number', v.object({ days: v.number() }), { days: huge }],
		['a strict object', v.strictObject({ a: v.string() }), { a: 'x', [huge]: 1 }],
		['a record key', v.record(v.string(), v.number()), { [huge]: 'x' }],
		['an array entry', v.array(v.pipe(v.string(), v.maxLength(3))), ['ok', huge]]
	])('never quotes the input of %s, and stays short', (_, schema, input) => {
		for (const withPath of [false, true]) {
			const message = messageFor(schema, input, withPath);
			expect(message).not.toContain(CANARY);
			expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
			expect(message).toMatch(/\w+/);
		}
	});

	it('names the field and what the schema expects instead', () => {
		const schema = v.object({ kind: v.picklist(['text', 'voice']), note: v.string() });
		expect(messageFor(schema, { kind: CANARY, note: '' }, true)).toBe('kind must be ("text" | "voice").');
		expect(messageFor(schema, { kind: 'text' }, true)).toBe('note is missing.');
		expect(messageFor(v.array(v.number()), [1, CANARY], true)).toBe('1 must be number.');
	});

	it('keeps the schema’s own sentences, prefixed with the field for APIs', () => {
		const schema = v.object({ text: v.pipe(v.string(), v.maxLength(3, 'Keep it short.')) });
		expect(messageFor(schema, { text: huge })).toBe('Keep it short.');
		expect(messageFor(schema, { text: huge }, true)).toBe('text: Keep it short.');
	});

	it('shows the keys of a record as *, since the sender chose them', () => {
		const schema = v.object({ labels: v.record(v.string(), v.pipe(v.string(), v.maxLength(2, 'Too long.'))) });
		expect(messageFor(schema, { labels: { [CANARY]: 'long' } }, true)).toBe('labels.*: Too long.');
	});
});

describe('readJson refusals', () => {
	it('do not send a 300 KB field back', async () => {
		const schema = v.object({ status: v.picklist(['approved', 'rejected']) });
		const request = new Request('http://localhost/api', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ status: huge })
		});
		const failure = await readJson(request, schema, 1_000_000).catch((error) => error);
		expect(failure).toBeInstanceOf(BadRequest);
		expect(failure.message).not.toContain(CANARY);
		expect(failure.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
	});
});
