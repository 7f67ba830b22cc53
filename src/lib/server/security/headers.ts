/**
 * Headers for every response the app renders. The CSP itself comes from `kit.csp` in
 * svelte.config.js so SvelteKit can add hashes for its own inline scripts.
 */
export function securityHeaders(https: boolean): Record<string, string> {
	const headers: Record<string, string> = {
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
