import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveReceiptKeys, fromBase64url, newReceipt, readyCrypto, toBase64url } from '$lib/crypto';
import { launchBrowser, startPortal, type RunningPortal } from './harness';
import { daysAgo, fillInbox, sealSeedTestimony, type ChannelKeyRow } from './inbox-seed';
import { postSealedTestimony } from './sealed-intake';
import { readRows, writeRows } from './staff-api';
import { completeSetup } from './staff-flows';

/** The Litestream binary of the optional dependency (Linux x64; CI runs there). */
const LITESTREAM = createRequire(import.meta.url).resolve(
	`@flydotio/litestream-${process.platform}-${process.arch}/litestream`
);
const TESTIMONIES = 60;
const AT_ONCE = 6;

type Acknowledged = { id: string; lookupToken: string };

const portals: RunningPortal[] = [];
const replicators: ChildProcess[] = [];
const folders: string[] = [];

afterAll(async () => {
	for (const replicator of replicators) if (replicator.exitCode === null) replicator.kill('SIGKILL');
	for (const portal of portals) await portal.stop();
	for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function temporaryFolder(prefix: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	folders.push(folder);
	return folder;
}

/** A Litestream configuration replicating the portal's database to a folder, every 100 ms. */
function writeReplicationConfig(folder: string, databasePath: string, replicaPath: string): string {
	const config = path.join(folder, 'litestream.yml');
	fs.writeFileSync(
		config,
		[
			'dbs:',
			`  - path: ${databasePath}`,
			'    monitor-interval: 100ms',
			'    replicas:',
			'      - type: file',
			`        path: ${replicaPath}`,
			'        sync-interval: 100ms',
			''
		].join('\n')
	);
	return config;
}

function startReplicator(config: string): { process: ChildProcess; output: () => string } {
	const child = spawn(LITESTREAM, ['replicate', '-config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
	replicators.push(child);
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	return { process: child, output: () => output };
}

/** `litestream restore` of the replicated database into `outputPath`; throws with its output when it fails. */
function restore(config: string, databasePath: string, outputPath: string): void {
	const run = spawnSync(LITESTREAM, ['restore', '-config', config, '-o', outputPath, databasePath], {
		encoding: 'utf8'
	});
	if (run.status !== 0) throw new Error(`litestream restore failed (${run.status}): ${run.stderr}`);
}

/**
 * A testimony sent as a survivor's browser sends it: sealed to the channel key, the receipt's
 * lookup token and reply key derived from a fresh receipt (Argon2id), paid with a proof of work.
 * Returns once the portal acknowledged it (201): what the survivor is told is "sent".
 */
async function tell(portal: RunningPortal, key: ChannelKeyRow, salt: Uint8Array, index: number) {
	const receiptKeys = deriveReceiptKeys(newReceipt(), salt);
	const envelope = sealSeedTestimony(key, index);
	const { status, id, answer } = await postSealedTestimony(
		portal,
		{ channelId: key.channel_id, channelKeyVersion: key.version },
		envelope,
		{ lookupToken: receiptKeys.lookupToken, replyPublicKey: receiptKeys.replyKeyPair.publicKey }
	);
	if (status !== 201) throw new Error(`Testimony ${index} refused: ${status} ${answer}`);
	return { id, lookupToken: toBase64url(receiptKeys.lookupToken) };
}

/** Sends `count` testimonies, `AT_ONCE` in flight at a time; `halfway` runs once half are acknowledged. */
async function tellMany(
	portal: RunningPortal,
	count: number,
	halfway: () => Promise<void>
): Promise<{ acknowledged: Acknowledged[]; during: Promise<void> }> {
	const [key] = readRows<ChannelKeyRow>(
		portal,
		'select id, channel_id, version, public_key from channel_key order by id desc limit 1'
	);
	// The check page makes the deployment's receipt salt on first use, as a survivor's visit would.
	await (await fetch(`${portal.origin}/check`)).text();
	const [{ value }] = readRows<{ value: string }>(portal, "select value from setting where key = 'deployment_salt'");
	const salt = fromBase64url(value);
	const acknowledged: Acknowledged[] = [];
	let during: Promise<void> = Promise.resolve();
	let next = 0;
	const worker = async () => {
		while (next < count) {
			acknowledged.push(await tell(portal, key, salt, next++));
			if (acknowledged.length === count / 2) during = halfway();
		}
	};
	await Promise.all(Array.from({ length: AT_ONCE }, worker));
	return { acknowledged, during };
}

/** `npm run retention` beside the running portal and replicator, with the portal's settings. */
function runRetention(dataDir: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['scripts/retention.js'], {
			env: { ...process.env, DATA_DIR: dataDir, WAL_CHECKPOINTS: 'replicator' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`Retention failed:\n${output}`))));
	});
}

async function until(condition: () => boolean, what: string): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > 20_000) throw new Error(`Waited 20 s for ${what}.`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Ids of `ids` present in a database file. */
function storedIds(databasePath: string, ids: string[]): Set<string> {
	const database = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const found = database
			.prepare(`select id from submission where id in (${ids.map(() => '?').join(', ')})`)
			.pluck()
			.all(...ids) as string[];
		return new Set(found);
	} finally {
		database.close();
	}
}

/**
 * Restores the replica again and again until it holds every acknowledged testimony; returns how
 * long that took. Litestream replicates after the commit, so for a moment the replica lags.
 */
async function waitForReplica(config: string, databasePath: string, ids: string[], folder: string): Promise<number> {
	const started = Date.now();
	for (let attempt = 0; Date.now() - started < 20_000; attempt++) {
		const probe = path.join(folder, `probe-${attempt}.sqlite`);
		try {
			restore(config, databasePath, probe);
			if (storedIds(probe, ids).size === ids.length) return Date.now() - started;
		} catch {
			// A segment being written as it is read: the next round reads it whole.
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('The replica did not catch up with the acknowledged testimonies within 20 s.');
}

describe('replication with Litestream', () => {
	it('restores every acknowledged testimony after the portal and the replicator are killed', async () => {
		await readyCrypto();
		const portal = await startPortal({ WAL_CHECKPOINTS: 'replicator' });
		portals.push(portal);
		const admin = await launchBrowser();
		try {
			await completeSetup(admin.page, portal.setupLink!);
		} finally {
			await admin.close();
		}
		// The lowest difficulty an admin may set, and room in the minute's budget for the burst
		// (the portal reads budgets at most a second old).
		writeRows(portal, "insert into setting (key, value) values ('pow_difficulty', '1000')");
		writeRows(portal, "insert into setting (key, value) values ('intake_testimonies_per_minute', '1000')");
		await new Promise((resolve) => setTimeout(resolve, 1100));
		// The portal's own first retention run, 5 s after its start, also leaves the WAL alone.
		await until(() => portal.output().includes('Retention deleted'), 'the first retention run');
		expect(portal.output()).toContain('Retention left the WAL to the replicator');
		// Old unreviewed testimonies for the next retention run to delete while Litestream replicates.
		const expired = fillInbox(portal, { count: 3, days: [daysAgo(400)] }).map((row) => row.id);

		const work = temporaryFolder('tv-replication-');
		const replicaPath = path.join(work, 'replica');
		const config = writeReplicationConfig(work, portal.databasePath, replicaPath);
		const replicator = startReplicator(config);

		let retentionOutput = '';
		const { acknowledged, during } = await tellMany(portal, TESTIMONIES, async () => {
			retentionOutput = await runRetention(portal.dataDir);
		});
		await during;
		expect(retentionOutput).toContain('Retention deleted 0 rejected, 3 unreviewed');
		expect(retentionOutput).toContain('Retention left the WAL to the replicator');
		const ids = acknowledged.map((testimony) => testimony.id);
		expect(new Set(ids).size).toBe(TESTIMONIES);

		const lagMs = await waitForReplica(config, portal.databasePath, ids, work);
		expect(lagMs).toBeLessThan(20_000);

		// No goodbye: the machine is gone. Neither process gets to flush or checkpoint.
		const replicatorExited = new Promise((resolve) => replicator.process.once('exit', resolve));
		replicator.process.kill('SIGKILL');
		await Promise.all([portal.crash(), replicatorExited]);

		// Retention never fought Litestream for the WAL (a TRUNCATE would wait out the busy timeout
		// and fail), nor made it lose its place: the one generation it began with.
		expect(portal.output() + retentionOutput).not.toContain('could not truncate the WAL');
		expect(fs.readdirSync(path.join(replicaPath, 'generations'))).toHaveLength(1);
		expect(replicator.output().match(/new generation/g)).toHaveLength(1);

		const restoredDir = temporaryFolder('tv-restored-');
		const restoredPath = path.join(restoredDir, 'trips-voice.sqlite');
		restore(config, portal.databasePath, restoredPath);
		const restored = new Database(restoredPath, { readonly: true, fileMustExist: true });
		try {
			expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
		} finally {
			restored.close();
		}
		expect(storedIds(restoredPath, ids).size).toBe(TESTIMONIES);
		expect(storedIds(restoredPath, expired).size).toBe(0);

		// The restored folder serves: each survivor's receipt finds their testimony.
		const successor = await startPortal({ DATA_DIR: restoredDir });
		portals.push(successor);
		for (const { id, lookupToken } of acknowledged) {
			const response = await fetch(`${successor.origin}/api/receipts/status`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ lookupToken })
			});
			expect(response.status).toBe(200);
			expect((await response.json()).id).toBe(id);
		}
	});
});
