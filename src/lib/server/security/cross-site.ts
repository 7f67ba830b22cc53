/**
 * Refuses cross-site writes to the JSON endpoints. SvelteKit's own CSRF check covers only form
 * content types; a page on another site can still send, without a preflight, a POST with no
 * body or a body without a content type. Browsers say where a request comes from:
 * `Sec-Fetch-Site` (every current browser) or else `Origin`.
 *
 * A request with neither header is not from a browser page (a script, curl, a test): it carries
 * no one else's cookie, so letting it through gives a forger nothing it could not do itself.
 */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_ENDPOINTS = /^\/(api|staff\/api)(\/|$)/;

export const CROSS_SITE_MESSAGE = 'Requests from other websites are refused. Open the portal itself and try again.';

export function isCrossSiteWrite(request: Request, url: URL): boolean {
	if (!WRITE_METHODS.has(request.method) || !JSON_ENDPOINTS.test(url.pathname)) return false;
	const site = request.headers.get('sec-fetch-site');
	// "none" is a request the person started themselves (typed address, bookmark): never a
	// write from a page. Only the portal's own pages may write.
	if (site !== null) return site !== 'same-origin';
	const origin = request.headers.get('origin');
	if (origin !== null) return origin !== url.origin;
	return false;
}
