import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { failedAnswer } from './login';
import { recordWrongSecret } from './failure-budget';
import { createSession } from './session';
import { db } from '../db';
import { staffUser, totpReenrolment, type TotpReenrolment } from '../db/schema';
import { DomainError, type Refusal } from '../http/errors';
import { keyMaterial, verifyAuthKey, type StaffKeyMaterial } from '../accounts/staff';
import { newToken, sha256Hex } from '../security/tokens';

export class ReenrolmentError extends DomainError {
	declare readonly status: 401 | 404 | 410 | 429;

	constructor(refusal: Refusal, status: 401 | 404 | 410 | 429) {
		super(refusal, status);
	}
}

/** Long enough to reach someone by a safe channel over a weekend, short enough to matter. */
export const REENROLMENT_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Issues the link for a reset; the caller runs it inside the reset's transaction. Any earlier
 * open link for the same person is withdrawn, so only the newest one works.
 */
export function issueReenrolment(
	adminId: string,
	staffUserId: string,
	now = new Date()
): { token: string; expiresAt: Date } {
	db()
		.update(totpReenrolment)
		.set({ revokedAt: now })
		.where(
			and(
				eq(totpReenrolment.staffUserId, staffUserId),
				isNull(totpReenrolment.usedAt),
				isNull(totpReenrolment.revokedAt)
			)
		)
		.run();
	const token = newToken();
	const expiresAt = new Date(now.getTime() + REENROLMENT_LIFETIME_MS);
	db()
		.insert(totpReenrolment)
		.values({
			id: randomUUID(),
			staffUserId,
			tokenHash: sha256Hex(token),
			createdBy: adminId,
			createdAt: now,
			expiresAt
		})
		.run();
	return { token, expiresAt };
}

function openLink(token: string, now: Date): TotpReenrolment {
	const found = db()
		.select()
		.from(totpReenrolment)
		.where(eq(totpReenrolment.tokenHash, sha256Hex(token)))
		.get();
	if (!found) throw new ReenrolmentError({ key: 'staff_refusals_reenrol_link_invalid' }, 404);
	if (found.usedAt) throw new ReenrolmentError({ key: 'staff_refusals_reenrol_link_used' }, 410);
	if (found.revokedAt) throw new ReenrolmentError({ key: 'staff_refusals_reenrol_link_replaced' }, 410);
	if (found.expiresAt.getTime() <= now.getTime()) {
		throw new ReenrolmentError({ key: 'staff_refusals_reenrol_link_expired' }, 410);
	}
	return found;
}

/** What the link page may show before the person proves anything: only when it expires. */
export function describeReenrolment(token: string, now = new Date()): { expiresAt: string } {
	return { expiresAt: openLink(token, now).expiresAt.toISOString() };
}

/**
 * Spends the link once the person proves their passphrase, and opens a session that can do
 * nothing but bind a new authenticator (the guard refuses it everywhere else until then).
 * A wrong passphrase counts against the global sign-in budget and leaves the link usable, so
 * a typo does not cost a new link; the same answer covers a name that is not the link's.
 */
export function openReenrolment(
	token: string,
	username: string,
	authKey: Uint8Array,
	now = new Date()
): { token: string; expiresAt: Date; staffUserId: string; material: StaffKeyMaterial } {
	return db().transaction(() => {
		const link = openLink(token, now);
		const user = verifyAuthKey(username, authKey);
		if (!user || user.id !== link.staffUserId) {
			recordWrongSecret('login', now.getTime());
			const answer = failedAnswer('login', now, { key: 'staff_refusals_reenrol_sign_in_failed' });
			throw new ReenrolmentError(answer.refusal, answer.status);
		}
		const stillReset = db()
			.select({ id: staffUser.id })
			.from(staffUser)
			.where(and(eq(staffUser.id, user.id), isNull(staffUser.totpSecret), isNull(staffUser.disabledAt)))
			.get();
		if (!stillReset) throw new ReenrolmentError({ key: 'staff_refusals_reenrol_already_enrolled' }, 410);
		const spent = db()
			.update(totpReenrolment)
			.set({ usedAt: now })
			.where(and(eq(totpReenrolment.id, link.id), isNull(totpReenrolment.usedAt)))
			.run().changes;
		if (spent !== 1) throw new ReenrolmentError({ key: 'staff_refusals_reenrol_link_used' }, 410);
		const session = createSession(user.id, now);
		recordAudit(
			{ actorId: user.id, action: 'totp.reenrolment_opened', subjectType: 'staff_user', subjectId: user.id },
			now
		);
		return { ...session, staffUserId: user.id, material: keyMaterial(user) };
	});
}
