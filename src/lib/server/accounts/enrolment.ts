import { DomainError, type Refusal } from '../http/errors';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { issueRecoveryCodes } from '../auth/second-factor';
import { newTotpSecret, totpEnrolment, verifyTotp, type TotpEnrolment } from '../auth/totp';
import { db } from '../db';
import { invitation, staffRole, staffUser, type Invitation, type Role } from '../db/schema';
import { insertStaffUser, normaliseUsername, type NewStaffUser } from './staff';
import { newToken, sha256Hex } from '../security/tokens';
import { assertUsernameDistinct } from './usernames';
import { openStoredTotpSecret, sealedTotpSecret } from './totp-secrets';
import { channelNames } from '../channels/keys';

export class InvitationError extends DomainError {
	declare readonly status: 400 | 404 | 409 | 410;

	constructor(refusal: Refusal, status: 400 | 404 | 409 | 410) {
		super(refusal, status);
	}
}

export type RoleGrant = { role: Role; channelId: string | null };

const PER_CHANNEL: ReadonlySet<Role> = new Set(['moderator', 'facilitator']);

/** Moderator and facilitator roles name a channel; admin and researcher roles do not. */
export function validateRoles(roles: RoleGrant[]): RoleGrant[] {
	if (roles.length === 0) throw new InvitationError({ key: 'staff_refusals_invitation_needs_role' }, 400);
	const channelIds = new Set(channelNames().keys());
	for (const grant of roles) {
		if (PER_CHANNEL.has(grant.role) && (!grant.channelId || !channelIds.has(grant.channelId))) {
			throw new InvitationError(
				{
					key:
						grant.role === 'moderator'
							? 'staff_refusals_invitation_moderator_needs_channel'
							: 'staff_refusals_invitation_facilitator_needs_channel'
				},
				400
			);
		}
		if (!PER_CHANNEL.has(grant.role) && grant.channelId) {
			throw new InvitationError(
				{
					key:
						grant.role === 'admin'
							? 'staff_refusals_invitation_admin_no_channel'
							: 'staff_refusals_invitation_researcher_no_channel'
				},
				400
			);
		}
	}
	const unique = new Map(roles.map((grant) => [`${grant.role}:${grant.channelId ?? ''}`, grant]));
	return [...unique.values()];
}

export function createInvitation(
	createdBy: string,
	input: { roles: RoleGrant[]; expiresInDays: number; note?: string },
	now = new Date()
): { id: string; token: string; expiresAt: Date } {
	const roles = validateRoles(input.roles);
	const token = newToken();
	const id = randomUUID();
	const expiresAt = new Date(now.getTime() + input.expiresInDays * 24 * 60 * 60 * 1000);
	db()
		.insert(invitation)
		.values({ id, tokenHash: sha256Hex(token), roles, note: input.note ?? null, createdBy, createdAt: now, expiresAt })
		.run();
	recordAudit(
		{
			actorId: createdBy,
			action: 'invitation.created',
			subjectType: 'invitation',
			subjectId: id,
			detail: { roles: roles.map((r) => r.role).join(',') }
		},
		now
	);
	return { id, token, expiresAt };
}

/** An invitation that can still be used, looked up by its token's hash. */
export function openInvitation(token: string, now = new Date()): Invitation {
	const found = db()
		.select()
		.from(invitation)
		.where(eq(invitation.tokenHash, sha256Hex(token)))
		.get();
	if (!found) throw new InvitationError({ key: 'staff_refusals_invitation_invalid' }, 404);
	if (found.usedAt) throw new InvitationError({ key: 'staff_refusals_invitation_used' }, 410);
	if (found.revokedAt) throw new InvitationError({ key: 'staff_refusals_invitation_withdrawn' }, 410);
	if (found.expiresAt.getTime() <= now.getTime()) {
		throw new InvitationError({ key: 'staff_refusals_invitation_expired' }, 410);
	}
	return found;
}

export function describeInvitation(token: string, now = new Date()) {
	const found = openInvitation(token, now);
	const channels = channelNames();
	return {
		expiresAt: found.expiresAt.toISOString(),
		roles: found.roles.map((grant) => ({
			role: grant.role,
			channel: grant.channelId ? (channels.get(grant.channelId) ?? null) : null
		}))
	};
}

/** The authenticator secret offered to this invitee, the same one until they finish. */
export function invitationTotp(token: string, username: string, now = new Date()): TotpEnrolment {
	const found = openInvitation(token, now);
	// Said before the authenticator step, so nobody sets up an app for a name that is refused.
	assertUsernameDistinct(normaliseUsername(username));
	let secret = pendingSecretOf(found);
	if (!secret) {
		secret = newTotpSecret();
		db()
			.update(invitation)
			.set({ pendingTotpSecret: sealedTotpSecret(secret, 'invitation.pending_totp_secret', found.id) })
			.where(eq(invitation.id, found.id))
			.run();
	}
	return totpEnrolment(secret, normaliseUsername(username), 'TRIPS Voice');
}

/**
 * The secret offered to an invitee, or null before it is drawn. One sealed under another
 * deployment key (the key file was lost) counts as not drawn: the invitee is offered a new one.
 */
function pendingSecretOf(found: Invitation): Uint8Array | null {
	return (
		found.pendingTotpSecret && openStoredTotpSecret(found.pendingTotpSecret, 'invitation.pending_totp_secret', found.id)
	);
}

/**
 * Creates the invitee's account once their authenticator code checks out: only the auth-key
 * hash, the wrapped private keys, the public key and the TOTP secret are stored.
 */
export function completeEnrolment(
	token: string,
	totpCode: string,
	account: NewStaffUser,
	now = new Date()
): { userId: string; recoveryCodes: string[] } {
	return db().transaction(() => {
		const found = openInvitation(token, now);
		const pendingSecret = pendingSecretOf(found);
		const step = pendingSecret ? verifyTotp(pendingSecret, totpCode, 0, now) : null;
		if (step === null) {
			throw new InvitationError({ key: 'staff_refusals_authenticator_code_wrong_time' }, 400);
		}
		const taken = db()
			.select({ id: staffUser.id })
			.from(staffUser)
			.where(eq(staffUser.username, normaliseUsername(account.username)))
			.get();
		if (taken) throw new InvitationError({ key: 'staff_refusals_username_taken' }, 409);
		const userId = insertStaffUser(account, { secret: pendingSecret!, step }, now);
		db()
			.insert(staffRole)
			.values(found.roles.map((grant) => ({ staffUserId: userId, role: grant.role, channelId: grant.channelId })))
			.run();
		db()
			.update(invitation)
			.set({ usedAt: now, usedBy: userId, pendingTotpSecret: null })
			.where(eq(invitation.id, found.id))
			.run();
		const recoveryCodes = issueRecoveryCodes(userId);
		recordAudit(
			{ actorId: userId, action: 'enrolment.completed', subjectType: 'invitation', subjectId: found.id },
			now
		);
		return { userId, recoveryCodes };
	});
}

export function openInvitations(now = new Date()) {
	return db()
		.select({
			id: invitation.id,
			roles: invitation.roles,
			note: invitation.note,
			expiresAt: invitation.expiresAt,
			createdAt: invitation.createdAt
		})
		.from(invitation)
		.where(and(isNull(invitation.usedAt), isNull(invitation.revokedAt), gt(invitation.expiresAt, now)))
		.orderBy(desc(invitation.createdAt))
		.all();
}

export function revokeInvitation(adminId: string, invitationId: string, now = new Date()): void {
	const changed = db()
		.update(invitation)
		.set({ revokedAt: now, pendingTotpSecret: null })
		.where(and(eq(invitation.id, invitationId), isNull(invitation.usedAt), isNull(invitation.revokedAt)))
		.run().changes;
	if (changed !== 1) throw new InvitationError({ key: 'staff_refusals_invitation_not_open' }, 404);
	recordAudit(
		{ actorId: adminId, action: 'invitation.revoked', subjectType: 'invitation', subjectId: invitationId },
		now
	);
}
