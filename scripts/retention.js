// Applies the retention rules once to the database in DATA_DIR (see src/lib/server/retention/retention.ts),
// building the command first when its sources are newer than the last build.
import { root } from './build-if-needed.js';
import { loadCommand } from './cli.js';

// The same working directory as `npm start`, so the default DATA_DIR is the same database.
process.chdir(root);

const { runRetentionCommand } = await loadCommand('retention');
try {
	runRetentionCommand();
} catch (error) {
	// Kind and message only: SQLite's messages name tables and columns, never survivor data.
	console.error(`Retention failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
	process.exit(1);
}
