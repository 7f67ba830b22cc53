import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { MMAP_BYTES, openDatabase } from './index';
import { insertStandInRow } from './stand-in-rows';

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
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like '\\_%' escape '\\' and name not like 'sqlite%'"
			)
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

	it('keep survivor rows in tables without a rowid, so the file holds no arrival order', () => {
		const db = openDatabase(freshFile(), path.resolve('drizzle'));
		for (const table of SURVIVOR_TABLES) {
			const sql = db.$client
				.prepare("select sql from sqlite_master where type = 'table' and name = ?")
				.pluck()
				.get(table);
			expect(sql).toMatch(/\) WITHOUT ROWID$/);
			expect(() => db.$client.prepare(`select rowid from ${table}`).all()).toThrow(/no such column: rowid/);
		}
		db.$client.close();
	});

	it('rebuild the survivor tables of an older file without losing rows, foreign keys or indexes', () => {
		const file = freshFile();
		const before = olderMigrations(6);
		const old = openDatabase(file, before);
		const ids = fillOlderFile(old.$client);
		old.$client.close();

		const db = openDatabase(file, path.resolve('drizzle'));
		const client = db.$client;
		expect(client.prepare('select id from submission order by id').pluck().all()).toEqual([...ids.submissions].sort());
		expect(client.prepare('select count(*) from message').pluck().get()).toBe(2);
		expect(client.prepare('select ciphertext from attachment_chunk').pluck().get()).toEqual(Buffer.from('voice'));
		expect(client.prepare('select count(*) from research_record').pluck().get()).toBe(1);
		expect(client.prepare('select count(*) from moderation_draft').pluck().get()).toBe(1);
		expect(client.prepare('select count(*) from coding').pluck().get()).toBe(1);
		const indexes = client
			.prepare("select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex%'")
			.pluck()
			.all();
		expect(indexes).toEqual(
			expect.arrayContaining([
				'submission_receipt_lookup',
				'submission_channel_day',
				'message_submission',
				'attachment_submission',
				'research_record_submission_id_unique',
				'research_record_month_id'
			])
		);
		expect(client.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(client.pragma('foreign_key_check')).toEqual([]);
		// The foreign keys still cascade: deleting the testimony takes everything hanging from it.
		client.prepare('delete from submission where id = ?').run(ids.submissions[0]);
		for (const table of ['message', 'attachment', 'research_record', 'moderation_draft', 'coding']) {
			expect(client.prepare(`select count(*) from ${table}`).pluck().get()).toBe(0);
		}
		expect(() =>
			client
				.prepare(
					"insert into message (id, submission_id, direction, format_version, ciphertext, sent_day, sequence) values ('m9', 'nope', 'from_survivor', 1, x'00', '2026-01-01', 1)"
				)
				.run()
		).toThrow(/FOREIGN KEY/);
		client.close();
	});

	it('refuse to start when a migration leaves rows whose parent is gone', () => {
		const folder = olderMigrations(7);
		const journalFile = path.join(folder, 'meta', '_journal.json');
		const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
		journal.entries.push({ idx: 99, version: '6', when: Date.now(), tag: '9999_orphan', breakpoints: true });
		fs.writeFileSync(journalFile, JSON.stringify(journal));
		fs.writeFileSync(
			path.join(folder, '9999_orphan.sql'),
			"INSERT INTO `message` (`id`, `submission_id`, `direction`, `format_version`, `ciphertext`, `sent_day`, `sequence`) VALUES ('m1', 'gone', 'from_survivor', 1, x'00', '2026-01-01', 1);"
		);
		expect(() => openDatabase(freshFile(), folder)).toThrow(/broken foreign keys/);
	});

	it('make the database, its -wal and -shm files readable by the server alone, and its folder private', () => {
		const file = path.join(freshFile().replace(/test\.sqlite$/, ''), 'data', 'test.sqlite');
		const previous = process.umask(0o022);
		try {
			const db = openDatabase(file, path.resolve('drizzle'));
			db.$client.prepare("insert into setting (key, value) values ('probe', '1')").run();
			for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(fs.statSync(name).mode & 0o777).toBe(0o600);
			expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
			db.$client.close();

			// An older installation with open permissions is repaired when the portal starts.
			fs.chmodSync(file, 0o644);
			fs.chmodSync(path.dirname(file), 0o755);
			openDatabase(file, path.resolve('drizzle')).$client.close();
			expect(fs.statSync(file).mode & 0o777).toBe(0o600);
			expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
		} finally {
			process.umask(previous);
		}
	});

	it('syncs every commit to disk (synchronous FULL), so an acknowledged write survives power loss', () => {
		const db = openDatabase(freshFile(), path.resolve('drizzle'));
		expect(db.$client.pragma('synchronous', { simple: true })).toBe(2);
		db.$client.close();
	});

	it('reads through a memory map, which made the research corpus pages 2–5 times faster to read', () => {
		const db = openDatabase(freshFile(), path.resolve('drizzle'));
		expect(db.$client.pragma('mmap_size', { simple: true })).toBe(MMAP_BYTES);
		db.$client.close();
	});

	it('move voice notes stored whole into 256 KiB chunks, byte for byte, and drop the old column', () => {
		// The migrations as they were before voice notes were chunked.
		const before = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-migrations-'));
		dirs.push(before);
		const journal = JSON.parse(fs.readFileSync('drizzle/meta/_journal.json', 'utf8'));
		const cut = journal.entries.findIndex((entry: { tag: string }) => entry.tag.endsWith('_bodies'));
		fs.mkdirSync(path.join(before, 'meta'));
		fs.writeFileSync(
			path.join(before, 'meta/_journal.json'),
			JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) })
		);
		for (const entry of journal.entries.slice(0, cut))
			fs.copyFileSync(`drizzle/${entry.tag}.sql`, path.join(before, `${entry.tag}.sql`));

		const file = freshFile();
		const old = openDatabase(file, before);
		const { submissions } = fillOlderFile(old.$client);
		const large = randomBytes(600_000);
		const small = randomBytes(1000);
		const insert = old.$client.prepare(
			'insert into attachment (id, submission_id, declared_bytes, ciphertext) values (?, ?, ?, ?)'
		);
		insert.run('large', submissions[1], large.length, large);
		insert.run('small', submissions[1], small.length, small);
		insert.run('missing', submissions[1], 5000, null);
		old.$client.close();

		const db = openDatabase(file, path.resolve('drizzle'));
		const chunks = db.$client
			.prepare(
				'select attachment_id as id, sequence, ciphertext from attachment_chunk order by attachment_id, sequence'
			)
			.all() as { id: string; sequence: number; ciphertext: Buffer }[];
		expect(chunks.map(({ id, sequence, ciphertext }) => [id, sequence, ciphertext.length])).toEqual([
			['att-1', 0, 5],
			['large', 0, 262144],
			['large', 1, 262144],
			['large', 2, 600_000 - 2 * 262144],
			['small', 0, 1000]
		]);
		expect(
			Buffer.concat(chunks.filter((chunk) => chunk.id === 'large').map((chunk) => chunk.ciphertext)).equals(large)
		).toBe(true);
		expect(chunks.find((chunk) => chunk.id === 'small')!.ciphertext.equals(small)).toBe(true);
		expect(db.$client.prepare('select id, uploaded from attachment order by id').all()).toEqual([
			{ id: 'att-1', uploaded: 1 },
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
		const definition = db.$client
			.prepare("select sql from sqlite_master where name = 'attachment_chunk'")
			.pluck()
			.get();
		expect(definition).toMatch(/WITHOUT ROWID/);
		expect(definition).toMatch(/ON DELETE cascade/);
		db.$client.close();
	});
});

const SURVIVOR_TABLES = ['submission', 'attachment', 'message', 'research_record', 'moderation_draft'];

/** A copy of the migrations folder that stops after the first `count` migrations. */
function olderMigrations(count: number): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-migrations-'));
	dirs.push(dir);
	fs.cpSync(path.resolve('drizzle'), dir, { recursive: true });
	const journalFile = path.join(dir, 'meta', '_journal.json');
	const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
	journal.entries = journal.entries.slice(0, count + 1);
	fs.writeFileSync(journalFile, JSON.stringify(journal));
	return dir;
}

/** One row in every table a testimony touches, with stand-in bytes for keys and ciphertext. */
function fillOlderFile(client: Database.Database) {
	const bytes = (n: number) => Buffer.alloc(n, 7);
	const row = (table: string, values: Record<string, unknown>) => insertStandInRow(client, table, values);
	row('staff_user', { id: 'staff-1', username: 'moderator.one' });
	row('channel', { id: 'channel-1' });
	row('channel_key', { id: 1, channel_id: 'channel-1', version: 1 });
	row('corpus_key', { id: 1, version: 1 });
	const submissions = ['b-testimony', 'a-testimony'];
	for (const [index, id] of submissions.entries()) {
		row('submission', {
			id,
			channel_id: 'channel-1',
			channel_key_id: 1,
			receipt_lookup_hash: bytes(31 + index),
			received_day: '2026-01-0' + (index + 1)
		});
	}
	row('message', {
		id: 'm1',
		submission_id: submissions[0],
		direction: 'from_survivor',
		channel_key_id: 1,
		sequence: 1,
		sent_day: '2026-01-02'
	});
	row('message', {
		id: 'm2',
		submission_id: submissions[0],
		direction: 'to_survivor',
		author_id: 'staff-1',
		sequence: 2,
		sent_day: '2026-01-03'
	});
	row('attachment', {
		id: 'att-1',
		submission_id: submissions[0],
		message_id: 'm1',
		declared_bytes: 5,
		ciphertext: Buffer.from('voice')
	});
	row('moderation_draft', { submission_id: submissions[0], channel_key_id: 1, updated_by: 'staff-1' });
	row('research_record', {
		id: 'r1',
		submission_id: submissions[0],
		corpus_key_id: 1,
		approved_month: '2026-01',
		created_by: 'staff-1'
	});
	row('code', { id: 'code-1', created_by: 'staff-1' });
	row('coding', { id: 'coding-1', research_record_id: 'r1', code_id: 'code-1', coder_id: 'staff-1' });
	return { submissions };
}
