import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../db';
import { auditEvent } from '../db/schema';
import { isDiskFull, releaseSpaceReserve } from '../db/disk-space';

export const AUDIT_ACTIONS = [
	'setup.completed',
	'login.succeeded',
	'login.failed',
	'login.second_factor_failed',
	'recovery.failed',
	'recovery.second_factor_failed',
	'logout',
	'session.ended',
	'keys.unlocked',
	'passphrase.changed',
	'recovery.used',
	'totp.reset',
	'totp.enrolled',
	'totp.unreadable_removed',
	'totp.reenrolment_opened',
	'invitation.created',
	'invitation.revoked',
	'enrolment.completed',
	'grant.created',
	'user.disabled',
	'user.enabled',
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
	'settings.pow_difficulty',
	'settings.change_proposed',
	'settings.change_cancelled',
	'settings.change_applied',
	'settings.speech_synthesis',
	'question.created',
	'question.updated',
	'submission.opened',
	'submission.approved',
	'research_image.included',
	'submission.rejected',
	'submission.rejection_proposed',
	'submission.rejection_confirmed',
	'submission.rejection_withdrawn',
	'submission.rejection_undone',
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
	'codebook.imported',
	'codings.imported',
	'code.created',
	'code.updated',
	'code.archived',
	'code.restored',
	'code.merged',
	'coding.round_revealed',
	'flood_day.released',
	'finding.created',
	'finding.edited',
	'finding.submitted',
	'finding.returned',
	'finding.published',
	'finding.withdrawn',
	'prompt.replaced',
	'prompt.removed'
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
	actorId: string | null;
	action: AuditAction;
	subjectType?:
		'submission' | 'staff_user' | 'channel' | 'invitation' | 'question' | 'setting' | 'corpus_key' | 'code' | 'prompt';
	subjectId?: string;
	detail?: Record<string, string | number | boolean>;
};

/**
 * Appends a staff action to the audit log. Callers pass identifiers only: no testimony
 * content, no IP address, no user agent, no request body. Returns the entry's id, or null when
 * the disk was full and the entry could not be written outside a transaction.
 */
export function recordAudit(entry: AuditEntry, now: Date = new Date()): number | null {
	const write = () => insertAuditEvent(entry, now);
	// Inside a transaction a failure must abort it (SQLite may already have rolled it back).
	if (db().$client.inTransaction) return write();
	try {
		return write();
	} catch (error) {
		if (!isDiskFull(error)) throw error;
		// On a full disk a missing audit row must not lock staff out of signing in to clean up.
		try {
			if (releaseSpaceReserve()) return write();
		} catch (retryError) {
			if (!isDiskFull(retryError)) throw retryError;
		}
		console.error(`Audit entry ${entry.action} could not be written: the disk is full.`);
		return null;
	}
}

function insertAuditEvent(entry: AuditEntry, now: Date): number {
	return db()
		.insert(auditEvent)
		.values({
			at: now,
			actorId: entry.actorId,
			action: entry.action,
			subjectType: entry.subjectType ?? null,
			subjectId: entry.subjectId ?? null,
			detail: entry.detail ?? null
		})
		.returning({ id: auditEvent.id })
		.get().id;
}

/**
 * Replaces the detail of an entry written earlier. Only for counters of repeated events
 * (failed sign-ins in one window), so a flood of failures is one entry, not one per attempt.
 */
export function updateAuditDetail(id: number, detail: Record<string, string | number | boolean>): void {
	db().update(auditEvent).set({ detail }).where(eq(auditEvent.id, id)).run();
}

/**
 * Testimonies their authors withdrew from these channels. A withdrawal deletes the testimony
 * itself; its audit entry, at day precision, keeps the channel it was sent to, so the inbox can
 * still say how many went. Entries written before they kept it are not counted.
 */
export function withdrawalsFrom(channelIds: string[]): number {
	if (channelIds.length === 0) return 0;
	return db()
		.select({ n: count() })
		.from(auditEvent)
		.where(
			and(
				eq(auditEvent.action, 'submission.withdrawn' satisfies AuditAction),
				inArray(sql`json_extract(${auditEvent.detail}, '$.channelId')`, channelIds)
			)
		)
		.get()!.n;
}
