import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { readForm } from './forms';

const post = (body: BodyInit, type: string | null) =>
	new Request('http://localhost/staff/templates?/add', {
		method: 'POST',
		headers: type ? { 'content-type': type } : {},
		body
	});

async function refusal(request: Request) {
	const thrown = await readForm(request).then(
		() => null,
		(cause: unknown) => cause
	);
	if (!isHttpError(thrown)) throw new Error(`expected an HTTP error, got ${String(thrown)}`);
	return thrown;
}

describe('readForm', () => {
	it('reads url-encoded and multipart forms', async () => {
		expect((await readForm(post('text=hello', 'application/x-www-form-urlencoded'))).get('text')).toBe('hello');
		const multipart = new FormData();
		multipart.set('text', 'hello');
		const request = new Request('http://localhost/', { method: 'POST', body: multipart });
		expect((await readForm(request)).get('text')).toBe('hello');
	});

	it.each([
		['text/plain', 'text=kestrel-canary'],
		['application/json', '{"text":"kestrel-canary"}'],
		[null, 'text=kestrel-canary']
	])('refuses a body sent as %s with a 415', async (type, body) => {
		const error = await refusal(post(body, type));
		expect(error.status).toBe(415);
		expect(error.body.message).not.toContain('kestrel');
	});

	it.each([
		['no boundary', 'multipart/form-data'],
		['a boundary the body does not use', 'multipart/form-data; boundary=nothere']
	])('refuses broken multipart (%s) with a 400', async (_, type) => {
		const error = await refusal(post('--x\r\ncontent-disposition: form-data; name="kestrel-canary"\r\n\r\nv', type));
		expect(error.status).toBe(400);
		expect(error.body.message).not.toContain('kestrel');
	});
});
