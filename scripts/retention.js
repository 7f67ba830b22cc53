// Applies the retention rules once to the database in DATA_DIR (see src/lib/server/retention.ts),
// building the command first when its sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The same working directory as `npm start`, so the default DATA_DIR is the same database.
process.chdir(root);

const output = path.join(root, 'build', 'cli', 'retention.js');
const buildStamp = path.join(root, 'build', 'cli', '.built');
const inputs = ['src', 'vite.cli.config.ts', 'package-lock.json'];

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
	if (built >= sources && fs.existsSync(output)) return;
	console.log('Building the retention command…');
	// tsconfig.json extends the generated .svelte-kit/tsconfig.json, which the build reads;
	// `npm install` writes it (the prepare script), unless scripts were skipped.
	if (!fs.existsSync(path.join(root, '.svelte-kit', 'tsconfig.json'))) {
		run([path.join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js'), 'sync']);
	}
	run([path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn']);
	fs.writeFileSync(buildStamp, new Date().toISOString());
}

function run(args) {
	const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('The build failed; see the messages above.');
		process.exit(result.status ?? 1);
	}
}

buildIfNeeded();
const { runRetentionCommand } = await import(pathToFileURL(output).href);
try {
	runRetentionCommand();
} catch (error) {
	// Kind and message only: SQLite's messages name tables and columns, never survivor data.
	console.error(`Retention failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
	process.exit(1);
}
