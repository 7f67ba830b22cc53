import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { mintedProof } from './proofs';
import { completeSetup, signIn } from './staff-flows';

/**
 * The portal's DATA_DIR is a real 48 MiB tmpfs that the test fills. Mounting needs root (CI runs
 * as root); where it is impossible the test is skipped and says why.
 */
const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-e2e-small-disk-'));
let mountProblem: string | null = null;
try {
	execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' });
} catch (error) {
	const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
	mountProblem = `a 48 MiB tmpfs could not be mounted here (${stderr || (error as Error).message}); mounting needs root`;
	fs.rmSync(mountPoint, { recursive: true, force: true });
}

let portal: RunningPortal | undefined;
const browsers: Browser[] = [];

afterAll(async () => {
	for (const browser of browsers) await browser.close();
	await portal?.stop();
	if (mountProblem) return;
	execFileSync('umount', [mountPoint]);
	fs.rmdirSync(mountPoint);
});

/** Writes zeros until the file system refuses: nothing is left, not even a page. */
function fillDisk(file: string): void {
	const fd = fs.openSync(file, 'w');
	try {
		for (const size of [1024 * 1024, 4096, 512]) {
			try {
				for (;;) fs.writeSync(fd, Buffer.alloc(size));
			} catch (error) {
				if ((error as { code?: string }).code !== 'ENOSPC') throw error;
			}
		}
	} finally {
		fs.closeSync(fd);
	}
}

const title = 'a full disk';
describe.skipIf(mountProblem !== null)(mountProblem ? `${title} (skipped: ${mountProblem})` : title, () => {
	it('still lets staff sign in and read the inbox once something else has filled the disk', async () => {
		portal = await startPortal({
			DATA_DIR: mountPoint,
			DISK_HEADROOM_MB: '8',
			DISK_HEADROOM_PERCENT: '0',
			DISK_RESERVE_MB: '4'
		});
		const admin = await launchBrowser();
		browsers.push(admin);
		const staff = await completeSetup(admin.page, portal.setupLink!);
		expect(fs.statSync(path.join(mountPoint, 'space-reserve')).size).toBe(4 * 1024 * 1024);

		fillDisk(path.join(mountPoint, 'filler'));
		expect(fs.statfsSync(mountPoint).bavail).toBe(0);

		const other = await launchBrowser();
		browsers.push(other);
		// Signing in derives the passphrase's key with Argon2id first: slow while another file runs.
		const signInAnswer = other.page.waitForResponse((response) => response.url().endsWith('/staff/api/login'), {
			timeout: 120_000
		});
		await signIn(other.page, portal.origin, staff);
		expect((await signInAnswer).status()).toBe(200);
		await other.page.getByRole('heading', { name: 'Inbox' }).waitFor({ timeout: 60_000 });
		expect(fs.existsSync(path.join(mountPoint, 'space-reserve'))).toBe(false);
		expect(portal.output()).toContain('the space reserve was released so staff can sign in and delete');

		// Survivors are refused politely, not with a server error, and before their proof is spent.
		const messageId = Buffer.alloc(16, 2).toString('base64url');
		const intake = await fetch(`${portal.origin}/api/receipts/messages`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: portal.origin,
				[PROOF_HEADER]: await mintedProof(portal.origin, 'message', messageId)
			},
			body: JSON.stringify({
				lookupToken: Buffer.alloc(32, 1).toString('base64url'),
				message: {
					id: messageId,
					channelKeyVersion: 1,
					formatVersion: 1,
					nonce: Buffer.alloc(24).toString('base64url'),
					ciphertext: Buffer.alloc(528).toString('base64url'),
					sealedDataKey: Buffer.alloc(80).toString('base64url')
				}
			})
		});
		expect(intake.status).toBe(503);
		fs.rmSync(path.join(mountPoint, 'filler'));
	});
});
