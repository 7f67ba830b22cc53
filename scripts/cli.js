// The command-line entry points of src/cli, built for Node when their sources are newer than
// the last build (both commands are built together), then loaded.
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
