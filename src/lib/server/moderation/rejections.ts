import { and, count, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { attachment, message, rejection, staffRole, staffUser, submission, type SubmissionStatus } from '../db/schema';
import { StaffRefusal } from '../http/errors';
import { rejectedGraceDays, rejectionsPerDay } from '../settings/settings';
import { DAY_MS, utcDay } from '../dates';

/**
 * Rejection is the one staff action that ends in deletion, so no single moderator can make it
 * final at once: a rejected testimony waits out a grace period during which any moderator of
 * its channel can undo it, and past a daily limit a rejection is only proposed until a second
 * moderator confirms it. Every step is audited.
 */

export class RejectionError extends StaffRefusal {}

/** The limit counts rejections over the trailing 24 hours, so there is no midnight to straddle. */
const LIMIT_WINDOW_MS = DAY_MS;

export const REJECTION_REASONS = ['spam', 'abuse', 'duplicate', 'out_of_scope'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export type RejectionOutcome =
	{ state: 'rejected'; deleteOn: string } | { state: 'proposed'; limit: number; otherModerators: number };

function requireOpenTestimony(id: string, channelIds: string[]) {
	const row = channelIds.length
		? db()
				.select({
					id: submission.id,
					channelId: submission.channelId,
					status: submission.status,
					decidedAt: submission.decidedAt,
					rawDeletedAt: submission.rawDeletedAt
				})
				.from(submission)
				.where(and(eq(submission.id, id), inArray(submission.channelId, channelIds)))
				.get()
		: undefined;
	if (!row) throw new RejectionError({ key: 'staff_refusals_testimony_not_found' }, 404);
	return row;
}

/** UTC day on which retention may delete a testimony rejected at `decidedAt`. */
export function deletionDay(decidedAt: Date, now = new Date()): string {
	return utcDay(new Date(decidedAt.getTime() + rejectedGraceDays(now) * DAY_MS));
}

/** Rejections this moderator made or proposed in the last 24 hours (undone ones no longer count). */
export function recentRejections(staffId: string, now = new Date()): number {
	const since = new Date(now.getTime() - LIMIT_WINDOW_MS);
	return (
		db()
			.select({ n: count() })
			.from(rejection)
			.where(and(eq(rejection.proposedBy, staffId), gt(rejection.proposedAt, since)))
			.get()?.n ?? 0
	);
}

/** Active moderators of the channel other than this one: who could confirm a proposal. */
export function otherModerators(channelId: string, staffId: string): number {
	return (
		db()
			.select({ n: count() })
			.from(staffRole)
			.innerJoin(staffUser, eq(staffUser.id, staffRole.staffUserId))
			.where(
				and(
					eq(staffRole.channelId, channelId),
					eq(staffRole.role, 'moderator'),
					ne(staffUser.id, staffId),
					isNull(staffUser.disabledAt)
				)
			)
			.get()?.n ?? 0
	);
}

function takeEffect(id: string, now: Date): string {
	db().update(submission).set({ status: 'rejected', decidedAt: now }).where(eq(submission.id, id)).run();
	return deletionDay(now, now);
}

/**
 * A moderator rejects a testimony. Within the daily limit it is rejected at once (and can be
 * undone during the grace period); past it, the rejection is proposed and the testimony keeps
 * its status until another moderator of the channel confirms.
 */
export function rejectTestimony(
	id: string,
	staffId: string,
	channelIds: string[],
	reason: RejectionReason,
	now = new Date()
): RejectionOutcome {
	return db().transaction(
		() => {
			const row = requireOpenTestimony(id, channelIds);
			if (row.rawDeletedAt) throw new RejectionError({ key: 'staff_refusals_testimony_original_deleted' }, 410);
			if (row.status === 'approved' || row.status === 'rejected' || row.status === 'withdrawn') {
				throw new RejectionError({ key: `staff_refusals_testimony_already_${row.status}` }, 409);
			}
			if (db().select({ id: rejection.submissionId }).from(rejection).where(eq(rejection.submissionId, id)).get()) {
				throw new RejectionError({ key: 'staff_refusals_rejection_waits_second' }, 409);
			}
			const limit = rejectionsPerDay(now);
			const overLimit = recentRejections(staffId, now) >= limit;
			db()
				.insert(rejection)
				.values({
					submissionId: id,
					reason,
					priorStatus: row.status,
					proposedBy: staffId,
					proposedAt: now,
					confirmedBy: overLimit ? null : staffId,
					confirmedAt: overLimit ? null : now
				})
				.run();
			if (overLimit) {
				recordAudit(
					{
						actorId: staffId,
						action: 'submission.rejection_proposed',
						subjectType: 'submission',
						subjectId: id,
						detail: { reason, limit }
					},
					now
				);
				return { state: 'proposed', limit, otherModerators: otherModerators(row.channelId, staffId) };
			}
			const deleteOn = takeEffect(id, now);
			recordAudit(
				{
					actorId: staffId,
					action: 'submission.rejected',
					subjectType: 'submission',
					subjectId: id,
					detail: { reason, deleteOn }
				},
				now
			);
			return { state: 'rejected', deleteOn };
		},
		{ behavior: 'immediate' }
	);
}

function requireProposal(id: string) {
	const proposal = db().select().from(rejection).where(eq(rejection.submissionId, id)).get();
	if (!proposal || proposal.confirmedAt)
		throw new RejectionError({ key: 'staff_refusals_rejection_none_waiting' }, 409);
	return proposal;
}

/** A second moderator of the channel confirms a proposed rejection; the grace period starts now. */
export function confirmRejection(
	id: string,
	staffId: string,
	channelIds: string[],
	now = new Date()
): { deleteOn: string } {
	return db().transaction(
		() => {
			requireOpenTestimony(id, channelIds);
			const proposal = requireProposal(id);
			if (proposal.proposedBy === staffId) {
				throw new RejectionError({ key: 'staff_refusals_rejection_own_proposal' }, 403);
			}
			db()
				.update(rejection)
				.set({ confirmedBy: staffId, confirmedAt: now })
				.where(eq(rejection.submissionId, id))
				.run();
			const deleteOn = takeEffect(id, now);
			recordAudit(
				{
					actorId: staffId,
					action: 'submission.rejection_confirmed',
					subjectType: 'submission',
					subjectId: id,
					detail: { reason: proposal.reason, proposedBy: proposal.proposedBy ?? '', deleteOn }
				},
				now
			);
			return { deleteOn };
		},
		{ behavior: 'immediate' }
	);
}

/** Any moderator of the channel, the proposer included, can drop a proposal nobody confirmed. */
export function withdrawProposal(id: string, staffId: string, channelIds: string[], now = new Date()): void {
	db().transaction(
		() => {
			requireOpenTestimony(id, channelIds);
			const proposal = requireProposal(id);
			db().delete(rejection).where(eq(rejection.submissionId, id)).run();
			recordAudit(
				{
					actorId: staffId,
					action: 'submission.rejection_withdrawn',
					subjectType: 'submission',
					subjectId: id,
					detail: { proposedBy: proposal.proposedBy ?? '' }
				},
				now
			);
		},
		{ behavior: 'immediate' }
	);
}

/**
 * Any moderator of the channel undoes a rejection during its grace period: the testimony goes
 * back to the status it had before. A testimony rejected before rejections were recorded goes
 * back to "in review".
 */
export function undoRejection(id: string, staffId: string, channelIds: string[], now = new Date()): SubmissionStatus {
	return db().transaction(
		() => {
			const row = requireOpenTestimony(id, channelIds);
			if (row.status !== 'rejected') throw new RejectionError({ key: 'staff_refusals_testimony_not_rejected' }, 409);
			const record = db().select().from(rejection).where(eq(rejection.submissionId, id)).get();
			const restored: SubmissionStatus = record?.priorStatus ?? 'in_review';
			db().update(submission).set({ status: restored, decidedAt: null }).where(eq(submission.id, id)).run();
			db().delete(rejection).where(eq(rejection.submissionId, id)).run();
			recordAudit(
				{
					actorId: staffId,
					action: 'submission.rejection_undone',
					subjectType: 'submission',
					subjectId: id,
					detail: { restored, rejectedBy: record?.proposedBy ?? '' }
				},
				now
			);
			return restored;
		},
		{ behavior: 'immediate' }
	);
}

export function hasProposedRejection(id: string): boolean {
	const row = db()
		.select({ confirmedAt: rejection.confirmedAt })
		.from(rejection)
		.where(eq(rejection.submissionId, id))
		.get();
	return Boolean(row && !row.confirmedAt);
}

export type RejectionState = {
	state: 'proposed' | 'rejected';
	reason: string;
	proposedBy: string | null;
	proposedByMe: boolean;
	proposedDay: string;
	/** For a rejected testimony: the day retention may delete it. */
	deleteOn: string | null;
	daysLeft: number | null;
};

/** What a moderator sees about a testimony's rejection, or null when none is proposed or in effect. */
export function rejectionState(
	id: string,
	status: SubmissionStatus,
	decidedAt: Date | null,
	staffId: string,
	now = new Date()
): RejectionState | null {
	const record = db()
		.select({
			reason: rejection.reason,
			proposedBy: rejection.proposedBy,
			proposer: staffUser.username,
			proposedAt: rejection.proposedAt,
			confirmedAt: rejection.confirmedAt
		})
		.from(rejection)
		.leftJoin(staffUser, eq(staffUser.id, rejection.proposedBy))
		.where(eq(rejection.submissionId, id))
		.get();
	if (status !== 'rejected' && !(record && !record.confirmedAt)) return null;
	const rejected = status === 'rejected';
	return {
		state: rejected ? 'rejected' : 'proposed',
		reason: record?.reason ?? 'unknown',
		proposedBy: record?.proposer ?? null,
		proposedByMe: record?.proposedBy === staffId,
		proposedDay: utcDay(record?.proposedAt ?? decidedAt ?? now),
		...(rejected && decidedAt ? graceLeft(decidedAt, now) : { deleteOn: null, daysLeft: null })
	};
}

function graceLeft(decidedAt: Date, now: Date): { deleteOn: string; daysLeft: number } {
	const ends = decidedAt.getTime() + rejectedGraceDays(now) * DAY_MS;
	return { deleteOn: deletionDay(decidedAt, now), daysLeft: Math.max(0, Math.ceil((ends - now.getTime()) / DAY_MS)) };
}

/** For the inbox: rejected testimonies' days left and proposals waiting, by testimony id. */
export function rejectionsOfChannels(
	channelIds: string[],
	now = new Date()
): Map<string, { state: 'proposed' | 'rejected'; daysLeft: number | null; deleteOn: string | null }> {
	const states = new Map<
		string,
		{ state: 'proposed' | 'rejected'; daysLeft: number | null; deleteOn: string | null }
	>();
	if (channelIds.length === 0) return states;
	const rejected = db()
		.select({ id: submission.id, decidedAt: submission.decidedAt })
		.from(submission)
		.where(and(inArray(submission.channelId, channelIds), eq(submission.status, 'rejected')))
		.all();
	for (const row of rejected) {
		states.set(row.id, {
			state: 'rejected',
			...(row.decidedAt ? graceLeft(row.decidedAt, now) : { deleteOn: null, daysLeft: null })
		});
	}
	const proposed = db()
		.select({ id: rejection.submissionId })
		.from(rejection)
		.innerJoin(submission, eq(submission.id, rejection.submissionId))
		.where(and(inArray(submission.channelId, channelIds), isNull(rejection.confirmedAt)))
		.all();
	for (const row of proposed) states.set(row.id, { state: 'proposed', deleteOn: null, daysLeft: null });
	return states;
}

/** What a rejection would delete, for the confirmation step: counts only, never content. */
export function rejectionLosses(id: string): { voiceNotes: number; messages: number } {
	const voiceNotes = db().select({ n: count() }).from(attachment).where(eq(attachment.submissionId, id)).get()?.n ?? 0;
	const messages = db().select({ n: count() }).from(message).where(eq(message.submissionId, id)).get()?.n ?? 0;
	return { voiceNotes, messages };
}
