import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript, startPortal, type RunningPortal } from './harness';
import { firstChannel, sendSealedTestimony, type ChannelAddress } from './sealed-intake';
import { portalWithModerator } from './staff-api';

/** Runs `npm run backup` or `npm run restore` as an operator does, beside or after the portal. */
async function operatorCommand(command: 'backup' | 'restore', dataDir: string, args: string[]) {
	const run = runScript(`scripts/${command}.js`, args, { DATA_DIR: dataDir });
	return { status: await run.exited, output: run.output() };
}

function idsIn(databasePath: string): Set<string> {
	const database = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
		return new Set(database.prepare('select id from submission').pluck().all() as string[]);
	} finally {
		database.close();
	}
}

const CANARY = `canary-backup-${Date.now()}`;
const TEXT = `${CANARY} Le foyer nous a dit d'attendre trois mois pour une chambre, et je dors chez une amie.`;

describe('backup and restore, as an operator runs them', () => {
	let portal: RunningPortal;
	let address: ChannelAddress;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-backups-'));
	const backupFile = path.join(folder, 'trips-voice-backup.sqlite');
	const acknowledged: string[] = [];

	beforeAll(async () => {
		({ portal } = await portalWithModerator());
		address = firstChannel(portal);
	}, 120_000);

	afterAll(async () => {
		const dataDir = portal?.dataDir;
		await portal?.stop();
		if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
		fs.rmSync(folder, { recursive: true, force: true });
	});

	async function submitUntil(stop: () => boolean): Promise<void> {
		while (!stop()) {
			const { status, id } = await sendSealedTestimony(portal, address, TEXT);
			if (status === 201) acknowledged.push(id);
			// 429: the intake budget's per-minute share is spent; the stream waits like a survivor's retry.
			else if (status === 429) await new Promise((resolve) => setTimeout(resolve, 500));
			else throw new Error(`A testimony was refused with ${status}.`);
		}
	}

	it('says how to use it, and takes a checked backup while testimonies keep arriving', async () => {
		const usage = await operatorCommand('backup', portal.dataDir, []);
		expect(usage.output).toContain('Usage: npm run backup -- <file>');
		expect(usage.status).toBe(2);

		await submitUntil(() => acknowledged.length >= 8);
		const beforeBackup = [...acknowledged];
		let backupDone = false;
		const [backup] = await Promise.all([
			operatorCommand('backup', portal.dataDir, [backupFile]).finally(() => (backupDone = true)),
			submitUntil(() => backupDone),
			submitUntil(() => backupDone)
		]);
		expect(backup.output).toMatch(/Backed up \d+ testimonies to .*trips-voice-backup\.sqlite/);
		expect(backup.status).toBe(0);
		expect(acknowledged.length).toBeGreaterThan(beforeBackup.length);

		const inBackup = idsIn(backupFile);
		for (const id of beforeBackup) expect(inBackup.has(id), id).toBe(true);
		// A snapshot: whatever came during the backup is in it whole or not at all, never half.
		expect(inBackup.size).toBeGreaterThanOrEqual(beforeBackup.length);
		expect(inBackup.size).toBeLessThanOrEqual(acknowledged.length);
		expect((await operatorCommand('backup', portal.dataDir, [backupFile])).output).toContain('exists already');
	}, 240_000);

	it('holds sealed testimonies and no plaintext', () => {
		const bytes = fs.readFileSync(backupFile);
		expect(bytes.includes(Buffer.from(CANARY))).toBe(false);
		expect(bytes.includes(Buffer.from('chez une amie'))).toBe(false);
		expect(idsIn(backupFile).size).toBeGreaterThanOrEqual(8);
	});

	it('refuses to restore under a running portal, then restores after a crash and the portal serves every testimony the backup holds', async () => {
		const refused = await operatorCommand('restore', portal.dataDir, [backupFile]);
		expect(refused.output).toContain('stop it before restoring');
		expect(refused.status).toBe(1);

		const inBackup = idsIn(backupFile);
		const lost = acknowledged.filter((id) => !inBackup.has(id));
		await portal.crash();

		const restored = await operatorCommand('restore', portal.dataDir, [backupFile]);
		expect(restored.output).toContain(`Restored ${inBackup.size} testimonies`);
		expect(restored.status).toBe(0);
		const kept = fs.readdirSync(portal.dataDir).find((name) => name.includes('.before-restore-'));
		// The database it replaced, with every testimony acknowledged after the backup too.
		for (const id of lost) expect(idsIn(path.join(portal.dataDir, kept!)).has(id)).toBe(true);

		portal = await startPortal({ DATA_DIR: portal.dataDir });
		expect((await fetch(`${portal.origin}/healthz`)).status).toBe(200);
		expect(idsIn(portal.databasePath)).toEqual(inBackup);
		expect((await sendSealedTestimony(portal, firstChannel(portal), TEXT)).status).toBe(201);
	}, 240_000);
});
