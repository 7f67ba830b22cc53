import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { serverConfig } from '../config';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (creating if needed) the SQLite file and applies pending migrations.
 * secure_delete overwrites deleted rows with zeros, so a withdrawn testimony's ciphertext
 * does not linger in free pages; incremental auto-vacuum lets retention give space back.
 */
export function openDatabase(databasePath: string, migrationsDir: string): Db {
	fs.mkdirSync(path.dirname(databasePath), { recursive: true, mode: 0o700 });
	const client = new Database(databasePath);
	client.pragma('auto_vacuum = INCREMENTAL');
	client.pragma('journal_mode = WAL');
	// FULL: every commit syncs the WAL before it returns, so a survivor told "sent" keeps the
	// testimony through a power loss (NORMAL may lose the last commits). One connection serves
	// every request, so the whole process is FULL rather than switching around survivor writes.
	client.pragma('synchronous = FULL');
	client.pragma('foreign_keys = ON');
	client.pragma('busy_timeout = 5000');
	client.pragma('secure_delete = ON');
	const db = drizzle(client, { schema }) as Db;
	migrate(db, { migrationsFolder: migrationsDir });
	return db;
}

let instance: Db | null = null;

/** The process-wide database, opened on first use so that `vite build` never creates files. */
export function db(): Db {
	if (!instance) {
		const config = serverConfig();
		instance = openDatabase(config.databasePath, config.migrationsDir);
	}
	return instance;
}

export function closeDatabase(): void {
	instance?.$client.close();
	instance = null;
}
