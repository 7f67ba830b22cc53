// Builds the portal when its sources are newer than the last build, then serves it.
// Migrations run and the setup link is printed as the server starts (see src/hooks.server.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const port = Number(process.env.PORT || 3000);
// Loopback by default: put a TLS-terminating proxy in front and set HOST only if needed.
const host = process.env.HOST || '127.0.0.1';
process.env.ORIGIN ||= `http://localhost:${port}`;
process.env.NODE_ENV = 'production';
// Encrypted voice notes reach 24 MiB; every endpoint enforces its own, smaller limit.
process.env.BODY_SIZE_LIMIT ||= String(25 * 1024 * 1024);

const buildStamp = path.join(root, 'build', '.built');
const inputs = ['src', 'messages', 'static', 'project.inlang', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

function newestMtime(target) {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of fs.readdirSync(target)) {
		if (target.endsWith('src/lib') && entry === 'paraglide') continue;
		newest = Math.max(newest, newestMtime(path.join(target, entry)));
	}
	return newest;
}

function buildIfNeeded() {
	const built = fs.existsSync(buildStamp) ? fs.statSync(buildStamp).mtimeMs : 0;
	const sources = Math.max(...inputs.map((input) => newestMtime(path.join(root, input))));
	if (built >= sources && fs.existsSync(path.join(root, 'build', 'handler.js'))) return;
	console.log('Building the portal…');
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
	if (result.status !== 0) {
		console.error('The build failed; see the messages above.');
		process.exit(result.status ?? 1);
	}
	fs.writeFileSync(buildStamp, new Date().toISOString());
}

buildIfNeeded();
if (process.argv.includes('--build-only')) process.exit(0);

const { handler } = await import(path.join(root, 'build', 'handler.js'));
const { default: compression } = await import('compression');

/**
 * Survivor pages are compressed on the fly: on a slow line it halves their weight. They carry
 * no secret and reflect nothing from the request, so compression cannot leak one (BREACH).
 * Staff pages and JSON answers, which do carry secrets, are never compressed.
 */
const compressSurvivorPages = compression({
	filter: (req, res) => !/^\/(staff|api)(\/|$)/.test(req.url ?? '') && compression.filter(req, res)
});

// Static files bypass SvelteKit's hooks, so the headers that matter for them are set here.
const server = http.createServer((req, res) => {
	res.setHeader('x-content-type-options', 'nosniff');
	res.setHeader('referrer-policy', 'no-referrer');
	res.setHeader('cross-origin-resource-policy', 'same-origin');
	compressSurvivorPages(req, res, () => handler(req, res));
});

server.listen(port, host, () => {
	console.log(`TRIPS Voice is listening on ${process.env.ORIGIN} (bound to ${host}:${port})`);
});

function shutdown() {
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
