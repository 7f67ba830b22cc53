import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '$lib/crypto';
import { totpCode, totpStep } from '../auth/totp';
import { login } from '../auth/login';
import { validateSession } from '../auth/session';
import { closeDatabase, db } from './';
import { channelKey, submission } from './schema';
import { diskSpace, ensureSpaceReserve, intakeHeadroomBytes, keepRoomForStaff, spaceReserveBytes } from './disk-space';
import { IntakeRefused, admitIntake, floodDays } from '../intake/budget';
import { runRetention } from '../retention/retention';
import { sha256 } from '../security/tokens';
import { updateIntakeBudgets } from '../settings/intake-budgets';
import { acceptSubmission } from '../intake/submissions';
import { inboxPage } from '../intake/inbox';
import { fakeStaffUser, setUpTestDeployment } from '../testing';

/**
 * The data folder is a real 24 MiB tmpfs, filled for real. Mounting needs root (as in CI); where
 * the kernel or the sandbox forbids it, these tests are skipped and say why.
 */
const MIB = 1024 * 1024;
const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-small-disk-'));
let mountProblem: string | null = null;
try {
	execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' });
} catch (error) {
	const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
	mountProblem = `a 24 MiB tmpfs could not be mounted here (${stderr || (error as Error).message}); mounting needs root`;
	fs.rmSync(mountPoint, { recursive: true, force: true });
}

process.env.DATA_DIR = mountPoint;
process.env.MIGRATIONS_DIR = path.resolve('drizzle');
process.env.DISK_HEADROOM_MB = '4';
process.env.DISK_HEADROOM_PERCENT = '0';
process.env.DISK_RESERVE_MB = '2';

afterAll(() => {
	closeDatabase();
	if (mountProblem) return;
	execFileSync('umount', [mountPoint]);
	fs.rmdirSync(mountPoint);
});

const title = 'a data folder on a small disk';
describe.skipIf(mountProblem !== null)(mountProblem ? `${title} (skipped: ${mountProblem})` : title, () => {
	const authKey = randomBytes(32);
	let setup: ReturnType<typeof setUpTestDeployment>;
	let oldTestimonyId: string;
	const start = new Date();

	beforeAll(async () => {
		await readyCrypto();
		setup = setUpTestDeployment({ admin: fakeStaffUser('first.admin', authKey), now: start });
		updateIntakeBudgets(
			{
				testimoniesPerMinute: 100_000,
				testimoniesPerDay: 100_000,
				megabytesPerMinute: 100_000,
				megabytesPerDay: 100_000
			},
			setup.adminId
		);
		const key = db().select().from(channelKey).where(eq(channelKey.channelId, setup.channelId)).get()!;
		// An unreviewed testimony old enough for retention to delete, to show deletion frees space.
		oldTestimonyId = randomUUID();
		db()
			.insert(submission)
			.values({
				id: oldTestimonyId,
				channelId: setup.channelId,
				channelKeyId: key.id,
				formatVersion: 1,
				nonce: randomBytes(24),
				ciphertext: randomBytes(256 * 1024),
				sealedDataKey: randomBytes(80),
				receiptLookupHash: sha256(randomBytes(32)),
				replyPublicKey: randomBytes(32),
				receivedDay: '2020-01-01',
				status: 'new'
			})
			.run();
	});

	it('refuses intake with 503 while free space is within the headroom, before SQLite fails', () => {
		expect(ensureSpaceReserve()).toBe(true);
		expect(spaceReserveBytes()).toBe(2 * MIB);
		const key = db().select().from(channelKey).where(eq(channelKey.channelId, setup.channelId)).get()!;
		let accepted = 0;
		let refused: IntakeRefused | null = null;
		for (let i = 0; i < 200 && !refused; i++) {
			const ciphertext = randomBytes(200 * 1024);
			try {
				admitIntake('testimony', ciphertext.length);
			} catch (cause) {
				if (!(cause instanceof IntakeRefused)) throw cause;
				refused = cause;
				break;
			}
			acceptSubmission({
				id: randomUUID(),
				channelId: setup.channelId,
				channelKeyVersion: key.version,
				formatVersion: 1,
				nonce: randomBytes(24),
				ciphertext,
				sealedDataKey: randomBytes(80),
				receiptLookupToken: randomBytes(32),
				replyPublicKey: randomBytes(32)
			});
			accepted++;
		}
		expect(refused?.status).toBe(503);
		expect(refused?.retryAfterSeconds).toBeGreaterThan(0);
		expect(accepted).toBeGreaterThan(10);
		// Past the check, free space can still shrink by the last write and by one checkpoint, which
		// copies up to wal_autocheckpoint pages from the WAL into the database file at once.
		const client = db().$client;
		const checkpointBytes =
			(client.pragma('wal_autocheckpoint', { simple: true }) as number) *
			(client.pragma('page_size', { simple: true }) as number);
		const { freeBytes, totalBytes } = diskSpace();
		expect(freeBytes).toBeGreaterThan(intakeHeadroomBytes(totalBytes) - 2 * 200 * 1024 - checkpointBytes);
		expect(freeBytes).toBeGreaterThan(0);
		expect(floodDays()[0]).toMatchObject({ refusedLowDisk: 1 });
	});

	it('lets staff sign in, read and delete once something else has filled the disk', () => {
		// As retention leaves it: an empty WAL, so any write needs new room on the disk.
		db().$client.pragma('wal_checkpoint(TRUNCATE)');
		const filler = path.join(mountPoint, 'filler');
		const fd = fs.openSync(filler, 'w');
		try {
			for (;;) fs.writeSync(fd, Buffer.alloc(64 * 1024));
		} catch (error) {
			expect((error as { code?: string }).code).toBe('ENOSPC');
		}
		try {
			for (;;) fs.writeSync(fd, Buffer.alloc(512));
		} catch {
			// Now not even a page is left.
		}
		fs.closeSync(fd);
		expect(diskSpace().freeBytes).toBeLessThan(8 * 1024);

		// What the server hook does on every staff request, then the sign-in itself.
		keepRoomForStaff();
		const now = new Date(start.getTime() + 90_000);
		const outcome = login('first.admin', authKey, totpCode(setup.totpSecret, totpStep(now)), now);
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(validateSession(outcome.token, now)?.identity.username).toBe('first.admin');
		expect(inboxPage(setup.adminId, [setup.channelId], {}, 1, '2026-01-01').total).toBeGreaterThan(10);

		const freeBefore = diskSpace().freeBytes;
		const counts = runRetention();
		expect(counts.unreviewed).toBe(1);
		expect(db().select().from(submission).where(eq(submission.id, oldTestimonyId)).get()).toBeUndefined();
		expect(diskSpace().freeBytes).toBeGreaterThan(freeBefore + 200 * 1024);
		fs.rmSync(filler);
	});
});
