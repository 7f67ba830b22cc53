import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { db } from '../db';
import { auditEvent, invitation, staffUser } from '../db/schema';
import { login } from '../auth/login';
import { issueRecoveryCodes } from '../auth/second-factor';
import { totpCode, totpStep } from '../auth/totp';
import { createInvitation, invitationTotp } from './enrolment';
import { insertStaffUser } from './staff';
import { sealPlaintextTotpSecrets } from './totp-secrets';
import { DeploymentKeyError, deploymentKey, forgetDeploymentKey } from '../security/deployment-key';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';

const { dataDir } = useTemporaryDatabase();
const databasePath = path.join(dataDir, 'trips-voice.sqlite');
const keyPath = path.join(dataDir, 'deployment.key');

let setup: ReturnType<typeof setUpTestDeployment>;
const now = new Date();

beforeAll(() => {
	setup = setUpTestDeployment({ admin: fakeStaffUser('amara.admin'), now });
});

/** Everything a thief of the database takes: the file and its write-ahead log, as bytes. */
function stolenFiles(): Buffer {
	const parts = [databasePath, `${databasePath}-wal`].filter((file) => fs.existsSync(file));
	return Buffer.concat(parts.map((file) => fs.readFileSync(file)));
}

/** The raw secret, its base32 as an authenticator app shows it, with and without spaces, in either case. */
function traces(secret: Uint8Array): Buffer[] {
	const base32 = encodeBase32NoPadding(secret);
	return [
		Buffer.from(secret),
		Buffer.from(base32),
		Buffer.from(base32.toLowerCase()),
		Buffer.from(base32.replace(/(.{4})/g, '$1 ').trim())
	];
}

function storedSecretOf(userId: string): Buffer | null {
	return db().select({ secret: staffUser.totpSecret }).from(staffUser).where(eq(staffUser.id, userId)).get()!.secret;
}

/** A colleague whose authenticator is `secret`. */
function colleague(username: string, secret: Uint8Array) {
	const account = fakeStaffUser(username);
	const id = insertStaffUser(account, { secret, step: 0 }, now);
	return { id, account };
}

describe('TOTP secrets at rest', () => {
	it('creates the deployment key file on first use, readable by the portal only', () => {
		expect(fs.existsSync(keyPath)).toBe(true);
		expect(fs.statSync(keyPath).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(keyPath, 'utf8')).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
	});

	it('leaves no TOTP secret in a stolen database file or its WAL', () => {
		const stored = storedSecretOf(setup.adminId)!;
		expect(stored.length).toBe(61);
		expect(stored[0]).toBe(1);
		const offered = invitationTotp(
			createInvitation(setup.adminId, { roles: [{ role: 'researcher', channelId: null }], expiresInDays: 3 }, now)
				.token,
			'new.researcher',
			now
		);
		const invited = decodeBase32IgnorePadding(offered.secret.replace(/ /g, ''));
		const pending = db().select({ secret: invitation.pendingTotpSecret }).from(invitation).all();
		expect(pending.map((row) => row.secret?.length)).toEqual([61]);
		const files = stolenFiles();
		for (const trace of [...traces(setup.totpSecret), ...traces(invited)]) {
			expect(files.includes(trace)).toBe(false);
		}
	});

	it('still signs in with the authenticator code', () => {
		// The step of `now` was spent by setup: codes are single use.
		const at = new Date(now.getTime() + 30_000);
		const outcome = login('amara.admin', setup.admin.authKey, totpCode(setup.totpSecret, totpStep(at)), at);
		expect(outcome.ok).toBe(true);
	});

	it('seals a plaintext secret from before at start, once, and it still signs in', () => {
		const secret = randomBytes(20);
		const { id, account } = colleague('old.moderator', randomBytes(20));
		// As the row was stored before secrets were sealed.
		db()
			.update(staffUser)
			.set({ totpSecret: Buffer.from(secret) })
			.where(eq(staffUser.id, id))
			.run();
		const before = stolenFiles();
		expect(before.includes(Buffer.from(secret))).toBe(true);

		expect(sealPlaintextTotpSecrets()).toEqual({ sealed: 1, unreadable: 0 });
		expect(sealPlaintextTotpSecrets()).toEqual({ sealed: 0, unreadable: 0 });
		const stored = storedSecretOf(id)!;
		expect(stored.length).toBe(61);
		for (const trace of traces(secret)) expect(stolenFiles().includes(trace)).toBe(false);

		const later = new Date(now.getTime() + 60_000);
		expect(login('old.moderator', account.authKey, totpCode(secret, totpStep(later)), later).ok).toBe(true);
	});

	it('binds a sealed secret to its row: copied to another account it opens nothing', () => {
		const thief = colleague('copy.target', randomBytes(20));
		db()
			.update(staffUser)
			.set({ totpSecret: storedSecretOf(setup.adminId) })
			.where(eq(staffUser.id, thief.id))
			.run();
		const at = new Date(now.getTime() + 120_000);
		const outcome = login('copy.target', thief.account.authKey, totpCode(setup.totpSecret, totpStep(at)), at);
		expect(outcome.ok).toBe(false);
	});
});

describe('without the deployment key the database was used with', () => {
	const secret = randomBytes(20);
	let person: ReturnType<typeof colleague>;
	let recoveryCode: string;

	beforeAll(() => {
		person = colleague('lost.key', secret);
		recoveryCode = issueRecoveryCodes(person.id)[0];
		// The key file is replaced by a new one, as after restoring the database on a new machine.
		fs.rmSync(keyPath);
		forgetDeploymentKey();
		expect(deploymentKey().created).toBe(true);
	});

	it('counts the secrets the key does not open, for the operator', () => {
		expect(sealPlaintextTotpSecrets().unreadable).toBeGreaterThanOrEqual(1);
	});

	it('answers the right passphrase with a clear refusal naming the way back, not a server error', () => {
		const at = new Date(now.getTime() + 180_000);
		const outcome = login('lost.key', person.account.authKey, totpCode(secret, totpStep(at)), at);
		expect(outcome).toMatchObject({
			ok: false,
			status: 409,
			refusal: { key: 'staff_refusals_authenticator_unreadable' }
		});
		expect(outcome.ok || outcome.message).toMatch(/recovery code/);
	});

	it('gives a wrong passphrase the usual answer, so the refusal confirms nothing to a guesser', () => {
		const at = new Date(now.getTime() + 180_000);
		const outcome = login('lost.key', randomBytes(32), totpCode(secret, totpStep(at)), at);
		expect(outcome).toMatchObject({ ok: false, status: 401, refusal: { key: 'staff_refusals_sign_in_failed' } });
	});

	it('lets the person in with a recovery code, drops the dead secret and asks for a new authenticator', () => {
		const at = new Date(now.getTime() + 240_000);
		const outcome = login('lost.key', person.account.authKey, recoveryCode, at);
		expect(outcome.ok).toBe(true);
		expect(storedSecretOf(person.id)).toBeNull();
		const audit = db().select().from(auditEvent).where(eq(auditEvent.subjectId, person.id)).all();
		expect(audit.map((event) => event.action)).toContain('totp.unreadable_removed');
	});

	it('offers an invitee a fresh authenticator secret when the pending one no longer opens', () => {
		const created = createInvitation(
			setup.adminId,
			{ roles: [{ role: 'researcher', channelId: null }], expiresInDays: 3 },
			now
		);
		db()
			.update(invitation)
			.set({ pendingTotpSecret: Buffer.concat([Buffer.from([1]), randomBytes(60)]) })
			.where(eq(invitation.id, created.id))
			.run();
		const offered = invitationTotp(created.token, 'second.researcher', now);
		expect(offered.secret).toMatch(/^[A-Z2-7 ]+$/);
	});

	it('refuses to start on a key file that is not a key, saying which file', () => {
		fs.writeFileSync(keyPath, 'not a key\n');
		forgetDeploymentKey();
		expect(() => deploymentKey()).toThrow(DeploymentKeyError);
		expect(() => deploymentKey()).toThrow(keyPath);
	});
});
