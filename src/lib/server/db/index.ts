import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { serverConfig, type WalCheckpoints } from '../config';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (creating if needed) the SQLite file and applies pending migrations.
 * secure_delete overwrites deleted rows with zeros, so a withdrawn testimony's ciphertext
 * does not linger in free pages; incremental auto-vacuum lets retention give space back.
 */
/** How much of the database file is read through a memory map (the rest as before). */
export const MMAP_BYTES = 256 * 1024 * 1024;

export function openDatabase(
	databasePath: string,
	migrationsDir: string,
	options: { walCheckpoints?: WalCheckpoints } = {}
): Db {
	const client = openPrivateFile(databasePath);
	client.pragma('auto_vacuum = INCREMENTAL');
	client.pragma('journal_mode = WAL');
	// FULL: every commit syncs the WAL before it returns, so a survivor told "sent" keeps the
	// testimony through a power loss (NORMAL may lose the last commits). One connection serves
	// every request, so the whole process is FULL rather than switching around survivor writes.
	client.pragma('synchronous = FULL');
	// Also what Litestream asks for: its checkpoints take the write lock for a moment.
	client.pragma('busy_timeout = 5000');
	// Litestream copies each WAL page before it lets SQLite move it into the database, so it must
	// be the only one to checkpoint; one by this connection in between would make it lose its place.
	if (options.walCheckpoints === 'replicator') client.pragma('wal_autocheckpoint = 0');
	// Reads through a memory map of the file rather than a read call per page: a page of the
	// sealed research corpus (1,500 records) took 55–75 ms to read, 12–35 ms mapped. SQLite still
	// writes with write calls, so commits and their syncs are as before.
	client.pragma(`mmap_size = ${MMAP_BYTES}`);
	client.pragma('secure_delete = ON');
	const db = drizzle(client, { schema }) as Db;
	// Every transaction takes the write lock as it begins. A deferred one that reads first and
	// writes later fails at once with SQLITE_BUSY (no busy timeout) when another process, such
	// as Litestream or `npm run retention`, commits in between; IMMEDIATE waits for it instead.
	// One connection runs one transaction at a time anyway, so nothing here waits longer.
	const beginDeferred = db.transaction.bind(db) as Db['transaction'];
	db.transaction = ((transaction, config) =>
		beginDeferred(transaction, { behavior: 'immediate', ...config })) as Db['transaction'];
	// Off while migrations rebuild tables (SQLite ignores the pragma inside their transaction):
	// dropping a parent table to rebuild it must not cascade to its children.
	client.pragma('foreign_keys = OFF');
	const before = appliedMigrations(client);
	migrate(db, { migrationsFolder: migrationsDir });
	if (appliedMigrations(client) !== before) {
		const broken = client.pragma('foreign_key_check') as unknown[];
		if (broken.length > 0) throw new Error(`A migration left ${broken.length} rows with broken foreign keys.`);
	}
	client.pragma('foreign_keys = ON');
	return db;
}

function appliedMigrations(client: Database.Database): number {
	const table = client
		.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
		.get();
	return table ? (client.prepare('select count(*) from __drizzle_migrations').pluck().get() as number) : 0;
}

/**
 * The database and its -wal and -shm files are readable by the server's own user only, the
 * folder likewise: ciphertext, key grants and the audit log are nobody else's business on a
 * shared host. SQLite gives -wal and -shm the mode of the database file when it creates them;
 * the umask covers the moment before the chmod, and the chmods repair older installations.
 */
function openPrivateFile(databasePath: string): Database.Database {
	const dir = path.dirname(databasePath);
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	fs.chmodSync(dir, 0o700);
	const previousUmask = process.umask(0o077);
	try {
		const client = new Database(databasePath);
		for (const file of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`]) {
			if (fs.existsSync(file)) fs.chmodSync(file, 0o600);
		}
		return client;
	} finally {
		process.umask(previousUmask);
	}
}

let instance: Db | null = null;

/** The process-wide database, opened on first use so that `vite build` never creates files. */
export function db(): Db {
	if (!instance) {
		const config = serverConfig();
		instance = openDatabase(config.databasePath, config.migrationsDir, { walCheckpoints: config.walCheckpoints });
	}
	return instance;
}

export function databaseIsOpen(): boolean {
	return instance !== null;
}

export function closeDatabase(): void {
	instance?.$client.close();
	instance = null;
}
