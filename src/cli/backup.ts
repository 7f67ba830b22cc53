import Database from 'better-sqlite3';
import { serverConfig } from '$lib/server/config';
import { BackupRefused, backupDatabase, restoreDatabase } from '$lib/server/ops/backup';

/*
 * `npm run backup -- <file>` and `npm run restore -- <file>`, on the database in DATA_DIR.
 * Each returns the exit status: 0 done, 1 refused (with why), 2 used wrongly.
 */

const MIB = 1024 * 1024;

function oneFile(args: string[], command: string): string | null {
	if (args.length === 1 && args[0].trim() !== '') return args[0];
	console.error(`Usage: npm run ${command} -- <file>`);
	return null;
}

/** A refusal, or SQLite finding the file damaged, is the operator's to act on: said plainly, exit 1. */
function refused(error: unknown, what: string): number {
	if (error instanceof BackupRefused) {
		console.error(`No ${what}: ${error.message}`);
		return 1;
	}
	if (error instanceof Database.SqliteError) {
		console.error(`No ${what}: SQLite cannot read the file (${error.code}: ${error.message}).`);
		return 1;
	}
	throw error;
}

export async function runBackupCommand(args: string[]): Promise<number> {
	const target = oneFile(args, 'backup');
	if (target === null) return 2;
	try {
		const result = await backupDatabase(serverConfig().databasePath, target);
		console.log(
			[
				`Backed up ${result.submissions} testimonies to ${result.file} (${(result.bytes / MIB).toFixed(1)} MiB).`,
				`SHA-256 ${result.sha256}`,
				'It holds sealed testimonies, staff keys wrapped by their passphrases, and the audit log:',
				'encrypt it before it leaves this machine (README, "Backups").'
			].join('\n')
		);
		return 0;
	} catch (error) {
		return refused(error, 'backup');
	}
}

export function runRestoreCommand(args: string[]): number {
	const source = oneFile(args, 'restore');
	if (source === null) return 2;
	try {
		const result = restoreDatabase(source, serverConfig().databasePath);
		console.log(
			[
				`Restored ${result.submissions} testimonies into ${serverConfig().databasePath}.`,
				result.previous
					? `The database it replaced is kept as ${result.previous}; delete it once the portal serves well.`
					: 'There was no database before.',
				'Next: npm run doctor, then start the portal (it applies any newer migrations).'
			].join('\n')
		);
		return 0;
	} catch (error) {
		return refused(error, 'restore');
	}
}
