import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '.';
import { setting } from './schema';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-transactions-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('transactions beside another process writing to the same file', () => {
	it('hold the write lock from their first read, so a commit by another process cannot slip in before their write', () => {
		const file = path.join(folder, 'trips-voice.sqlite');
		const portal = openDatabase(file, path.resolve('drizzle'));
		// Another process with the same file, as Litestream or `npm run retention` would be.
		const other = new Database(file);
		other.pragma('busy_timeout = 0');
		try {
			portal.transaction(() => {
				portal.select().from(setting).all();
				expect(() => other.prepare("insert into setting (key, value) values ('other', '1')").run()).toThrow(
					/database is locked/
				);
				portal.insert(setting).values({ key: 'deployment_name', value: 'Replicated' }).run();
			});
			expect(other.prepare("select value from setting where key = 'deployment_name'").pluck().get()).toBe('Replicated');
		} finally {
			other.close();
			portal.$client.close();
		}
	});
});
