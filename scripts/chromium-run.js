// Runs a vitest configuration that drives Chromium (the benchmarks, the README screenshots):
// finds Chromium or says how to install it, builds the portal if needed, then runs vitest.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './build-if-needed.js';
import { INSTALL_HINT, findChromium } from './find-chromium.js';

export function runWithChromium(config, vitestArgs = []) {
	process.chdir(root);
	const chromium = findChromium();
	if (!chromium) {
		console.error(INSTALL_HINT);
		process.exit(1);
	}
	const step = (args) =>
		spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } });
	if (step(['scripts/start.js', '--build-only']).status !== 0) process.exit(1);
	const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
	process.exit(step([vitest, 'run', '--config', config, ...vitestArgs]).status ?? 1);
}
