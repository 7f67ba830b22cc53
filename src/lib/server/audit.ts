import { db } from './db';
import { auditEvent } from './db/schema';

export type AuditAction =
	| 'setup.completed'
	| 'login.succeeded'
	| 'login.failed'
	| 'logout'
	| 'submission.opened'
	| 'submission.withdrawn'
	| 'reply.sent';

export type AuditEntry = {
	actorId: string | null;
	action: AuditAction;
	subjectType?: 'submission' | 'staff_user' | 'channel';
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
