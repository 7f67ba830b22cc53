import { DomainError, type Refusal } from '../http/errors';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { checkSecondFactor, issueRecoveryCodes } from '../auth/second-factor';
import { endAllSessions } from '../auth/session';
import { accountThrottled, failedAnswer } from '../auth/login';
import { clearAccountFailures, recordAccountFailure, recordWrongSecret } from '../auth/failure-budget';
import { issueReenrolment } from '../auth/reenrolment';
import { newTotpSecret, totpEnrolment, verifyTotp, type TotpEnrolment } from '../auth/totp';
import { db } from '../db';
import { staffRole, staffUser, type Role, type StaffUser } from '../db/schema';
import type { RoleGrant } from './enrolment';
import { validateRoles } from './enrolment';
import { normaliseUsername, staffUserById, verifyAuthKey } from './staff';
import { constantTimeEqual, newToken, sha256 } from '../security/tokens';
import { sealedTotpSecret } from './totp-secrets';
import { markCorpusKeyDue, withdrawKeyAccess } from '../channels/keys';
import { toBase64url } from '$lib/encoding/base64url';

export class AccountError extends DomainError {
	declare readonly status: 400 | 401 | 403 | 404 | 409 | 429;

	constructor(refusal: Refusal, status: 400 | 401 | 403 | 404 | 409 | 429) {
		super(refusal, status);
	}
}

export type PassphraseMaterial = {
	pwhashSalt: Uint8Array;
	pwhashOpsLimit: number;
	pwhashMemLimit: number;
	authKey: Uint8Array;
	wrappedSecretKey: { nonce: Uint8Array; ciphertext: Uint8Array };
};

function storePassphrase(userId: string, material: PassphraseMaterial): void {
	db()
		.update(staffUser)
		.set({
			authKeyHash: sha256(material.authKey),
			pwhashSalt: Buffer.from(material.pwhashSalt),
			pwhashOpsLimit: material.pwhashOpsLimit,
			pwhashMemLimit: material.pwhashMemLimit,
			wrappedSecretKeyNonce: Buffer.from(material.wrappedSecretKey.nonce),
			wrappedSecretKey: Buffer.from(material.wrappedSecretKey.ciphertext)
		})
		.where(eq(staffUser.id, userId))
		.run();
}

/**
 * A new passphrase re-wraps the same private key: every grant sealed to the person's public
 * key keeps working, and nothing else changes. Other sessions end.
 */
export function changePassphrase(
	user: { id: string; username: string; sessionId: string },
	currentAuthKey: Uint8Array,
	material: PassphraseMaterial,
	now = new Date()
): void {
	const blocked = accountThrottled('login', user.username, now);
	if (blocked) throw new AccountError(blocked.refusal, 429);
	if (!verifyAuthKey(user.username, currentAuthKey)) {
		// This comes from a session that passed both factors: only its holder can spend it.
		recordAccountFailure('login', user.id, now.getTime());
		throw new AccountError({ key: 'staff_refusals_passphrase_wrong' }, 401);
	}
	db().transaction(() => {
		storePassphrase(user.id, material);
		endAllSessions(user.id, user.sessionId);
		recordAudit({ actorId: user.id, action: 'passphrase.changed', subjectType: 'staff_user', subjectId: user.id }, now);
	});
}

const RECOVERY_WINDOW_MS = 10 * 60 * 1000;
const recoveries = new Map<string, { userId: string; expiresAt: number }>();

/**
 * First step of recovery with the printed recovery key: proof of possession (its auth key)
 * plus the second factor. Answers with the recovery-wrapped private key and a short-lived
 * token for the second step.
 */
export function openRecovery(username: string, recoveryAuthKey: Uint8Array, code: string, now = new Date()) {
	const blocked = accountThrottled('recovery', username, now);
	if (blocked) throw new AccountError(blocked.refusal, 429);
	const user = db()
		.select()
		.from(staffUser)
		.where(and(eq(staffUser.username, normaliseUsername(username)), isNull(staffUser.disabledAt)))
		.get();
	const expected = user?.recoveryAuthHash ?? sha256(`no-recovery:${username}`);
	const keyOk = constantTimeEqual(sha256(recoveryAuthKey), expected);
	const refused: Refusal = { key: 'staff_refusals_recovery_failed' };
	if (!user || !keyOk) {
		recordWrongSecret('recovery', now.getTime());
		const answer = failedAnswer('recovery', now, refused);
		throw new AccountError(answer.refusal, answer.status);
	}
	if (!checkSecondFactor(user, code, now)) {
		recordAccountFailure('recovery', user.id, now.getTime());
		const answer = failedAnswer('recovery', now, refused);
		throw new AccountError(answer.refusal, answer.status);
	}
	clearAccountFailures('recovery', user.id);
	const token = newToken();
	recoveries.set(token, { userId: user.id, expiresAt: now.getTime() + RECOVERY_WINDOW_MS });
	return {
		token,
		publicKey: toBase64url(user.publicKey),
		recoveryWrappedSecretKey: {
			nonce: toBase64url(user.recoveryWrappedSecretKeyNonce),
			ciphertext: toBase64url(user.recoveryWrappedSecretKey)
		}
	};
}

/** Second step: the new passphrase's material replaces the old; every session ends. */
export function completeRecovery(token: string, material: PassphraseMaterial, now = new Date()): string {
	const pending = recoveries.get(token);
	recoveries.delete(token);
	if (!pending || pending.expiresAt < now.getTime()) {
		throw new AccountError({ key: 'staff_refusals_recovery_expired' }, 401);
	}
	db().transaction(() => {
		storePassphrase(pending.userId, material);
		endAllSessions(pending.userId);
		recordAudit(
			{ actorId: pending.userId, action: 'recovery.used', subjectType: 'staff_user', subjectId: pending.userId },
			now
		);
	});
	return pending.userId;
}

/** While an admin-reset person has no authenticator, the secret they are offered. */
const pendingTotp = new Map<string, Buffer>();

export function startTotpEnrolment(user: StaffUser): TotpEnrolment {
	if (user.totpSecret) throw new AccountError({ key: 'staff_refusals_totp_already_set_up' }, 409);
	let secret = pendingTotp.get(user.id);
	if (!secret) {
		secret = newTotpSecret();
		pendingTotp.set(user.id, secret);
	}
	return totpEnrolment(secret, user.username, 'TRIPS Voice');
}

export function finishTotpEnrolment(userId: string, code: string, now = new Date()): string[] {
	const secret = pendingTotp.get(userId);
	const step = secret ? verifyTotp(secret, code, 0, now) : null;
	if (!secret || step === null) throw new AccountError({ key: 'staff_refusals_authenticator_code_wrong' }, 400);
	pendingTotp.delete(userId);
	db()
		.update(staffUser)
		.set({ totpSecret: sealedTotpSecret(secret, 'staff_user.totp_secret', userId), totpLastStep: step })
		.where(eq(staffUser.id, userId))
		.run();
	recordAudit({ actorId: userId, action: 'totp.enrolled', subjectType: 'staff_user', subjectId: userId }, now);
	return issueRecoveryCodes(userId);
}

/**
 * Admin action: the person's authenticator stops working, every session ends, and a one-time
 * re-enrolment link is issued for the admin to pass on. The passphrase alone opens nothing:
 * only the link together with it lets the person bind a new authenticator.
 */
export function resetTotp(adminId: string, userId: string, now = new Date()): { token: string; expiresAt: Date } {
	return db().transaction(() => {
		const changed = db()
			.update(staffUser)
			.set({ totpSecret: null, totpLastStep: 0 })
			.where(and(eq(staffUser.id, userId), isNull(staffUser.disabledAt)))
			.run().changes;
		if (changed !== 1) throw new AccountError({ key: 'staff_refusals_staff_member_not_active' }, 404);
		pendingTotp.delete(userId);
		endAllSessions(userId);
		const link = issueReenrolment(adminId, userId, now);
		recordAudit(
			{
				actorId: adminId,
				action: 'totp.reset',
				subjectType: 'staff_user',
				subjectId: userId,
				detail: { linkExpiresAt: link.expiresAt.toISOString() }
			},
			now
		);
		return link;
	});
}

function activeAdminCount(excludingUserId: string): number {
	return db()
		.select({ id: staffUser.id })
		.from(staffUser)
		.innerJoin(staffRole, eq(staffRole.staffUserId, staffUser.id))
		.where(and(eq(staffRole.role, 'admin'), isNull(staffUser.disabledAt), ne(staffUser.id, excludingUserId)))
		.all().length;
}

function channelsModeratedBy(userId: string): string[] {
	return db()
		.select({ channelId: staffRole.channelId })
		.from(staffRole)
		.where(and(eq(staffRole.staffUserId, userId), eq(staffRole.role, 'moderator')))
		.all()
		.map((row) => row.channelId as string);
}

/**
 * Disabling or re-enabling someone is deliberate: the admin types the person's username to
 * confirm (so a slip of the mouse on the wrong row does nothing) and gives a reason, which the
 * audit log keeps.
 */
export type StatusChange = { confirmUsername: string; reason: string };

function confirmStatusChange(user: StaffUser, change: StatusChange): void {
	if (normaliseUsername(change.confirmUsername) !== user.username) {
		throw new AccountError({ key: 'staff_refusals_confirm_username' }, 400);
	}
	if (change.reason.trim().length < 3) throw new AccountError({ key: 'staff_refusals_give_reason' }, 400);
}

/**
 * Disabling ends every session and deletes every key grant of the person: what was sealed to
 * them can no longer be fetched. Their channels' keys should then be rotated, which the
 * grants page offers to the remaining members.
 */
export function disableUser(
	adminId: string,
	userId: string,
	change: StatusChange,
	now = new Date()
): { channelIds: string[] } {
	return db().transaction(() => {
		const user = staffUserById(userId);
		if (!user || user.disabledAt) throw new AccountError({ key: 'staff_refusals_staff_member_not_active' }, 404);
		confirmStatusChange(user, change);
		if (activeAdminCount(userId) === 0) throw new AccountError({ key: 'staff_refusals_last_admin_disable' }, 409);
		const channelIds = channelsModeratedBy(userId);
		db().update(staffUser).set({ disabledAt: now }).where(eq(staffUser.id, userId)).run();
		endAllSessions(userId);
		withdrawKeyAccess(userId, { channelIds, corpus: true, allChannelGrants: true }, now);
		markCorpusKeyDue(now);
		recordAudit(
			{
				actorId: adminId,
				action: 'user.disabled',
				subjectType: 'staff_user',
				subjectId: userId,
				detail: { channels: channelIds.join(','), reason: change.reason }
			},
			now
		);
		return { channelIds };
	});
}

/**
 * Re-enabling keeps the person's roles but not their key grants, which disabling deleted: a
 * colleague grants the keys again from the pending-grant list, as for a newcomer.
 */
export function enableUser(adminId: string, userId: string, change: StatusChange, now = new Date()): void {
	db().transaction(() => {
		const user = staffUserById(userId);
		if (!user || !user.disabledAt) throw new AccountError({ key: 'staff_refusals_staff_member_not_disabled' }, 404);
		confirmStatusChange(user, change);
		db().update(staffUser).set({ disabledAt: null }).where(eq(staffUser.id, userId)).run();
		recordAudit(
			{
				actorId: adminId,
				action: 'user.enabled',
				subjectType: 'staff_user',
				subjectId: userId,
				detail: { reason: change.reason }
			},
			now
		);
	});
}

/**
 * Replaces a person's roles. Losing a moderator role removes that channel's key grants (and
 * flags the channel for key rotation through the audit entry); losing every research role
 * removes the corpus key grants.
 */
export function setRoles(adminId: string, userId: string, roles: RoleGrant[], now = new Date()): void {
	const valid = validateRoles(roles);
	db().transaction(() => {
		const user = staffUserById(userId);
		if (!user) throw new AccountError({ key: 'staff_refusals_staff_member_not_found' }, 404);
		const hadAdmin = db()
			.select()
			.from(staffRole)
			.where(and(eq(staffRole.staffUserId, userId), eq(staffRole.role, 'admin')))
			.get();
		if (hadAdmin && !valid.some((grant) => grant.role === 'admin') && activeAdminCount(userId) === 0) {
			throw new AccountError({ key: 'staff_refusals_last_admin_role' }, 409);
		}
		const before = new Set(channelsModeratedBy(userId));
		const after = new Set(
			valid.filter((grant) => grant.role === 'moderator').map((grant) => grant.channelId as string)
		);
		const removedChannels = [...before].filter((id) => !after.has(id));
		db().delete(staffRole).where(eq(staffRole.staffUserId, userId)).run();
		db()
			.insert(staffRole)
			.values(valid.map((grant) => ({ staffUserId: userId, role: grant.role, channelId: grant.channelId })))
			.run();
		withdrawKeyAccess(
			userId,
			{
				channelIds: removedChannels,
				corpus: !valid.some((grant) => grant.role === 'researcher' || grant.role === 'moderator')
			},
			now
		);
		recordAudit(
			{
				actorId: adminId,
				action: 'user.roles_changed',
				subjectType: 'staff_user',
				subjectId: userId,
				detail: { roles: valid.map((grant) => grant.role).join(','), channels: removedChannels.join(',') }
			},
			now
		);
	});
}

export type StaffListing = {
	id: string;
	username: string;
	disabled: boolean;
	hasTotp: boolean;
	publicKey: string;
	roles: { role: Role; channelId: string | null }[];
};

export function staffListing(): StaffListing[] {
	const users = db().select().from(staffUser).orderBy(staffUser.username).all();
	const roles = db().select().from(staffRole).all();
	return users.map((user) => ({
		id: user.id,
		username: user.username,
		disabled: user.disabledAt !== null,
		hasTotp: user.totpSecret !== null,
		publicKey: toBase64url(user.publicKey),
		roles: roles.filter((role) => role.staffUserId === user.id).map(({ role, channelId }) => ({ role, channelId }))
	}));
}
