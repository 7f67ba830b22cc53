import { db } from './db';
import { auditEvent } from './db/schema';

export const AUDIT_ACTIONS = [
	'setup.completed',
	'login.succeeded',
	'login.failed',
	'logout',
	'session.ended',
	'keys.unlocked',
	'passphrase.changed',
	'recovery.used',
	'totp.reset',
	'totp.enrolled',
	'invitation.created',
	'invitation.revoked',
	'enrolment.completed',
	'grant.created',
	'user.disabled',
	'user.roles_changed',
	'channel.created',
	'channel.updated',
	// Single-step rotations, from before a colleague had to confirm a new key.
	'channel_key.rotated',
	'corpus_key.rotated',
	'channel_key.rotation_proposed',
	'channel_key.rotation_confirmed',
	'channel_key.rotation_withdrawn',
	'corpus_key.rotation_proposed',
	'corpus_key.rotation_confirmed',
	'corpus_key.rotation_withdrawn',
	'settings.updated',
	'question.created',
	'question.updated',
	'submission.opened',
	'submission.approved',
	'submission.rejected',
	'submission.waiting',
	'draft.saved',
	'submission.withdrawn',
	'submission.deleted',
	'reply.sent',
	'session.created',
	'session.closed',
	'session.reopened',
	'export.created',
	'codebook.seeded',
	'code.created',
	'code.updated',
	'code.archived',
	'code.restored',
	'code.merged'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
	actorId: string | null;
	action: AuditAction;
	subjectType?: 'submission' | 'staff_user' | 'channel' | 'invitation' | 'question' | 'setting' | 'corpus_key' | 'code';
	subjectId?: string;
	detail?: Record<string, string | number | boolean>;
};

/**
 * Appends a staff action to the audit log. Callers pass identifiers only: no testimony
 * content, no IP address, no user agent, no request body.
 */
export function recordAudit(entry: AuditEntry, now: Date = new Date()): void {
	db()
		.insert(auditEvent)
		.values({
			at: now,
			actorId: entry.actorId,
			action: entry.action,
			subjectType: entry.subjectType ?? null,
			subjectId: entry.subjectId ?? null,
			detail: entry.detail ?? null
		})
		.run();
}
