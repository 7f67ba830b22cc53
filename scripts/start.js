// Builds the portal when its sources are newer than the last build, then serves it.
// Migrations run and the setup link is printed as the server starts (see src/hooks.server.ts).
import http from 'node:http';
import path from 'node:path';
import { buildIfNeeded, root, runNode, viteBin } from './build-if-needed.js';
import { securityHeaders } from '../src/lib/server/security/header-table.js';
import { OnionOriginError, isOnionHost, parseOnionOrigin } from '../src/lib/server/security/onion-origin.js';

process.chdir(root);

const port = Number(process.env.PORT || 3000);
// Loopback by default: put a TLS-terminating proxy in front and set HOST only if needed.
const host = process.env.HOST || '127.0.0.1';
process.env.ORIGIN ||= `http://localhost:${port}`;
process.env.NODE_ENV = 'production';
// Encrypted voice notes reach 24 MiB; every endpoint enforces its own, smaller limit.
process.env.BODY_SIZE_LIMIT ||= String(25 * 1024 * 1024);

/** @type {string | null} */
let onionOrigin = null;
try {
	onionOrigin = parseOnionOrigin(process.env.ONION_ORIGIN);
} catch (error) {
	if (!(error instanceof OnionOriginError)) throw error;
	console.error(error.message);
	process.exit(1);
}

function buildPortal() {
	buildIfNeeded({
		label: 'the portal',
		inputs: [
			'src',
			'messages',
			'static',
			'project.inlang',
			'staff.inlang',
			'svelte.config.js',
			'vite.config.ts',
			'package-lock.json'
		],
		output: 'build/handler.js',
		stamp: 'build/.built',
		build: () => runNode([viteBin, 'build', '--logLevel', 'warn'], { ...process.env, NODE_ENV: 'production' })
	});
}

buildPortal();
if (process.argv.includes('--build-only')) process.exit(0);

const { handler } = await import(path.join(root, 'build', 'handler.js'));
const { default: compression } = await import('compression');

/**
 * Survivor pages are compressed on the fly: on a slow line it halves their weight. They carry
 * no secret and reflect nothing from the request, so compression cannot leak one (BREACH).
 * Staff pages and JSON answers, which do carry secrets, are never compressed.
 */
const compressSurvivorPages = compression();
/** Staff pages and JSON answers skip the compression middleware altogether. */
const mayCompress = (/** @type {string | undefined} */ url) => !/^\/(staff|api)(\/|$)/.test(url ?? '');

// Static files bypass SvelteKit's hooks, so every response starts with the security headers
// (HSTS too when ORIGIN is https, except through the onion service) and no-store: a shared
// phone's cache keeps nothing of ours. Only hashed files under /_app/immutable/, whose names
// change with their content, are then marked cacheable for a year by adapter-node; pages and
// endpoints set their own in the hook.
const https = process.env.ORIGIN.startsWith('https:');
const baseline = Object.entries(securityHeaders(https));
const overOnion = Object.entries(securityHeaders(false));
const server = http.createServer((req, res) => {
	const headers = https && isOnionHost(req.headers.host, onionOrigin) ? overOnion : baseline;
	for (const [name, value] of headers) res.setHeader(name, value);
	res.setHeader('cache-control', 'no-store');
	if (mayCompress(req.url)) compressSurvivorPages(req, res, () => handler(req, res));
	else handler(req, res);
});

server.listen(port, host, () => {
	const onion = onionOrigin ? ` and ${onionOrigin}` : '';
	console.log(`TRIPS Voice is listening on ${process.env.ORIGIN}${onion} (bound to ${host}:${port})`);
});

function shutdown() {
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
