/**
 * Headers for every response the app renders (the table is shared with scripts/start.js, which
 * sends it with static files). The CSP itself comes from `kit.csp` in svelte.config.js so
 * SvelteKit can add hashes for its own inline scripts.
 */
import { securityHeaders } from './header-table.js';
import { isOnionHost } from './onion-origin.js';

export { securityHeaders };

export type Origins = { origin: string; onionOrigin: string | null };

/**
 * The security headers of one response. HSTS goes only with the https origin: over the onion
 * service the connection is Tor's, and a header about https there would mean nothing. Survivor
 * pages reached over the https origin also name their onion address (`Onion-Location`), which
 * Tor Browser offers to open; staff pages do not, since a staff session belongs to one origin.
 */
export function responseSecurityHeaders(
	{ origin, onionOrigin }: Origins,
	host: string | null,
	url: URL,
	routeId: string | null
): Record<string, string> {
	const https = origin.startsWith('https:') && !isOnionHost(host, onionOrigin);
	const headers = securityHeaders(https);
	if (https && onionOrigin && routeId?.startsWith('/(survivor)')) {
		headers['onion-location'] = onionOrigin + url.pathname + url.search;
	}
	return headers;
}
