/**
 * Survivor pages that are the same for everyone (the language page, the safety page, the
 * testimony page with its questions and the channel's public key) are kept
 * in server memory after their first render, already compressed, so that a crowd arriving at a
 * support group's session costs one render per page and language, not one per person. This is
 * about server memory only: every response still says `cache-control: no-store` to browsers.
 *
 * A page is kept only when nothing about the person asking can be in it: an allow-listed route,
 * GET without a query string (a facilitated session's link carries `?s=`), a 200 without a
 * cookie, and HTML without a CSP nonce (SvelteKit puts one on the inline scripts of pages that
 * hydrate; replaying it would let anyone who read it once run a script of theirs on the page).
 * What staff change shows at once: any write under /staff that was not refused empties the cache.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Handle, RequestEvent } from '@sveltejs/kit';

/**
 * Route ids whose pages are the same for everyone who asks without a query string. A page
 * carrying a nonce is never stored even when listed here.
 *
 * The testimony page carries the channel's public key and its version. A rotation takes effect
 * when a colleague confirms it, a staff write, which empties the cache; and a page kept from
 * before a rotation made some other way (straight in the database) can only seal to the old
 * version, which intake then refuses with "reload and send again": never a testimony accepted
 * under a key the channel has replaced.
 */
export const CACHEABLE_ROUTE_IDS: readonly string[] = Object.freeze([
	'/(survivor)',
	'/(survivor)/tell',
	'/(survivor)/tell/steps',
	// The same for everyone until staff publish or withdraw a finding, a staff write.
	'/(survivor)/findings'
]);

/** A belt to the brace of invalidation: an edit made straight in the database shows within this. */
export const PAGE_CACHE_TTL_MS = 60_000;
/**
 * Every kept page a stranger can ask for: 20 locales × 4 pages × 2 origins, each with and
 * without its trailing slash, so that cycling through them cannot push pages out (at most
 * about 20 MB: the testimony page is the largest, about 40 KB with its two compressed copies).
 */
export const PAGE_CACHE_MAX_ENTRIES = 320;
/** A page larger than this is not what this cache is for. */
export const PAGE_CACHE_MAX_BODY_BYTES = 512 * 1024;

export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to send for an Accept-Encoding header: brotli, then gzip, else none. Honours
 * `q=0` (refused) and `*`; an unreadable header gets the uncompressed page, which every client reads.
 */
export function chooseEncoding(acceptEncoding: string | null): Encoding {
	const accepted = new Map<string, number>();
	for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
		const [name, ...parameters] = part.split(';').map((piece) => piece.trim());
		if (!name) continue;
		const q = parameters.find((parameter) => parameter.startsWith('q='));
		const quality = q ? Number(q.slice(2)) : 1;
		accepted.set(name, Number.isFinite(quality) ? quality : 0);
	}
	const quality = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
	if (quality('br') > 0) return 'br';
	if (quality('gzip') > 0) return 'gzip';
	return 'identity';
}

/**
 * What a request would be kept under, or null when its answer may not be kept. The key holds
 * everything that changes the bytes: the path (which carries the locale), the locale itself,
 * and whether it came through the onion service (whose answers carry other headers). The
 * encoding is chosen per request from one entry that holds all three.
 */
export type PageRequest = {
	method: string;
	url: URL;
	routeId: string | null;
	locale: string;
	/** Whether the request came through the onion service. */
	overOnion: boolean;
	isDataRequest: boolean;
};

export function pageCacheKey(request: PageRequest): string | null {
	if (request.method !== 'GET' && request.method !== 'HEAD') return null;
	if (request.isDataRequest || request.url.search !== '') return null;
	if (!request.routeId || !CACHEABLE_ROUTE_IDS.includes(request.routeId)) return null;
	return [request.overOnion ? 'onion' : 'web', request.locale, request.url.pathname].join('\u0000');
}

type Entry = {
	status: number;
	headers: [string, string][];
	bodies: Record<Encoding, Uint8Array<ArrayBuffer>>;
	storedAt: number;
};

/** Headers that describe the stored bytes rather than the page; set again for each answer. */
const PER_ANSWER_HEADERS = new Set(['content-length', 'content-encoding', 'vary', 'date', 'transfer-encoding']);

/**
 * SvelteKit adds `'nonce-…'` to the policy only for inline scripts or styles it writes with that
 * nonce; a stored page has none (it would not have been stored), so any nonce left in its policy
 * allows nothing on the page. Dropping it, rather than replaying it or minting a new one that
 * nothing uses, keeps the replayed policy exactly as strict as the page needs and never tells
 * anyone a nonce that a later page might honour.
 */
export function withoutNonces(policy: string): string {
	return policy
		.split(';')
		.map((directive) => directive.replace(/\s+'nonce-[^']*'/g, ''))
		.join(';');
}

const CARRIES_NONCE = /\bnonce=/;

export type PageCacheOptions = { ttlMs?: number; maxEntries?: number; now?: () => number };

export class PageCache {
	readonly #entries = new Map<string, Entry>();
	readonly #ttlMs: number;
	readonly #maxEntries: number;
	readonly #now: () => number;
	#generation = 0;

	constructor({
		ttlMs = PAGE_CACHE_TTL_MS,
		maxEntries = PAGE_CACHE_MAX_ENTRIES,
		now = Date.now
	}: PageCacheOptions = {}) {
		this.#ttlMs = ttlMs;
		this.#maxEntries = maxEntries;
		this.#now = now;
	}

	/** Bumped by every invalidation: a render begun before it is never stored after it. */
	get generation(): number {
		return this.#generation;
	}

	get size(): number {
		return this.#entries.size;
	}

	/** Forgets every page: staff changed something a page may show. */
	invalidate(): void {
		this.#generation += 1;
		this.#entries.clear();
	}

	/** The kept answer for `key` in the encoding the request accepts, or null. */
	lookup(key: string, method: string, acceptEncoding: string | null): Response | null {
		const entry = this.#entries.get(key);
		if (!entry) return null;
		if (this.#now() - entry.storedAt >= this.#ttlMs) {
			this.#entries.delete(key);
			return null;
		}
		// Most recently used goes last; the first in the map is the next to go.
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		return answer(entry, method, chooseEncoding(acceptEncoding));
	}

	/**
	 * Keeps a rendered answer if it may be kept and returns what to send in its place (the
	 * compressed bytes, so that no compression runs again on the way out). `generation` is the
	 * cache's generation when the render began.
	 */
	async store(
		key: string,
		generation: number,
		response: Response,
		method: string,
		acceptEncoding: string | null
	): Promise<Response> {
		if (
			method !== 'GET' ||
			response.status !== 200 ||
			response.headers.has('set-cookie') ||
			response.headers.has('content-encoding') ||
			!(response.headers.get('content-type') ?? '').startsWith('text/html')
		) {
			return response;
		}
		const body = new Uint8Array(await response.arrayBuffer());
		const html = new TextDecoder().decode(body);
		if (body.byteLength > PAGE_CACHE_MAX_BODY_BYTES || CARRIES_NONCE.test(html) || generation !== this.#generation) {
			return new Response(body, {
				status: response.status,
				statusText: response.statusText,
				headers: response.headers
			});
		}
		const headers: [string, string][] = [];
		for (const [name, value] of response.headers) {
			if (PER_ANSWER_HEADERS.has(name)) continue;
			headers.push([name, name.startsWith('content-security-policy') ? withoutNonces(value) : value]);
		}
		const entry: Entry = {
			status: response.status,
			headers,
			bodies: {
				identity: body,
				br: new Uint8Array(
					brotliCompressSync(body, {
						params: {
							[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
							[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
							[constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
						}
					})
				),
				gzip: new Uint8Array(gzipSync(body, { level: 9 }))
			},
			storedAt: this.#now()
		};
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		while (this.#entries.size > this.#maxEntries) {
			this.#entries.delete(this.#entries.keys().next().value!);
		}
		return answer(entry, method, chooseEncoding(acceptEncoding));
	}
}

function answer(entry: Entry, method: string, encoding: Encoding): Response {
	const headers = new Headers(entry.headers);
	const body = entry.bodies[encoding];
	if (encoding !== 'identity') headers.set('content-encoding', encoding);
	headers.set('vary', 'accept-encoding');
	headers.set('content-length', String(body.byteLength));
	return new Response(method === 'HEAD' ? null : body, { status: entry.status, headers });
}

/** Whether a request is a staff write whose outcome may have changed what a kept page shows. */
export function changesStaffData(method: string, pathname: string, status: number): boolean {
	if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
	if (pathname !== '/staff' && !pathname.startsWith('/staff/')) return false;
	// A refusal (a wrong passphrase, an invalid form, a missing right) changed nothing; anything
	// else, a server error included, might have.
	return status < 400 || status >= 500;
}

/**
 * The hook: answers kept pages from memory, keeps new ones, and empties the cache after staff
 * writes. The security headers and `cache-control: no-store` are set by an outer hook on every
 * answer, kept or not.
 */
export function pageCacheHandle(
	cache: PageCache,
	describe: (event: RequestEvent) => { locale: string; overOnion: boolean }
): Handle {
	return async ({ event, resolve }) => {
		const { method } = event.request;
		if (method !== 'GET' && method !== 'HEAD') {
			let status = 500;
			try {
				const response = await resolve(event);
				status = response.status;
				return response;
			} finally {
				if (changesStaffData(method, event.url.pathname, status)) cache.invalidate();
			}
		}
		const key = pageCacheKey({
			method,
			url: event.url,
			routeId: event.route.id,
			isDataRequest: event.isDataRequest,
			...describe(event)
		});
		if (key === null) return resolve(event);
		const acceptEncoding = event.request.headers.get('accept-encoding');
		const kept = cache.lookup(key, method, acceptEncoding);
		if (kept) return kept;
		const generation = cache.generation;
		return cache.store(key, generation, await resolve(event), method, acceptEncoding);
	};
}
