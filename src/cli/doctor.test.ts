import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '$lib/server/db';
import { eq } from 'drizzle-orm';
import { channelKey, channelKeyGrant, staffUser } from '$lib/server/db/schema';
import { insertStaffUser } from '$lib/server/accounts/staff';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '$lib/server/testing';
import {
	checkDatabase,
	checkDeploymentKey,
	checkDisk,
	checkFiles,
	checkNode,
	checkReplication,
	checkSettings,
	describeFindings,
	diagnose
} from './doctor';

const { dataDir } = useTemporaryDatabase();
const databasePath = () => path.join(dataDir, 'trips-voice.sqlite');
const keyPath = () => path.join(dataDir, 'deployment.key');
const GIB = 1024 ** 3;
let channelKeyId: number;

beforeAll(() => {
	setUpTestDeployment();
	channelKeyId = db().select({ id: channelKey.id }).from(channelKey).get()!.id;
});

describe('the install check', () => {
	it('finds nothing to fix on a fresh install behind TLS, and says so', () => {
		const findings = diagnose({
			nodeVersion: '20.20.2',
			enginesNode: '>=20.19',
			env: { ORIGIN: 'https://voice.example.org' },
			dataDir,
			databasePath: databasePath(),
			migrationsDir: path.resolve('drizzle'),
			disk: () => ({ freeBytes: 50 * GIB, totalBytes: 100 * GIB }),
			uid: process.getuid!(),
			deploymentKeyPath: keyPath()
		});
		// The test deployment's channel and corpus keys have one holder each: that is the one warning.
		expect(findings.filter((finding) => finding.level !== 'ok').map((finding) => finding.check)).toEqual([
			'Key holders'
		]);
		expect(describeFindings(findings)).toContain('0 problems, 1 warnings.');
	});

	it('refuses a Node.js older than the package needs', () => {
		expect(checkNode('20.18.3', '>=20.19')).toMatchObject({ level: 'problem' });
		expect(checkNode('20.19.0', '>=20.19').level).toBe('ok');
		expect(checkNode('22.1.0', '>=20.19').level).toBe('ok');
	});

	it('names a database file others can read, with the command that fixes it', () => {
		fs.chmodSync(databasePath(), 0o644);
		try {
			const findings = checkFiles(dataDir, databasePath(), process.getuid!());
			expect(findings).toContainEqual({
				level: 'problem',
				check: 'File permissions',
				detail: `${databasePath()} is 644: other users of this machine can read it`,
				fix: `chmod 600 ${databasePath()}`
			});
		} finally {
			fs.chmodSync(databasePath(), 0o600);
		}
		expect(checkFiles(dataDir, databasePath(), process.getuid!()).map((finding) => finding.level)).toEqual(['ok']);
	});

	it('warns as the disk nears the intake headroom, and says testimonies are refused below it', () => {
		expect(checkDisk({ freeBytes: 50 * GIB, totalBytes: 100 * GIB }).level).toBe('ok');
		// The default headroom is 2 % of the disk (2 GiB of 100), at least 256 MiB.
		expect(checkDisk({ freeBytes: 3 * GIB, totalBytes: 100 * GIB }).level).toBe('warning');
		const full = checkDisk({ freeBytes: 1 * GIB, totalBytes: 100 * GIB });
		expect(full.level).toBe('problem');
		expect(full.detail).toContain('new testimonies are refused');
	});

	it('flags an origin without TLS, a public bind and a client address header', () => {
		const levels = (env: Record<string, string>) =>
			Object.fromEntries(checkSettings(env).map((finding) => [finding.check, finding.level]));
		expect(levels({ ORIGIN: 'https://voice.example.org' })).toEqual({ ORIGIN: 'ok', HOST: 'ok' });
		expect(levels({ ORIGIN: 'http://voice.example.org', HOST: '0.0.0.0', ADDRESS_HEADER: 'X-Forwarded-For' })).toEqual({
			ORIGIN: 'problem',
			HOST: 'problem',
			ADDRESS_HEADER: 'problem'
		});
		expect(levels({})).toEqual({ ORIGIN: 'warning', HOST: 'ok' });
		// A proxy in another container reaches the portal over its network: noted, it is fine.
		expect(levels({ ORIGIN: 'https://voice.example.org', HOST: '0.0.0.0', PROXY_NOTE: 'caddy container' })).toEqual({
			ORIGIN: 'ok',
			HOST: 'ok'
		});
	});

	it('warns when only one of the portal and Litestream believes the database is replicated', () => {
		const litestreamState = path.join(dataDir, '.trips-voice.sqlite-litestream');
		const replicator = { WAL_CHECKPOINTS: 'replicator' };
		expect(checkReplication({}, databasePath()).level).toBe('ok');
		expect(checkReplication(replicator, databasePath())).toMatchObject({
			level: 'warning',
			detail: expect.stringContaining('Litestream has never replicated this database')
		});
		fs.mkdirSync(litestreamState);
		try {
			expect(checkReplication(replicator, databasePath()).level).toBe('ok');
			expect(checkReplication({}, databasePath())).toMatchObject({
				level: 'warning',
				fix: expect.stringContaining('Set WAL_CHECKPOINTS=replicator')
			});
		} finally {
			fs.rmSync(litestreamState, { recursive: true });
		}
	});

	it('counts the migrations waiting, without applying them', () => {
		const migrations = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-doctor-'));
		try {
			fs.cpSync(path.resolve('drizzle'), migrations, { recursive: true });
			const journalPath = path.join(migrations, 'meta', '_journal.json');
			const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
			journal.entries.push({ idx: journal.entries.length, version: '6', when: Date.now(), tag: '9999_next' });
			fs.writeFileSync(journalPath, JSON.stringify(journal));
			const before = fs.readFileSync(databasePath());
			const [migrationsFinding] = checkDatabase(databasePath(), migrations);
			expect(migrationsFinding).toMatchObject({ level: 'warning', check: 'Migrations' });
			expect(migrationsFinding.detail).toContain('1 waiting (9999_next)');
			expect(fs.readFileSync(databasePath()).equals(before)).toBe(true);
		} finally {
			fs.rmSync(migrations, { recursive: true, force: true });
		}
		expect(checkDatabase(databasePath(), path.resolve('drizzle'))[0].level).toBe('ok');
	});

	it('warns of a channel whose key one person alone holds, and stops once a colleague holds it too', () => {
		const alone = checkDatabase(databasePath(), path.resolve('drizzle')).find(
			(finding) => finding.check === 'Key holders'
		)!;
		expect(alone.level).toBe('warning');
		expect(alone.detail).toMatch(/one person alone holds the key of channel "[^"]+"/);
		const colleague = insertStaffUser(fakeStaffUser('second.holder'), { secret: randomBytes(20), step: 0 });
		db()
			.insert(channelKeyGrant)
			.values({ channelKeyId, staffUserId: colleague, sealedSecretKey: randomBytes(80), createdAt: new Date() })
			.run();
		const after = checkDatabase(databasePath(), path.resolve('drizzle')).find(
			(finding) => finding.check === 'Key holders'
		)!;
		expect(after.detail).not.toContain('channel "');
	});
});

describe('the deployment key check', () => {
	it('is content with a key file readable by its owner only', () => {
		expect(checkDeploymentKey(keyPath(), databasePath()).level).toBe('ok');
	});

	it('names a key file others can read, with the command that fixes it', () => {
		fs.chmodSync(keyPath(), 0o644);
		try {
			expect(checkDeploymentKey(keyPath(), databasePath())).toMatchObject({
				level: 'problem',
				fix: `chmod 600 ${keyPath()}`
			});
		} finally {
			fs.chmodSync(keyPath(), 0o600);
		}
	});

	it('calls a missing key file a problem once secrets are sealed under it', () => {
		const missing = path.join(dataDir, 'elsewhere.key');
		const finding = checkDeploymentKey(missing, databasePath());
		expect(finding.level).toBe('problem');
		expect(finding.detail).toMatch(/is missing, and \d+ authenticator secrets are sealed/);
		expect(checkDeploymentKey(missing, path.join(dataDir, 'no-database.sqlite')).level).toBe('warning');
	});

	it('warns of secrets still in plaintext, which the next start seals', () => {
		const id = insertStaffUser(fakeStaffUser('plain.secret'), { secret: randomBytes(20), step: 0 });
		db()
			.update(staffUser)
			.set({ totpSecret: randomBytes(20) })
			.where(eq(staffUser.id, id))
			.run();
		expect(checkDeploymentKey(keyPath(), databasePath())).toMatchObject({ level: 'warning' });
		db().delete(staffUser).where(eq(staffUser.id, id)).run();
		expect(checkDeploymentKey(keyPath(), databasePath()).level).toBe('ok');
	});
});

afterAll(() => {
	fs.chmodSync(dataDir, 0o700);
});
