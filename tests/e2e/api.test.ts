import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { startPortal, type RunningPortal } from './harness';
import { mintedProof } from './proofs';

/** The address of one hashed build file, as the testimony page links to it (the first page has none). */
async function immutableAsset(portal: RunningPortal): Promise<string> {
	const html = await (await fetch(`${portal.origin}/tell/steps`)).text();
	const found = html.match(/\/_app\/immutable\/[^"'\s]+\.js/)?.[0];
	if (!found) throw new Error('The testimony page links to no hashed asset.');
	return found;
}

describe('static files behind an https ORIGIN', () => {
	let portal: RunningPortal;

	beforeAll(async () => {
		portal = await startPortal({ ORIGIN: 'https://voice.example.org' });
	});

	afterAll(async () => {
		await portal?.stop();
	});

	it('carry HSTS, hashed assets and plain static files alike', async () => {
		for (const path of ['/favicon.svg', '/robots.txt', await immutableAsset(portal)]) {
			const response = await fetch(portal.origin + path);
			expect(response.status, path).toBe(200);
			await response.body?.cancel();
			expect(response.headers.get('strict-transport-security'), path).toBe('max-age=63072000; includeSubDomains');
		}
		const notModified = await fetch(portal.origin + '/favicon.svg', {
			headers: { 'if-none-match': (await fetch(portal.origin + '/favicon.svg')).headers.get('etag') ?? '' }
		});
		expect(notModified.status).toBe(304);
		expect(notModified.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
	});
});

describe('the server, spoken to directly', () => {
	let portal: RunningPortal;

	beforeAll(async () => {
		portal = await startPortal();
	});

	afterAll(async () => {
		await portal?.stop();
	});

	const post = (path: string, body: BodyInit, type = 'application/json', headers: Record<string, string> = {}) =>
		fetch(portal.origin + path, {
			method: 'POST',
			headers: { 'content-type': type, ...headers },
			body,
			redirect: 'manual'
		});
	const b64 = (length: number, fill = 7) => Buffer.alloc(length, fill).toString('base64url');
	const newId = () => randomBytes(16).toString('base64url');
	/** A testimony's envelope: well formed, addressed to a channel this portal does not have. */
	const envelope = (id: string) =>
		JSON.stringify({
			id,
			channelId: '00000000-0000-4000-8000-000000000000',
			channelKeyVersion: 1,
			formatVersion: 1,
			nonce: b64(24),
			ciphertext: b64(528),
			sealedDataKey: b64(80),
			receiptLookupToken: b64(32),
			replyPublicKey: b64(32)
		});
	/** A submission carrying a valid proof of work, so what is judged is the body. */
	const postSubmission = async (body: BodyInit, type = 'application/json') =>
		post('/api/submissions', body, type, { [PROOF_HEADER]: await mintedProof(portal.origin, 'submission', newId()) });

	it('answers the health check with its state only: no data, no cookie, not cached', async () => {
		const response = await fetch(`${portal.origin}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
		expect(response.headers.get('set-cookie')).toBeNull();
		expect(response.headers.get('cache-control')).toContain('no-store');
	});

	it('sends the security headers on survivor pages', async () => {
		const response = await fetch(`${portal.origin}/ar/tell`);
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("base-uri 'none'");
		expect(csp).toContain("object-src 'none'");
		// Inline scripts only by their hash: the quick exit's, and SvelteKit's on pages that hydrate.
		expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
		expect(csp).not.toContain('nonce-');
		expect(csp).not.toContain('unsafe-inline');
		expect(csp).not.toContain("'unsafe-eval'");
		expect(response.headers.get('referrer-policy')).toBe('no-referrer');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('permissions-policy')).toContain('microphone=(self)');
		expect(response.headers.get('strict-transport-security')).toBeNull();
		expect(response.headers.get('set-cookie')).toBeNull();
	});

	it('sends every security header on static files too, with a year of cache only for hashed assets', async () => {
		const immutable = await immutableAsset(portal);
		for (const [path, cacheControl] of [
			['/favicon.svg', 'no-store'],
			['/robots.txt', 'no-store'],
			['/_app/version.json', 'no-store'],
			[immutable, 'public,max-age=31536000,immutable']
		]) {
			const response = await fetch(portal.origin + path);
			expect(response.status, path).toBe(200);
			await response.body?.cancel();
			expect(response.headers.get('cache-control'), path).toBe(cacheControl);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
			expect(response.headers.get('x-frame-options'), path).toBe('DENY');
			expect(response.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
			expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
			expect(response.headers.get('strict-transport-security'), path).toBeNull();
		}
	});

	it.each([
		['a body that is not JSON', '{"id":', 400],
		['a JSON array', '[]', 400],
		['null', 'null', 400],
		['missing fields', '{}', 400],
		['a ciphertext that is not base64url', JSON.stringify({ ciphertext: '***' }), 400],
		['an unsupported format version', JSON.stringify({ formatVersion: 9 }), 400]
	])('answers a submission with %s by a 4xx and a message', async (_, body, status) => {
		const response = await postSubmission(body);
		expect(response.status).toBe(status);
		expect((await response.json()).message).toMatch(/\w+/);
	});

	it('refuses a body that is not UTF-8', async () => {
		const response = await postSubmission(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
		expect(response.status).toBe(400);
		expect((await response.json()).message).toMatch(/UTF-8/);
	});

	it('refuses a submission larger than the limit', async () => {
		// Its own connection: the server answers before reading the body and then drops it.
		const proof = await mintedProof(portal.origin, 'submission', newId());
		const status = await new Promise<number>((resolve, reject) => {
			const body = JSON.stringify({ ciphertext: 'A'.repeat(400_000) });
			const request = http.request(
				`${portal.origin}/api/submissions`,
				{
					method: 'POST',
					agent: false,
					headers: { 'content-type': 'application/json', 'content-length': body.length, [PROOF_HEADER]: proof }
				},
				(response) => {
					response.resume();
					resolve(response.statusCode ?? 0);
				}
			);
			request.on('error', reject);
			request.end(body);
		});
		expect(status).toBe(413);
	});

	it('refuses a well-formed submission to a channel that does not exist', async () => {
		const response = await postSubmission(envelope(newId()).replace(/"id":"[^"]+"/, `"id":"${b64(16)}"`));
		// The proof was minted for another id: judged before the channel.
		expect(response.status).toBe(428);
		const id = newId();
		const proven = await post('/api/submissions', envelope(id), 'application/json', {
			[PROOF_HEADER]: await mintedProof(portal.origin, 'submission', id)
		});
		expect(proven.status).toBe(404);
		expect((await proven.json()).message).toMatch(/channel/);
	});

	it('refuses every anonymous write without a proof of work, before reading its body, echoing nothing', async () => {
		const canary = 'CANARY_' + 'x'.repeat(40);
		const writes: [string, string, Record<string, string>, BodyInit][] = [
			['POST', '/api/submissions', { 'content-type': 'application/json' }, envelope(newId())],
			[
				'POST',
				'/api/receipts/messages',
				{ 'content-type': 'application/json' },
				JSON.stringify({ lookupToken: b64(32) })
			],
			[
				'POST',
				'/api/receipts/withdraw',
				{ 'content-type': 'application/json' },
				JSON.stringify({ lookupToken: b64(32) })
			],
			[
				'PUT',
				`/api/submissions/${newId()}/attachments/${newId()}`,
				{ 'content-type': 'application/octet-stream', 'x-receipt-lookup': b64(32) },
				new Uint8Array(100)
			]
		];
		for (const [method, path, headers, body] of writes) {
			for (const proof of [null, canary, Buffer.from(JSON.stringify({ challenge: canary })).toString('base64url')]) {
				const response = await fetch(portal.origin + path, {
					method,
					headers: { ...headers, ...(proof ? { [PROOF_HEADER]: proof } : {}) },
					body
				});
				expect(response.status, `${method} ${path}`).toBe(428);
				const text = await response.text();
				expect(JSON.parse(text).message).toMatch(/proof of work/);
				expect(text).not.toContain('CANARY');
			}
		}
	});

	it('spends a proof once, and refuses it for another id or another kind of write', async () => {
		const id = newId();
		const proof = await mintedProof(portal.origin, 'submission', id);
		const first = await post('/api/submissions', envelope(id), 'application/json', { [PROOF_HEADER]: proof });
		// Spent even though the channel is unknown: the work bought one attempt.
		expect(first.status).toBe(404);
		const replay = await post('/api/submissions', envelope(id), 'application/json', { [PROOF_HEADER]: proof });
		expect(replay.status).toBe(428);
		expect((await replay.json()).message).toMatch(/already used/);

		const other = await mintedProof(portal.origin, 'submission', newId());
		const forAnother = await post('/api/submissions', envelope(newId()), 'application/json', { [PROOF_HEADER]: other });
		expect(forAnother.status).toBe(428);
		expect((await forAnother.json()).message).toMatch(/another request/);

		const lookupToken = b64(32, 3);
		const forWithdrawal = await mintedProof(portal.origin, 'withdraw', lookupToken);
		const asMessage = await post('/api/receipts/messages', JSON.stringify({ lookupToken }), 'application/json', {
			[PROOF_HEADER]: forWithdrawal
		});
		expect(asMessage.status).toBe(428);
		// Nor for another receipt's withdrawal (judged before any look-up, so no guess is counted).
		const otherReceipt = await post(
			'/api/receipts/withdraw',
			JSON.stringify({ lookupToken: b64(32, 4) }),
			'application/json',
			{
				[PROOF_HEADER]: forWithdrawal
			}
		);
		expect(otherReceipt.status).toBe(428);
	});

	it('issues challenges only for a known kind of write and a well-formed id', async () => {
		for (const body of [
			{},
			{ purpose: 'login', subject: newId() },
			{ purpose: 'submission', subject: 'short' },
			{ purpose: 'withdraw', subject: newId() }
		]) {
			const response = await post('/api/proofs', JSON.stringify(body));
			expect(response.status).toBe(400);
		}
		const response = await post('/api/proofs', JSON.stringify({ purpose: 'attachment', subject: newId() }));
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const challenge = await response.json();
		expect(challenge.parameters.algorithm).toBe('SHA-256');
		expect(challenge.parameters.data.difficulty).toBeGreaterThanOrEqual(1000);
	});

	it('answers an unknown username exactly like a known one, with the same failure message', async () => {
		const params = await post('/staff/api/login/params', JSON.stringify({ username: 'no-such-person' }));
		expect(params.status).toBe(200);
		const body = await params.json();
		expect(Object.keys(body).sort()).toEqual(['algorithm', 'memLimitBytes', 'opsLimit', 'salt']);
		const again = await (await post('/staff/api/login/params', JSON.stringify({ username: 'no-such-person' }))).json();
		expect(again.salt).toBe(body.salt);

		const login = await post(
			'/staff/api/login',
			JSON.stringify({ username: 'no-such-person', authKey: Buffer.alloc(32).toString('base64url') })
		);
		expect(login.status).toBe(401);
		expect((await login.json()).message).toBe('The username, passphrase or code is not correct.');
	});

	it('sends anyone without a session from staff pages to the sign-in page', async () => {
		for (const path of ['/staff', '/staff/testimony/anything']) {
			const response = await fetch(portal.origin + path, { redirect: 'manual' });
			expect(response.status).toBe(303);
			expect(response.headers.get('location')).toMatch(/^\/staff\/login\?next=/);
		}
	});

	it('answers every wrong receipt with one neutral 404, however many arrive (no failure window to lock survivors out)', async () => {
		const statuses: number[] = [];
		const messages = new Set<string>();
		for (let attempt = 0; attempt < 65; attempt++) {
			const response = await post(
				'/api/receipts/status',
				JSON.stringify({ lookupToken: Buffer.alloc(32, attempt).toString('base64url') })
			);
			statuses.push(response.status);
			if (response.status === 404) messages.add((await response.json()).message);
			else await response.body?.cancel();
		}
		expect(statuses.every((status) => status === 404)).toBe(true);
		expect([...messages]).toEqual(['Nothing was found for this receipt.']);
	});

	it('refuses writes to the JSON endpoints from another site’s page, with a clear message', async () => {
		// SvelteKit refuses only form content types; a foreign page can also send a body with no
		// content type, or none at all, without a preflight.
		const lookupToken = Buffer.alloc(32, 3).toString('base64url');
		const foreign: Record<string, string>[] = [
			{ 'sec-fetch-site': 'cross-site' },
			{ 'sec-fetch-site': 'same-site' },
			{ origin: 'https://elsewhere.example' }
		];
		for (const headers of foreign) {
			for (const [method, path] of [
				['POST', '/api/receipts/status'],
				['POST', '/staff/api/login/params'],
				['POST', '/staff/api/submissions/anything/review'],
				['PUT', '/api/submissions/a/attachments/b']
			]) {
				const response = await fetch(portal.origin + path, {
					method,
					headers,
					body: new TextEncoder().encode(JSON.stringify({ lookupToken, username: 'someone' }))
				});
				expect(response.status, `${method} ${path}`).toBe(403);
				expect((await response.json()).message).toBe(
					'Requests from other websites are refused. Open the portal itself and try again.'
				);
			}
		}
		const sameOrigin = await fetch(portal.origin + '/api/receipts/status', {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin: portal.origin },
			body: JSON.stringify({ lookupToken })
		});
		expect(sameOrigin.status).toBe(404);
		await sameOrigin.body?.cancel();
	});

	it('refuses a voice note upload without the receipt token of its testimony', async () => {
		const id = Buffer.alloc(16, 1).toString('base64url');
		const response = await fetch(`${portal.origin}/api/submissions/${id}/attachments/${id}`, {
			method: 'PUT',
			headers: {
				'content-type': 'application/octet-stream',
				'x-receipt-lookup': Buffer.alloc(32, 9).toString('base64url'),
				[PROOF_HEADER]: await mintedProof(portal.origin, 'attachment', id)
			},
			body: new Uint8Array(100)
		});
		expect(response.status).toBe(404);
		expect((await response.json()).message).toMatch(/voice note/);
	});

	it('logged nothing but its own start-up lines', () => {
		const lines = portal.output().trim().split('\n');
		const unexpected = lines.filter(
			(line) =>
				!/^(Setup link: |TRIPS Voice is listening on |Deployment key created in |Retention deleted \d+ rejected)/.test(
					line
				)
		);
		expect(unexpected).toEqual([]);
	});
});
