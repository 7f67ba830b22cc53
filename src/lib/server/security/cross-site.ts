/**
 * Refuses cross-site writes, before any session or body is read.
 *
 * Form posts (the content types a page on another site can send without a preflight) must carry
 * the portal's own Origin. This is SvelteKit's CSRF check, done here instead of by SvelteKit
 * because the portal has a second origin when it runs as an onion service (ONION_ORIGIN), and
 * SvelteKit's list of trusted origins is fixed when the portal is built (svelte.config.js).
 *
 * The JSON endpoints need more: a page on another site can also send, without a preflight, a
 * POST with no body or a body without a content type. Browsers say where a request comes from:
 * `Sec-Fetch-Site` (every current browser) or else `Origin`. A request with neither header is
 * not from a browser page (a script, curl, a test): it carries no one else's cookie, so letting
 * it through gives a forger nothing it could not do itself.
 */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_ENDPOINTS = /^\/(api|staff\/api)(\/|$)/;
const FORM_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

export const CROSS_SITE_MESSAGE = 'Requests from other websites are refused. Open the portal itself and try again.';

function isFormContentType(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	return FORM_CONTENT_TYPES.has(type);
}

/**
 * A form the portal's own page posted as a plain navigation (no script: the survivor's consent
 * without JavaScript). Under the portal's `no-referrer` policy the browser then sends
 * `Origin: null`, and says where the post comes from in `Sec-Fetch-Site`, which no page can set.
 */
const ownFormWithoutReferrer = (origin: string | null, site: string | null) =>
	origin === 'null' && site === 'same-origin';

/**
 * @param url the request's URL, whose origin is the portal's ORIGIN
 * @param onionOrigin the onion service's origin, whose pages are the portal's own too
 */
export function isCrossSiteWrite(request: Request, url: URL, onionOrigin: string | null = null): boolean {
	if (!WRITE_METHODS.has(request.method)) return false;
	const origin = request.headers.get('origin');
	const site = request.headers.get('sec-fetch-site');
	const ownOrigin = origin !== null && (origin === url.origin || origin === onionOrigin);
	if (isFormContentType(request) && !ownOrigin && !ownFormWithoutReferrer(origin, site)) return true;
	if (!JSON_ENDPOINTS.test(url.pathname)) return false;
	// "none" is a request the person started themselves (typed address, bookmark): never a
	// write from a page. Only the portal's own pages may write.
	if (site !== null) return site !== 'same-origin';
	return origin !== null && !ownOrigin;
}
