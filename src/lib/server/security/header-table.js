/**
 * The security headers of every response. SvelteKit's hook adds them to pages and endpoints;
 * scripts/start.js adds them to static files, which adapter-node serves before any hook runs.
 * Plain JavaScript so that both can load the one table.
 *
 * @param {boolean} https whether the portal's ORIGIN is https (only then is HSTS sent)
 * @returns {Record<string, string>}
 */
export function securityHeaders(https) {
	/** @type {Record<string, string>} */
	const headers = {
		'referrer-policy': 'no-referrer',
		'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin',
		'cross-origin-resource-policy': 'same-origin',
		'permissions-policy':
			'microphone=(self), camera=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()'
	};
	if (https) headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
	return headers;
}
