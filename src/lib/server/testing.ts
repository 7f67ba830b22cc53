import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDatabase } from './db';

/**
 * Points this test file's server modules at a real, fresh SQLite file in a temporary folder.
 * Call at the top of a test file, before anything opens the database.
 */
export function useTemporaryDatabase(): { dataDir: string } {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-unit-'));
	process.env.DATA_DIR = dataDir;
	process.env.MIGRATIONS_DIR = path.resolve('drizzle');
	afterAll(() => {
		closeDatabase();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});
	return { dataDir };
}
