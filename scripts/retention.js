// Applies the retention rules once to the database in DATA_DIR (see src/lib/server/retention/retention.ts),
// building the command first when its sources are newer than the last build.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded, root, runNode, viteBin } from './build-if-needed.js';

// The same working directory as `npm start`, so the default DATA_DIR is the same database.
process.chdir(root);

const output = path.join(root, 'build', 'cli', 'retention.js');

buildIfNeeded({
	label: 'the retention command',
	inputs: ['src', 'vite.cli.config.ts', 'package-lock.json'],
	output: 'build/cli/retention.js',
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

const { runRetentionCommand } = await import(pathToFileURL(output).href);
try {
	runRetentionCommand();
} catch (error) {
	// Kind and message only: SQLite's messages name tables and columns, never survivor data.
	console.error(`Retention failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
	process.exit(1);
}
