import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { BadRequest, base64urlBytes, readJson } from './validation';
import { submissionUpload } from '../intake/schemas';

const request = (body: string, type = 'application/json') =>
	new Request('http://localhost/api', { method: 'POST', headers: { 'content-type': type }, body });

describe('readJson', () => {
	const schema = v.object({ key: base64urlBytes('key', { exact: 4 }) });

	it('decodes base64url fields to bytes', async () => {
		const out = await readJson(request(JSON.stringify({ key: 'AQIDBA' })), schema, 100);
		expect([...out.key]).toEqual([1, 2, 3, 4]);
	});

	it.each([
		['not JSON', request('{'), 400, /not valid JSON/],
		['another content type', request('{}', 'text/plain'), 415, /application\/json/],
		['too large', request(JSON.stringify({ key: 'A'.repeat(500) })), 413, /too large/],
		['padding in base64', request(JSON.stringify({ key: 'AQIDBA==' })), 400, /^key: .*base64url/],
		['the wrong length', request(JSON.stringify({ key: 'AQID' })), 400, /^key: key must be 4 bytes/],
		['a missing field', request('{}'), 400, /^key is missing\./]
	])('refuses %s with a message', async (_, req, status, message) => {
		const failure = await readJson(req, schema, 100).catch((error) => error);
		expect(failure).toBeInstanceOf(BadRequest);
		expect(failure.status).toBe(status);
		expect(failure.message).toMatch(message);
	});

	it('refuses a submission with an unsupported format version', async () => {
		const failure = await readJson(request(JSON.stringify({ formatVersion: 2 })), submissionUpload, 10_000).catch(
			(error) => error
		);
		expect(failure).toBeInstanceOf(BadRequest);
	});
});
