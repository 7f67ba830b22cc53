import { closeDatabase, db } from '$lib/server/db';
import { describeRetentionRun, runRetention } from '$lib/server/retention/retention';

/**
 * `npm run retention`: applies the retention rules once to the database in DATA_DIR and
 * prints the counts. Exported rather than run on import, so nothing starts by being imported.
 */
export function runRetentionCommand(): void {
	db();
	try {
		console.log(describeRetentionRun(runRetention()));
	} finally {
		closeDatabase();
	}
}
