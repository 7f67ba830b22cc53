import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverConfig } from '../config';
import { closeDatabase, db } from '../db';
import { channelKey } from '../db/schema';
import { insertTestimony, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { BackupRefused, backupDatabase, restoreDatabase } from './backup';
import { claimDataDir, DataDirInUse, LOCK_FILE, portalHolding } from './portal-lock';

const { dataDir } = useTemporaryDatabase();
let channelId: string;
let channelKeyId: number;
const backups = fs.mkdtempSync(path.join(dataDir, 'backups-'));

beforeAll(() => {
	({ channelId } = setUpTestDeployment());
	channelKeyId = db().select().from(channelKey).where(eq(channelKey.channelId, channelId)).get()!.id;
});

const testimony = () => insertTestimony({ channelId, channelKeyId, receivedDay: '2026-12-01' });

function idsIn(file: string): string[] {
	const copy = new Database(file, { readonly: true, fileMustExist: true });
	try {
		return copy.prepare('select id from submission order by id').pluck().all() as string[];
	} finally {
		copy.close();
	}
}

const databasePath = () => serverConfig().databasePath;

afterEach(() => fs.rmSync(path.join(dataDir, LOCK_FILE), { force: true }));

describe('backupDatabase', () => {
	it('copies every committed testimony, those still in the WAL too, into one private, checked file', async () => {
		const ids = [testimony(), testimony(), testimony()];
		expect(fs.statSync(`${databasePath()}-wal`).size).toBeGreaterThan(0);
		const target = path.join(backups, 'first.sqlite');

		const result = await backupDatabase(databasePath(), target);

		expect(result).toMatchObject({ file: target, submissions: 3, bytes: fs.statSync(target).size });
		expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(idsIn(target)).toEqual([...ids].sort());
		expect(fs.statSync(target).mode & 0o777).toBe(0o600);
		// One self-contained file: no WAL beside it, and none needed to read it.
		expect(fs.readdirSync(backups)).toEqual(['first.sqlite']);
		expect(fs.readFileSync(target).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
	});

	it('refuses to overwrite a file, or to write into a folder that does not exist, and leaves nothing behind', async () => {
		const existing = path.join(backups, 'taken.sqlite');
		fs.writeFileSync(existing, 'an earlier backup');
		await expect(backupDatabase(databasePath(), existing)).rejects.toThrow(BackupRefused);
		expect(fs.readFileSync(existing, 'utf8')).toBe('an earlier backup');
		await expect(backupDatabase(databasePath(), path.join(backups, 'missing', 'b.sqlite'))).rejects.toThrow(
			/does not exist/
		);
		expect(fs.readdirSync(backups).filter((name) => name.endsWith('.partial'))).toEqual([]);
	});
});

describe('restoreDatabase', () => {
	it('replaces the database, keeps the one it replaced whole, and leaves no old WAL to replay', async () => {
		const target = path.join(backups, 'before-more.sqlite');
		await backupDatabase(databasePath(), target);
		const inBackup = idsIn(target);
		const later = testimony();
		// As a portal killed hard leaves the folder: the last testimony lives in the WAL only.
		const crashed = ['', '-wal', '-shm'].map((suffix) => [suffix, fs.readFileSync(databasePath() + suffix)] as const);
		closeDatabase();
		for (const [suffix, bytes] of crashed) fs.writeFileSync(databasePath() + suffix, bytes);
		expect(idsIn(databasePath())).toContain(later);

		const result = restoreDatabase(target, databasePath(), new Date('2026-12-03T10:11:12Z'));

		expect(result.submissions).toBe(inBackup.length);
		expect(result.previous).toBe(`${databasePath()}.before-restore-2026-12-03T10-11-12`);
		expect(fs.existsSync(`${databasePath()}-wal`)).toBe(false);
		expect(fs.existsSync(`${databasePath()}-shm`)).toBe(false);
		expect(idsIn(databasePath())).toEqual(inBackup);
		expect(idsIn(result.previous!)).toContain(later);
		expect(fs.statSync(databasePath()).mode & 0o777).toBe(0o600);
		// The portal opens the restored file, migrates it if needed, and takes testimonies again.
		expect(db().$client.prepare('select count(*) from submission').pluck().get()).toBe(inBackup.length);
		testimony();
		expect(db().$client.pragma('integrity_check', { simple: true })).toBe('ok');
	});

	it('refuses while a portal serves the folder, and says so', async () => {
		const target = path.join(backups, 'while-serving.sqlite');
		await backupDatabase(databasePath(), target);
		claimDataDir(dataDir);
		expect(() => restoreDatabase(target, databasePath())).toThrow(/is serving .*stop it before restoring/);
		expect(fs.existsSync(`${databasePath()}.restoring`)).toBe(false);
	});

	it('refuses a file that is not a sound TRIPS Voice database, and keeps the current one', async () => {
		const before = idsIn(databasePath());
		const text = path.join(backups, 'notes.txt');
		fs.writeFileSync(text, 'not a database at all');
		expect(() => restoreDatabase(text, databasePath())).toThrow(/not an SQLite database/);

		const other = path.join(backups, 'other-app.sqlite');
		const foreign = new Database(other);
		foreign.exec('create table notes (body text)');
		foreign.close();
		expect(() => restoreDatabase(other, databasePath())).toThrow(/not a TRIPS Voice database/);

		const damaged = path.join(backups, 'damaged.sqlite');
		await backupDatabase(databasePath(), damaged);
		const bytes = fs.readFileSync(damaged);
		const pageSize = bytes.readUInt16BE(16);
		bytes.fill(0xa5, pageSize * 2 + 8, pageSize * 3);
		fs.writeFileSync(damaged, bytes);
		expect(() => restoreDatabase(damaged, databasePath())).toThrow();

		expect(idsIn(databasePath())).toEqual(before);
		expect(fs.readdirSync(dataDir).filter((name) => name.endsWith('.restoring'))).toEqual([]);
	});
});

describe('the data folder lock', () => {
	it('counts a live portal only: a lock left by a process that died, or by an earlier boot, does not block', async () => {
		const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			const lock = path.join(dataDir, LOCK_FILE);
			fs.writeFileSync(lock, JSON.stringify({ pid: sleeper.pid, boot: null, started: null }));
			expect(portalHolding(dataDir)).toBe(sleeper.pid);
			expect(() => claimDataDir(dataDir)).toThrow(DataDirInUse);

			fs.writeFileSync(lock, JSON.stringify({ pid: sleeper.pid, boot: 'an-earlier-boot', started: null }));
			expect(portalHolding(dataDir)).toBe(fs.existsSync('/proc/sys/kernel/random/boot_id') ? null : sleeper.pid);
		} finally {
			sleeper.kill();
		}
		await new Promise((resolve) => sleeper.once('exit', resolve));
		fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: sleeper.pid, boot: null, started: null }));
		expect(portalHolding(dataDir)).toBeNull();
		claimDataDir(dataDir);
		expect(portalHolding(dataDir)).toBe(process.pid);
	});
});
