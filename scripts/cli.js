// The command-line entry points of src/cli, built for Node when their sources are newer than
// the last build (all of them are built together), then loaded.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded, root, runNode, viteBin } from './build-if-needed.js';

/** Builds src/cli if needed and imports the built `name` command's module. */
export async function loadCommand(name) {
	buildIfNeeded({
		label: 'the command-line tools',
		inputs: ['src', 'vite.cli.config.ts', 'package-lock.json'],
		output: `build/cli/${name}.js`,
		stamp: 'build/cli/.built',
		build: () => {
			// tsconfig.json extends the generated .svelte-kit/tsconfig.json, which the build reads;
			// `npm install` writes it (the prepare script), unless scripts were skipped.
			if (!fs.existsSync(path.join(root, '.svelte-kit', 'tsconfig.json'))) {
				runNode([path.join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js'), 'sync']);
			}
			runNode([viteBin, 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn']);
		}
	});
	return import(pathToFileURL(path.join(root, 'build', 'cli', `${name}.js`)).href);
}

/**
 * Runs the built `name` command as an operator's npm script: from the project folder (so the
 * default DATA_DIR is the portal's), with the arguments after `--`, exiting with its status.
 * A failure prints its kind and message only: SQLite's messages name tables, never survivor data.
 */
export async function runCommand(name, exportName, failure) {
	process.chdir(root);
	const command = (await loadCommand(name))[exportName];
	try {
		process.exitCode = (await command(process.argv.slice(2))) ?? 0;
	} catch (error) {
		console.error(`${failure}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
		process.exitCode = 1;
	}
}
