import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { portalHolding } from './portal-lock';

/*
 * Backups of the one SQLite file. A backup is the database as it stood at one commit, taken
 * with SQLite's online backup API while the portal serves; a restore puts one back into a
 * stopped data folder. Both check the copy with integrity_check before they call it done.
 * The file holds what the database holds: ciphertext, keys wrapped for staff, the audit log,
 * never a plaintext testimony. Off-site copies are encrypted again (README, "Backups").
 */

export type BackupResult = { file: string; bytes: number; sha256: string; submissions: number };

export class BackupRefused extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackupRefused';
	}
}

/** Every page in one step: one read transaction, one consistent snapshot, never restarted by a write. */
const ALL_PAGES = 0x7fffffff;

function fsyncPath(target: string): void {
	const descriptor = fs.openSync(target, 'r');
	try {
		fs.fsyncSync(descriptor);
	} finally {
		fs.closeSync(descriptor);
	}
}

function sha256(file: string): string {
	const hash = createHash('sha256');
	const descriptor = fs.openSync(file, 'r');
	const chunk = Buffer.alloc(1024 * 1024);
	try {
		for (let read; (read = fs.readSync(descriptor, chunk)) > 0;) hash.update(chunk.subarray(0, read));
	} finally {
		fs.closeSync(descriptor);
	}
	return hash.digest('hex');
}

/**
 * Opens a copy, checks it page by page and that it is this portal's database, and returns how
 * many testimonies it holds. In rollback-journal mode, so the copy stays one self-contained file.
 */
function checkCopy(file: string): number {
	const copy = new Database(file, { fileMustExist: true });
	try {
		copy.pragma('journal_mode = DELETE');
		const result = copy.pragma('integrity_check', { simple: true });
		if (result !== 'ok') throw new BackupRefused(`The copy fails SQLite's integrity check: ${String(result)}`);
		const tables = copy.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
		if (!tables.includes('submission') || !tables.includes('__drizzle_migrations')) {
			throw new BackupRefused('The file is an SQLite database, but not a TRIPS Voice database.');
		}
		return copy.prepare('select count(*) from submission').pluck().get() as number;
	} finally {
		copy.close();
	}
}

function isSqliteFile(file: string): boolean {
	const header = Buffer.alloc(16);
	const descriptor = fs.openSync(file, 'r');
	try {
		return fs.readSync(descriptor, header, 0, 16, 0) === 16 && header.toString('latin1') === 'SQLite format 3\0';
	} finally {
		fs.closeSync(descriptor);
	}
}

/**
 * `npm run backup -- <file>`: copies the live database into `target`, which must not exist yet.
 * The copy is written beside the target under another name, checked, synced and only then
 * renamed, so a crash or a full disk never leaves a file that looks like a finished backup.
 */
export async function backupDatabase(databasePath: string, target: string): Promise<BackupResult> {
	if (!fs.existsSync(databasePath)) throw new BackupRefused(`There is no database at ${databasePath}.`);
	const file = path.resolve(target);
	if (fs.existsSync(file)) throw new BackupRefused(`${file} exists already; choose a new file name.`);
	if (!fs.existsSync(path.dirname(file))) throw new BackupRefused(`The folder ${path.dirname(file)} does not exist.`);
	const partial = `${file}.partial`;
	fs.rmSync(partial, { force: true });
	const source = new Database(databasePath, { fileMustExist: true, readonly: true });
	const previousUmask = process.umask(0o077);
	try {
		source.pragma('busy_timeout = 5000');
		await source.backup(partial, { progress: () => ALL_PAGES });
		fs.chmodSync(partial, 0o600);
		const submissions = checkCopy(partial);
		fsyncPath(partial);
		fs.renameSync(partial, file);
		fsyncPath(path.dirname(file));
		return { file, bytes: fs.statSync(file).size, sha256: sha256(file), submissions };
	} catch (error) {
		fs.rmSync(partial, { force: true });
		throw error;
	} finally {
		process.umask(previousUmask);
		source.close();
	}
}

export type RestoreResult = { submissions: number; previous: string | null };

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Moves the database being replaced to `previous`, its WAL folded in so the kept copy is whole
 * and no old WAL is left for SQLite to replay onto the restored file. A database too damaged to
 * fold (the usual reason to restore) is kept as it is, its side files renamed with it.
 */
function keepPrevious(databasePath: string, previous: string): void {
	try {
		const current = new Database(databasePath, { fileMustExist: true });
		try {
			current.pragma('wal_checkpoint(TRUNCATE)');
			current.pragma('journal_mode = DELETE');
		} finally {
			current.close();
		}
	} catch {
		// Kept unfolded below: nothing of it is lost, it is only not tidied.
	}
	fs.renameSync(databasePath, previous);
	for (const suffix of SIDE_FILES) {
		if (fs.existsSync(databasePath + suffix)) fs.renameSync(databasePath + suffix, previous + suffix);
	}
}

/**
 * `npm run restore -- <file>`: puts a backup in place of the database in a stopped data folder.
 * The backup is copied into the folder and checked there, so what was checked is what is used.
 * The database it replaces is kept beside it as `trips-voice.sqlite.before-restore-<time>`.
 */
export function restoreDatabase(backupFile: string, databasePath: string, now = new Date()): RestoreResult {
	const source = path.resolve(backupFile);
	if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new BackupRefused(`There is no file ${source}.`);
	if (!isSqliteFile(source)) throw new BackupRefused(`${source} is not an SQLite database.`);
	const dataDir = path.dirname(databasePath);
	const running = portalHolding(dataDir);
	if (running !== null) {
		throw new BackupRefused(`The portal (process ${running}) is serving ${dataDir}: stop it before restoring.`);
	}
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const incoming = `${databasePath}.restoring`;
	const previousUmask = process.umask(0o077);
	try {
		fs.copyFileSync(source, incoming);
		fs.chmodSync(incoming, 0o600);
		const submissions = checkCopy(incoming);
		fsyncPath(incoming);
		let previous: string | null = null;
		if (fs.existsSync(databasePath)) {
			previous = `${databasePath}.before-restore-${now.toISOString().slice(0, 19).replace(/:/g, '-')}`;
			keepPrevious(databasePath, previous);
		}
		// Side files without a database (a half-deleted folder) belong to nothing: never replayed.
		for (const suffix of SIDE_FILES) fs.rmSync(databasePath + suffix, { force: true });
		fs.renameSync(incoming, databasePath);
		fsyncPath(dataDir);
		return { submissions, previous };
	} catch (error) {
		fs.rmSync(incoming, { force: true });
		throw error;
	} finally {
		process.umask(previousUmask);
	}
}
