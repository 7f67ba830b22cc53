import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales } from '$lib/paraglide/runtime';
import { readRows, writeRows } from '$lib/demo/portal-api';
import { setupThroughApi } from '$lib/demo/setup';
import { startPortal, type RunningPortal } from './harness';

/*
 * The page cache seen from outside, on a real portal. The portal says nothing about its cache
 * (a header saying "hit" would tell anyone that someone else opened the page within the last
 * minute), so the test shows it by what only a kept page does: a change made straight in the
 * database, which no staff write announces, is not on the page until the cache's minute is up;
 * a change an admin saves is on the very next page.
 *
 * Only pages without a CSP nonce are kept. The portal's CSP names inline scripts by their hash,
 * never by a nonce, and the kept pages (language and safety) do not hydrate (`csr = false`).
 */

let portal: RunningPortal;
let adminCookie: string;
let channelId: string;

beforeAll(async () => {
	portal = await startPortal();
	const admin = await setupThroughApi(portal, portal.setupLink!, {
		username: 'cache.admin',
		passphrase: 'a long enough test passphrase',
		channelName: 'Brno group',
		country: 'CZ'
	});
	adminCookie = admin.cookie;
	channelId = admin.channelId;
});

afterAll(async () => {
	await portal?.stop();
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; html: string };

/** A GET as a browser sends it, the body kept as sent (fetch would decompress it). */
function get(path: string, acceptEncoding = 'br, gzip'): Promise<Answer> {
	return new Promise((resolve, reject) => {
		http
			.get(portal.origin + path, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const body = Buffer.concat(chunks);
					const encoding = response.headers['content-encoding'];
					const plain = encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
					resolve({ status: response.statusCode!, headers: response.headers, body, html: plain.toString('utf8') });
				});
			})
			.on('error', reject);
	});
}

const withoutDate = (headers: http.IncomingHttpHeaders) => {
	const { date: _date, ...rest } = headers;
	return rest;
};
const carriesNonce = (answer: Answer) => /\bnonce="/.test(answer.html);

/** The quick-exit address as an operator would change it with the sqlite3 shell: no staff write. */
function setSafeUrlInDatabase(url: string): void {
	writeRows(portal, 'update channel set safe_url = ? where id = ?', url, channelId);
}

/** The quick-exit address as an admin saves it on the channel's page. */
async function saveSafeUrlAsAdmin(url: string): Promise<void> {
	const [row] = readRows<{ name: string; country: string; organisation: string }>(
		portal,
		'select name, country, organisation from channel where id = ?',
		channelId
	);
	const form = new URLSearchParams({
		name: row.name,
		country: row.country,
		organisation: row.organisation ?? '',
		safeUrl: url,
		status: 'open'
	});
	for (const locale of locales) form.append('locales', locale);
	const response = await fetch(`${portal.origin}/staff/admin/channels/${channelId}`, {
		method: 'POST',
		headers: { cookie: adminCookie, origin: portal.origin, 'x-sveltekit-action': 'true', accept: 'application/json' },
		body: form
	});
	const result = await response.json();
	expect(result.type, JSON.stringify(result)).toBe('success');
}

describe('the page cache', () => {
	it('answers the first page from memory: the same bytes and headers, a database edit unseen', async () => {
		const first = await get('/');
		expect(first.status).toBe(200);

		const second = await get('/');
		expect(second.body.equals(first.body)).toBe(true);
		expect(withoutDate(second.headers)).toEqual(withoutDate(first.headers));
		expect(second.headers['content-encoding']).toBe('br');
		expect(second.headers['vary']).toBe('accept-encoding');
		expect(second.headers['cache-control']).toBe('no-store');
		expect(second.headers['x-frame-options']).toBe('DENY');
		expect(second.headers['content-security-policy']).toContain("default-src 'self'");
		expect(second.headers['content-security-policy']).not.toContain('nonce-');

		const gzip = await get('/', 'gzip');
		expect(gzip.headers['content-encoding']).toBe('gzip');
		expect(gzip.html).toBe(first.html);

		setSafeUrlInDatabase('https://example.org/edited-in-the-database');
		const kept = await get('/');
		expect(kept.body.equals(first.body)).toBe(true);
		expect(kept.html).not.toContain('edited-in-the-database');
	});

	it('shows an admin’s change on the very next request', async () => {
		const before = await get('/');
		await get('/');
		await saveSafeUrlAsAdmin('https://en.wikipedia.org/wiki/Weather_forecasting');
		const after = await get('/');
		expect(after.status).toBe(200);
		expect(after.html).toContain('https://en.wikipedia.org/wiki/Weather_forecasting');
		expect(after.html).not.toBe(before.html);
	});

	it('keeps the testimony page too, and shows what an admin saves on the next one', async () => {
		const first = await get('/fr/tell/steps');
		expect(first.status).toBe(200);
		expect(first.html).toContain('Brno group');
		writeRows(portal, 'update channel set name = ? where id = ?', 'Renamed in the database', channelId);
		const kept = await get('/fr/tell/steps');
		expect(kept.body.equals(first.body)).toBe(true);
		// Any staff write that was not refused empties the cache: a key rotation's confirmation
		// is one (staff.test.ts shows the new key version on the testimony page right after it).
		await saveSafeUrlAsAdmin('https://en.wikipedia.org/wiki/Cloud');
		const after = await get('/fr/tell/steps');
		expect(after.html).toContain('Renamed in the database');
		expect(after.html).not.toContain('Brno group');
	});

	it('never keeps a page reached through a session link (?s=)', async () => {
		await saveSafeUrlAsAdmin('https://en.wikipedia.org/wiki/Weather');
		await get('/');
		const session = await get('/?s=AAAAAAAAAAAAAAAAAAAAAA');
		expect(session.status).toBe(200);

		setSafeUrlInDatabase('https://example.org/session-link-edit');
		// The kept page does not see the edit; the session link is rendered afresh and does.
		expect((await get('/')).html).not.toContain('session-link-edit');
		expect((await get('/?s=AAAAAAAAAAAAAAAAAAAAAA')).html).toContain('session-link-edit');
	});

	it('keeps only pages without a CSP nonce, and the kept pages have none to reuse', async () => {
		// A nonce replayed to everyone would be public: kept pages must be free of them, which the
		// hash-based CSP and csr = false make them (the cache refuses any page that has one).
		for (const path of ['/', '/ar', '/ar/tell', '/ar/tell/steps']) {
			const page = await get(path);
			expect(carriesNonce(page), path).toBe(false);
			expect(page.headers['content-security-policy'], path).toMatch(/script-src [^;]*'sha256-/);
		}
	});
});
