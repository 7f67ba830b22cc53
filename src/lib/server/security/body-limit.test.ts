import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { BadRequest, readJson } from '../http/validation';
import { BodyRefused, FORM_BODY_LIMIT, bodyChunks, formBodyLimit, readBodyWithin } from './body-limit';

/**
 * A chunked request (no Content-Length) whose body is produced on demand, 16 KiB a pull, up to
 * `total` bytes; `pulled` tells how much the server asked for.
 */
function chunkedRequest(total: number, type = 'application/json') {
	const pulled = { bytes: 0 };
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (pulled.bytes >= total) return controller.close();
			const piece = new Uint8Array(Math.min(16 * 1024, total - pulled.bytes)).fill(0x20);
			pulled.bytes += piece.length;
			controller.enqueue(piece);
		}
	});
	const request = new Request('http://localhost/api', {
		method: 'POST',
		headers: { 'content-type': type },
		body,
		duplex: 'half'
	} as RequestInit);
	return { request, pulled };
}

describe('bodyChunks', () => {
	it('refuses a chunked body with 413 as soon as it passes the limit, without holding it', async () => {
		const { request, pulled } = chunkedRequest(25 * 1024 * 1024);
		let pulledAtRefusal = 0;
		const refusal = await readBodyWithin(request, 1024).catch((error) => ((pulledAtRefusal = pulled.bytes), error));
		expect(refusal).toBeInstanceOf(BodyRefused);
		expect(refusal.status).toBe(413);
		// The rest is then read and dropped in the background, never gathered.
		expect(pulledAtRefusal).toBeLessThan(1024 * 1024);
	});

	it('reads on and drops the rest of a refused body instead of leaving the connection stalled', async () => {
		const { request, pulled } = chunkedRequest(2 * 1024 * 1024);
		await readBodyWithin(request, 1024).catch(() => {});
		await expect.poll(() => pulled.bytes).toBe(2 * 1024 * 1024);
	});

	it('refuses a body whose Content-Length is over the limit before reading it', async () => {
		const request = new Request('http://localhost/api', {
			method: 'POST',
			headers: { 'content-length': '2000' },
			body: 'x'.repeat(2000)
		});
		const reading = bodyChunks(request, 1000);
		await expect(reading.next()).rejects.toThrow('The request is too large.');
	});

	it('hands over a body within the limit whole', async () => {
		const { request } = chunkedRequest(100_000);
		expect((await readBodyWithin(request, 100_000)).length).toBe(100_000);
	});

	it('answers a body cut off by the client with 400, not a server error', async () => {
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new Uint8Array(10));
				controller.error(new Error('aborted'));
			}
		});
		const request = new Request('http://localhost/api', { method: 'POST', body, duplex: 'half' } as RequestInit);
		const refusal = await readBodyWithin(request, 1000).catch((error) => error);
		expect(refusal).toBeInstanceOf(BodyRefused);
		expect(refusal.status).toBe(400);
	});
});

describe('readJson', () => {
	it('refuses a chunked JSON body past the endpoint limit while it arrives', async () => {
		const { request, pulled } = chunkedRequest(25 * 1024 * 1024);
		let pulledAtRefusal = 0;
		const refusal = await readJson(request, v.object({}), 1024).catch(
			(error) => ((pulledAtRefusal = pulled.bytes), error)
		);
		expect(refusal).toBeInstanceOf(BadRequest);
		expect(refusal.status).toBe(413);
		expect(pulledAtRefusal).toBeLessThan(1024 * 1024);
	});
});

describe('formBodyLimit', () => {
	it('holds staff form actions to 64 KiB, the questionnaire to 256 KiB, and leaves JSON endpoints to their own limit', () => {
		expect(formBodyLimit('/staff/(app)/account')).toBe(FORM_BODY_LIMIT);
		expect(formBodyLimit('/staff/(app)/admin/users')).toBe(64 * 1024);
		expect(formBodyLimit('/staff/(app)/admin/questions/[id]')).toBe(256 * 1024);
		expect(formBodyLimit('/(survivor)/check')).toBe(64 * 1024);
		expect(formBodyLimit(null)).toBe(64 * 1024);
		expect(formBodyLimit('/api/receipts/status')).toBeNull();
		expect(formBodyLimit('/staff/api/research/memos')).toBeNull();
		expect(formBodyLimit('/staff/(app)/admin/channels/api')).toBeNull();
		expect(formBodyLimit('/api/submissions/[id]/attachments/[attachmentId]')).toBeNull();
	});
});
