// The whole test suite: formatting and lint, type checking, unit tests on real SQLite and libsodium, then
// end-to-end tests in a real Chromium against the built server.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALL_HINT, findChromium } from './find-chromium.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv.includes('--e2e-only') ? 'e2e' : process.argv.includes('--unit-only') ? 'unit' : 'all';

const chromium = findChromium();
if (!chromium && only !== 'unit') {
	console.error(INSTALL_HINT);
	process.exit(1);
}

function run(title, command, args, env = {}) {
	console.log(`\n▶ ${title}`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status === 0;
}

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-test-reports-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function vitest(title, configArgs, report) {
	const outputFile = path.join(reports, report);
	const passed = run(
		title,
		bin('vitest'),
		['run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`],
		{
			CHROMIUM_PATH: chromium ?? ''
		}
	);
	if (fs.existsSync(outputFile)) {
		const summary = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
		totals.passed += summary.numPassedTests;
		totals.failed += summary.numFailedTests;
		totals.skipped += summary.numPendingTests + summary.numTodoTests;
	} else if (!passed) {
		totals.failed += 1;
	}
	return passed;
}

/** A step that is not a test runner still counts as one failed check when it fails. */
function check(title, command, args) {
	const passed = run(title, command, args);
	if (!passed) totals.failed += 1;
	return passed;
}

/**
 * Checks that each keep one core busy (formatting and lint, type checking) run side by side on
 * a machine with two; each one's output is printed whole when it ends, so none interleave.
 */
async function checksSideBySide(steps) {
	const results = await Promise.all(
		steps.map(
			([title, command, args]) =>
				new Promise((resolve) => {
					const child = spawn(command, args, { env: process.env });
					let output = '';
					child.stdout.on('data', (chunk) => (output += chunk));
					child.stderr.on('data', (chunk) => (output += chunk));
					child.on('close', (status) => {
						console.log(`\n▶ ${title}\n${output.trimEnd()}`);
						if (status !== 0) totals.failed += 1;
						resolve(status === 0);
					});
				})
		)
	);
	return results.every(Boolean);
}

if (only !== 'e2e') {
	ok =
		check('Compiling messages', process.execPath, ['scripts/messages.js', '--tests']) &&
		check('Generating route types', bin('svelte-kit'), ['sync']) &&
		(await checksSideBySide([
			['Linting (Prettier, ESLint)', 'npm', ['run', 'lint']],
			[
				'Type checking (svelte-check)',
				bin('svelte-check'),
				['--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']
			]
		]));
	ok = vitest('Unit tests', [], 'unit.json') && ok;
}
if (only !== 'unit') {
	const built = check('Building the portal', process.execPath, ['scripts/start.js', '--build-only']);
	ok = built && vitest('End-to-end tests in Chromium', ['--config', 'tests/e2e/vitest.config.ts'], 'e2e.json') && ok;
}

fs.rmSync(reports, { recursive: true, force: true });
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
