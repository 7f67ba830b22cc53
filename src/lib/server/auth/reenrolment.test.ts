import { randomBytes } from 'node:crypto';
import { isHttpError } from '@sveltejs/kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { finishTotpEnrolment, resetTotp, startTotpEnrolment } from '../accounts/manage';
import { requireAdminApi, requireStaffApi, requireStaffAwaitingSecondFactorApi, requireStaffPage } from './guard';
import { login } from './login';
import { createSession, validateSession } from './session';
import { totpCode, totpStep } from './totp';
import { db } from '../db';
import { auditEvent, staffRole } from '../db/schema';
import { REENROLMENT_LIFETIME_MS, ReenrolmentError, describeReenrolment, openReenrolment } from './reenrolment';
import { insertStaffUser, staffUserById } from '../accounts/staff';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

useTemporaryDatabase();

let adminId: string;
const day = (n: number) => new Date(Date.UTC(2032, 4, 1 + n, 10));

beforeAll(() => {
	adminId = setUpTestDeployment({ admin: fakeStaffUser('ines.admin'), now: day(0) }).adminId;
});

/** A colleague with the admin role, so a reset session is tried at the most it could reach. */
function colleague(username: string) {
	const account = fakeStaffUser(username);
	const id = insertStaffUser(account, { secret: randomBytes(20), step: 0 }, day(0));
	db().insert(staffRole).values({ staffUserId: id, role: 'admin', channelId: null }).run();
	return { id, account };
}

/** What a guard does with an identity: the HTTP status it throws, or 'allowed'. */
function guardAnswer(guard: () => unknown): number | 'allowed' {
	try {
		guard();
		return 'allowed';
	} catch (cause) {
		if (isHttpError(cause)) return cause.status;
		if (cause && typeof cause === 'object' && 'status' in cause) return (cause as { status: number }).status;
		throw cause;
	}
}

describe('re-enrolment after a 2FA reset', () => {
	it('ends every session and refuses the passphrase alone at sign-in', () => {
		const { id, account } = colleague('paolo.reset');
		const before = createSession(id, day(1));
		resetTotp(adminId, id, day(1));
		expect(validateSession(before.token, day(1))).toBeNull();
		expect(login('paolo.reset', account.authKey, '', day(1))).toMatchObject({ ok: false, status: 401 });
	});

	it('opens, with the link and the passphrase, a session every guard refuses but the enrolment one', () => {
		const { id, account } = colleague('sara.reset');
		const { token } = resetTotp(adminId, id, day(2));
		const session = openReenrolment(token, 'sara.reset', account.authKey, day(2));
		const identity = validateSession(session.token, day(2))!.identity;
		expect(identity.awaitingSecondFactor).toBe(true);
		const url = new URL('http://localhost/staff/research');
		expect(guardAnswer(() => requireStaffApi(identity))).toBe(403);
		expect(guardAnswer(() => requireAdminApi(identity))).toBe(403);
		expect(guardAnswer(() => requireStaffPage(identity, url))).toBe(403);
		expect(guardAnswer(() => requireStaffAwaitingSecondFactorApi(identity))).toBe('allowed');
	});

	it('binds a new authenticator, after which the session is a full one and the link is spent', () => {
		const { id, account } = colleague('tomas.reset');
		const { token } = resetTotp(adminId, id, day(3));
		const session = openReenrolment(token, 'tomas.reset', account.authKey, day(3));
		const offered = startTotpEnrolment(staffUserById(id)!);
		const secret = decodeBase32IgnorePadding(offered.secret.replace(/ /g, ''));
		const now = new Date();
		expect(finishTotpEnrolment(id, totpCode(secret, totpStep(now)), now)).toHaveLength(10);
		const identity = validateSession(session.token)!.identity;
		expect(identity.awaitingSecondFactor).toBe(false);
		expect(guardAnswer(() => requireStaffAwaitingSecondFactorApi(identity))).toBe(409);
		expect(() => openReenrolment(token, 'tomas.reset', account.authKey, day(3))).toThrow(/already been used/);
	});

	it('works once: a second opening is refused', () => {
		const { id, account } = colleague('ulla.reset');
		const { token } = resetTotp(adminId, id, day(4));
		openReenrolment(token, 'ulla.reset', account.authKey, day(4));
		const again = () => openReenrolment(token, 'ulla.reset', account.authKey, day(4));
		expect(again).toThrow(ReenrolmentError);
		expect(again).toThrow(/already been used/);
	});

	it('expires', () => {
		const { id, account } = colleague('vera.reset');
		const { token } = resetTotp(adminId, id, day(5));
		const late = new Date(day(5).getTime() + REENROLMENT_LIFETIME_MS);
		expect(() => describeReenrolment(token, late)).toThrow(/expired/);
		expect(() => openReenrolment(token, 'vera.reset', account.authKey, late)).toThrow(/expired/);
	});

	it("keeps the link usable after a wrong passphrase, and refuses someone else's passphrase", () => {
		const { id, account } = colleague('wim.reset');
		const other = colleague('xena.other');
		const { token } = resetTotp(adminId, id, day(6));
		expect(() => openReenrolment(token, 'wim.reset', randomBytes(32), day(6))).toThrow(/not correct/);
		expect(() => openReenrolment(token, 'xena.other', other.account.authKey, day(6))).toThrow(/not correct/);
		expect(openReenrolment(token, 'wim.reset', account.authKey, day(6)).staffUserId).toBe(id);
	});

	it('withdraws the older link when an admin resets again', () => {
		const { id, account } = colleague('yara.reset');
		const first = resetTotp(adminId, id, day(7));
		const second = resetTotp(adminId, id, day(7));
		expect(() => openReenrolment(first.token, 'yara.reset', account.authKey, day(7))).toThrow(/newer one/);
		expect(openReenrolment(second.token, 'yara.reset', account.authKey, day(7)).staffUserId).toBe(id);
	});

	it('audits the reset with the link expiry, and the opening of the link', () => {
		const { id, account } = colleague('zeno.reset');
		const { token } = resetTotp(adminId, id, day(8));
		openReenrolment(token, 'zeno.reset', account.authKey, day(8));
		const entries = db().select().from(auditEvent).where(eq(auditEvent.subjectId, id)).all();
		expect(entries.map((entry) => [entry.action, entry.actorId])).toEqual([
			['totp.reset', adminId],
			['totp.reenrolment_opened', id]
		]);
		expect(entries[0].detail).toMatchObject({
			linkExpiresAt: new Date(day(8).getTime() + REENROLMENT_LIFETIME_MS).toISOString()
		});
	});
});
