import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './index';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function freshFile() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-migrate-'));
	dirs.push(dir);
	return path.join(dir, 'test.sqlite');
}

describe('migrations', () => {
	it('apply to a fresh file and create every table of the design', () => {
		const db = openDatabase(freshFile(), path.resolve('drizzle'));
		const tables = db.$client
			.prepare("select name from sqlite_master where type = 'table' and name not like '\\_%' escape '\\' and name not like 'sqlite%'")
			.pluck()
			.all();
		expect(tables).toEqual(
			expect.arrayContaining([
				'setting',
				'staff_user',
				'staff_role',
				'staff_session',
				'channel',
				'channel_key',
				'channel_key_grant',
				'corpus_key',
				'corpus_key_grant',
				'submission',
				'audit_event'
			])
		);
		db.$client.close();
	});

	it('are idempotent when the file is opened again', () => {
		const file = freshFile();
		openDatabase(file, path.resolve('drizzle')).$client.close();
		const db = openDatabase(file, path.resolve('drizzle'));
		const applied = db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get();
		expect(applied).toBe(fs.readdirSync('drizzle').filter((f) => f.endsWith('.sql')).length);
		db.$client.close();
	});

	it('turns on WAL, foreign keys and secure delete', () => {
		const db = openDatabase(freshFile(), path.resolve('drizzle'));
		expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(db.$client.pragma('secure_delete', { simple: true })).toBe(1);
		expect(db.$client.pragma('auto_vacuum', { simple: true })).toBe(2);
		db.$client.close();
	});

	it('syncs every commit to disk (synchronous FULL), so an acknowledged write survives power loss', () => {
		const db = openDatabase(freshFile(), path.resolve('drizzle'));
		expect(db.$client.pragma('synchronous', { simple: true })).toBe(2);
		db.$client.close();
	});
});
