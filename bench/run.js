// Benchmarks: build if needed, then measure in Chromium. Numbers are printed, never asserted.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALL_HINT, findChromium } from '../scripts/find-chromium.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
process.exit(step([vitest, 'run', '--config', 'bench/vitest.config.ts', '--reporter=dot']).status ?? 1);
