import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	CACHEABLE_ROUTE_IDS,
	PageCache,
	changesStaffData,
	chooseEncoding,
	pageCacheHandle,
	pageCacheKey,
	withoutNonces,
	type PageRequest
} from './page-cache';

const POLICY = "script-src 'self' 'wasm-unsafe-eval' 'nonce-abc123'; style-src 'self'";
const PAGE = `<!doctype html><html lang="ar" dir="rtl"><body><h1>${'اختر لغتك '.repeat(200)}</h1></body></html>`;
const HYDRATING_PAGE = '<!doctype html><html><body><script nonce="abc123">start()</script></body></html>';

function rendered(html = PAGE, init: ResponseInit = {}): Response {
	return new Response(html, {
		status: 200,
		...init,
		headers: { 'content-type': 'text/html', 'content-security-policy': POLICY, ...init.headers }
	});
}

const request = (overrides: Partial<PageRequest> = {}): PageRequest => ({
	method: 'GET',
	url: new URL('http://localhost/ar'),
	routeId: '/(survivor)',
	locale: 'ar',
	overOnion: false,
	isDataRequest: false,
	...overrides
});

const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe('which requests a page may be kept for', () => {
	it('keeps the language, safety and testimony pages, keyed by path, locale and origin', () => {
		expect(CACHEABLE_ROUTE_IDS).toEqual(
			expect.arrayContaining(['/(survivor)', '/(survivor)/tell', '/(survivor)/tell/steps'])
		);
		const keys = [
			pageCacheKey(request()),
			pageCacheKey(request({ url: new URL('http://localhost/'), locale: 'en' })),
			pageCacheKey(request({ overOnion: true })),
			pageCacheKey(request({ url: new URL('http://localhost/ar/tell'), routeId: '/(survivor)/tell' })),
			pageCacheKey(request({ url: new URL('http://localhost/ar/tell/steps'), routeId: '/(survivor)/tell/steps' }))
		];
		expect(keys.every((key) => key !== null)).toBe(true);
		expect(new Set(keys).size).toBe(keys.length);
		expect(pageCacheKey(request({ method: 'HEAD' }))).toBe(pageCacheKey(request()));
	});

	it('never keeps a session link, a data request, another method or a route off the list', () => {
		expect(pageCacheKey(request({ url: new URL('http://localhost/ar/tell?s=abcdefgh') }))).toBeNull();
		expect(pageCacheKey(request({ isDataRequest: true }))).toBeNull();
		expect(pageCacheKey(request({ method: 'POST' }))).toBeNull();
		expect(pageCacheKey(request({ routeId: '/(survivor)/kiosk' }))).toBeNull();
		expect(pageCacheKey(request({ routeId: '/(survivor)/check' }))).toBeNull();
		expect(pageCacheKey(request({ routeId: null }))).toBeNull();
	});
});

describe('choosing the encoding', () => {
	it('prefers brotli, then gzip, and honours refusals', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*, br;q=0')).toBe('gzip');
		expect(chooseEncoding('identity')).toBe('identity');
		expect(chooseEncoding('')).toBe('identity');
		expect(chooseEncoding(null)).toBe('identity');
		expect(chooseEncoding('br;q=nonsense')).toBe('identity');
	});
});

describe('a kept page', () => {
	it('is served in the accepted encoding, with the same bytes and headers every time', async () => {
		const cache = new PageCache();
		const first = await cache.store('k', cache.generation, rendered(), 'GET', 'br, gzip');
		expect(first.headers.get('content-encoding')).toBe('br');
		expect(first.headers.get('vary')).toBe('accept-encoding');
		const firstBytes = await bytes(first);
		expect(new TextDecoder().decode(brotliDecompressSync(firstBytes))).toBe(PAGE);
		expect(first.headers.get('content-length')).toBe(String(firstBytes.byteLength));

		const again = cache.lookup('k', 'GET', 'br, gzip')!;
		expect(await bytes(again)).toEqual(firstBytes);
		expect([...again.headers]).toEqual([...first.headers]);

		const gzip = cache.lookup('k', 'GET', 'gzip')!;
		expect(gzip.headers.get('content-encoding')).toBe('gzip');
		expect(new TextDecoder().decode(gunzipSync(await bytes(gzip)))).toBe(PAGE);

		const plain = cache.lookup('k', 'GET', null)!;
		expect(plain.headers.has('content-encoding')).toBe(false);
		expect(await plain.text()).toBe(PAGE);

		const head = cache.lookup('k', 'HEAD', 'gzip')!;
		expect(head.body).toBeNull();
		expect(head.headers.get('content-length')).toBe(gzip.headers.get('content-length'));
	});

	it('replays the policy without the nonce nothing on the page uses', async () => {
		const cache = new PageCache();
		const stored = await cache.store('k', cache.generation, rendered(), 'GET', 'br');
		expect(stored.headers.get('content-security-policy')).toBe(
			"script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"
		);
		expect(withoutNonces("script-src 'nonce-a' 'self' 'nonce-b'")).toBe("script-src 'self'");
		expect(withoutNonces("script-src 'self' 'sha256-abc='")).toBe("script-src 'self' 'sha256-abc='");
	});

	it('is never kept when the page carries a nonce, sets a cookie, or is not a 200 HTML page', async () => {
		const cache = new PageCache();
		const refused: Response[] = [
			rendered(HYDRATING_PAGE),
			rendered(PAGE, { headers: { 'set-cookie': 'a=b' } }),
			rendered(PAGE, { status: 404 }),
			new Response('{"status":"ok"}', { headers: { 'content-type': 'application/json' } })
		];
		for (const response of refused) {
			const status = response.status;
			const passed = await cache.store('k', cache.generation, response, 'GET', 'br');
			expect(passed.status).toBe(status);
			expect(passed.headers.has('content-encoding')).toBe(false);
			expect(cache.lookup('k', 'GET', 'br')).toBeNull();
		}
		// Its bytes and policy reach the browser untouched.
		const hydrating = await cache.store('k', cache.generation, rendered(HYDRATING_PAGE), 'GET', 'br');
		expect(await hydrating.text()).toBe(HYDRATING_PAGE);
		expect(hydrating.headers.get('content-security-policy')).toBe(POLICY);
		expect(cache.size).toBe(0);
	});

	it('is forgotten when staff change something, and a render begun before is not kept after', async () => {
		const cache = new PageCache();
		await cache.store('k', cache.generation, rendered(), 'GET', 'br');
		const renderBegan = cache.generation;
		cache.invalidate();
		expect(cache.lookup('k', 'GET', 'br')).toBeNull();
		const late = await cache.store('k', renderBegan, rendered(), 'GET', 'br');
		expect(await late.text()).toBe(PAGE);
		expect(cache.lookup('k', 'GET', 'br')).toBeNull();
	});

	it('expires after its time to live, and the least recently used goes first when full', async () => {
		let now = 0;
		const cache = new PageCache({ ttlMs: 1000, maxEntries: 2, now: () => now });
		for (const key of ['a', 'b']) await cache.store(key, cache.generation, rendered(), 'GET', 'br');
		now = 500;
		expect(cache.lookup('a', 'GET', 'br')).not.toBeNull();
		await cache.store('c', cache.generation, rendered(), 'GET', 'br');
		expect(cache.lookup('b', 'GET', 'br')).toBeNull();
		expect(cache.lookup('a', 'GET', 'br')).not.toBeNull();
		now = 1000;
		expect(cache.lookup('a', 'GET', 'br')).toBeNull();
		expect(cache.lookup('c', 'GET', 'br')).not.toBeNull();
		now = 1500;
		expect(cache.lookup('c', 'GET', 'br')).toBeNull();
		expect(cache.size).toBe(0);
	});
});

describe('which writes empty the cache', () => {
	it('counts every staff write that was not refused', () => {
		expect(changesStaffData('POST', '/staff/admin/channels/abc', 200)).toBe(true);
		expect(changesStaffData('POST', '/staff/admin/settings', 303)).toBe(true);
		expect(changesStaffData('DELETE', '/staff/api/sessions/x', 204)).toBe(true);
		expect(changesStaffData('POST', '/staff/api/x', 500)).toBe(true);
		expect(changesStaffData('POST', '/staff/api/login', 401)).toBe(false);
		expect(changesStaffData('GET', '/staff/admin/channels/abc', 200)).toBe(false);
		expect(changesStaffData('POST', '/api/submissions', 201)).toBe(false);
		expect(changesStaffData('POST', '/staffing', 200)).toBe(false);
	});
});

describe('the hook', () => {
	type Resolve = Parameters<ReturnType<typeof pageCacheHandle>>[0]['resolve'];

	function event(method: string, url: string, routeId: string | null, headers: Record<string, string> = {}) {
		return {
			request: new Request(url, { method, headers }),
			url: new URL(url),
			route: { id: routeId },
			isDataRequest: false
		} as unknown as RequestEvent;
	}

	it('renders a page once, answers from memory until a staff write, then renders again', async () => {
		const cache = new PageCache();
		const handle = pageCacheHandle(cache, () => ({ locale: 'ar', overOnion: false }));
		let renders = 0;
		const page: Resolve = async () => {
			renders += 1;
			return rendered(PAGE.replace('<h1>', `<h1 data-render="${renders}">`));
		};
		const get = () =>
			handle({ event: event('GET', 'http://localhost/ar', '/(survivor)', { 'accept-encoding': 'br' }), resolve: page });

		const first = await get();
		const second = await get();
		expect(renders).toBe(1);
		expect(await bytes(second)).toEqual(await bytes(first));

		await handle({ event: event('GET', 'http://localhost/ar?s=abcdefgh', '/(survivor)'), resolve: page });
		expect(renders).toBe(2);

		const refusedLogin: Resolve = async () => new Response(null, { status: 401 });
		await handle({ event: event('POST', 'http://localhost/staff/api/login', null), resolve: refusedLogin });
		await get();
		expect(renders).toBe(2);

		const saved: Resolve = async () => new Response(null, { status: 200 });
		await handle({
			event: event('POST', 'http://localhost/staff/admin/channels/abc', '/staff/(app)/admin/channels/[id]'),
			resolve: saved
		});
		const after = await get();
		expect(renders).toBe(3);
		expect(new TextDecoder().decode(brotliDecompressSync(await bytes(after)))).toContain('data-render="3"');
	});

	it('empties the cache when a staff write fails on the server', async () => {
		const cache = new PageCache();
		const handle = pageCacheHandle(cache, () => ({ locale: 'en', overOnion: false }));
		await handle({ event: event('GET', 'http://localhost/', '/(survivor)'), resolve: async () => rendered() });
		expect(cache.size).toBe(1);
		const failing: Resolve = async () => {
			throw new Error('disk full');
		};
		await expect(
			handle({ event: event('POST', 'http://localhost/staff/admin/settings', null), resolve: failing })
		).rejects.toThrow();
		expect(cache.size).toBe(0);
	});
});
