import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
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

	it('move voice notes stored whole into 256 KiB chunks, byte for byte, and drop the old column', () => {
		// The migrations as they were before voice notes were chunked.
		const before = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-migrations-'));
		dirs.push(before);
		const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8'));
		const cut = journal.entries.findIndex((entry: { tag: string }) => entry.tag.endsWith('_bodies'));
		fs.mkdirSync(path.join(before, 'meta'));
		fs.writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
		for (const entry of journal.entries.slice(0, cut)) fs.copyFileSync(`drizzle/${entry.tag}.sql`, path.join(before, `${entry.tag}.sql`));

		const file = freshFile();
		const old = openDatabase(file, before);
		old.$client.pragma('foreign_keys = OFF');
		const large = randomBytes(600_000);
		const small = randomBytes(1000);
		const insert = old.$client.prepare('insert into attachment (id, submission_id, declared_bytes, ciphertext) values (?, ?, ?, ?)');
		insert.run('large', 's1', large.length, large);
		insert.run('small', 's1', small.length, small);
		insert.run('missing', 's1', 5000, null);
		old.$client.close();

		const db = openDatabase(file, path.resolve('drizzle'));
		const chunks = db.$client
			.prepare('select attachment_id as id, sequence, ciphertext from attachment_chunk order by attachment_id, sequence')
			.all() as { id: string; sequence: number; ciphertext: Buffer }[];
		expect(chunks.map(({ id, sequence, ciphertext }) => [id, sequence, ciphertext.length])).toEqual([
			['large', 0, 262144],
			['large', 1, 262144],
			['large', 2, 600_000 - 2 * 262144],
			['small', 0, 1000]
		]);
		expect(Buffer.concat(chunks.filter((chunk) => chunk.id === 'large').map((chunk) => chunk.ciphertext)).equals(large)).toBe(true);
		expect(chunks.find((chunk) => chunk.id === 'small')!.ciphertext.equals(small)).toBe(true);
		expect(db.$client.prepare('select id, uploaded from attachment order by id').all()).toEqual([
			{ id: 'large', uploaded: 1 },
			{ id: 'missing', uploaded: 0 },
			{ id: 'small', uploaded: 1 }
		]);
		const columns = db.$client.prepare("select name from pragma_table_info('attachment')").pluck().all();
		expect(columns).not.toContain('ciphertext');
		db.$client.close();
	});

	it('keep voice-note chunks in a WITHOUT ROWID table that cascades from its attachment', () => {
		const db = openDatabase(freshFile(), path.resolve('drizzle'));
		const definition = db.$client.prepare("select sql from sqlite_master where name = 'attachment_chunk'").pluck().get();
		expect(definition).toMatch(/WITHOUT ROWID/);
		expect(definition).toMatch(/ON DELETE cascade/);
		db.$client.close();
	});
});
