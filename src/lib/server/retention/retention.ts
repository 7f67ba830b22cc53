import { and, count, eq, inArray, isNotNull, isNull, lt, notInArray, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { attachment, message, moderationDraft, submission } from '../db/schema';
import { withRoomToWrite } from '../db/disk-space';
import { heldFloodDays } from '../intake/budget';
import {
	applyDueSettingChanges,
	deleteVoiceAfterTranscription,
	rawRetentionDays,
	rejectedGraceDays,
	unreviewedRetentionDays
} from '../settings/settings';
import { serverConfig, type WalCheckpoints } from '../config';
import { DAY_MS, utcDay } from '../dates';

export type RetentionReason = 'rejected' | 'raw-retention' | 'voice-transcribed' | 'unreviewed';

/** How many deletions of each kind one run made; each one has its own audit event. */
export type RetentionCounts = {
	rejected: number;
	/** Testimonies whose original was stripped, plus later survivor messages of stripped ones. */
	rawDeleted: number;
	voiceDeleted: number;
	unreviewed: number;
};

/** Rows per transaction: small enough that the server's own writes never wait long. */
const BATCH_SIZE = 100;
const FIRST_RUN_DELAY_MS = 5_000;
const RUN_INTERVAL_MS = 6 * 60 * 60 * 1000;

// Stand-ins for a stripped testimony's NOT NULL envelope: sizes of the real fields, all zeros.
const EMPTY_CIPHERTEXT = Buffer.alloc(0);
const ZERO_SEALED_DATA_KEY = Buffer.alloc(80);
const ZERO_NONCE = Buffer.alloc(24);

/**
 * Applies the retention rules (DESIGN.md §6) once: rejected testimonies once their grace period
 * (undoable by any moderator) has passed since the rejection took effect, unreviewed
 * ones after the configured days, the original of an approved testimony N days after approval
 * (its row, receipt hash and research record stay), and voice notes once transcribed.
 * Idempotent; safe beside the running server, since each batch is one immediate transaction.
 */
export function runRetention(options: { now?: Date; walCheckpoints?: WalCheckpoints } = {}): RetentionCounts {
	const now = options.now ?? new Date();
	// Lowered periods count only once their delay has passed; writing them down here audits it.
	applyDueSettingChanges(now);
	const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
	const unreviewedCutoffDay = utcDay(daysAgo(unreviewedRetentionDays(now)));
	const rawCutoff = daysAgo(rawRetentionDays(now));
	const rejectedCutoff = daysAgo(rejectedGraceDays(now));

	const rejected = deleteTestimonies(
		now,
		'rejected',
		and(eq(submission.status, 'rejected'), lt(submission.decidedAt, rejectedCutoff))
	);
	const unreviewed = deleteTestimonies(
		now,
		'unreviewed',
		and(
			eq(submission.status, 'new'),
			lt(submission.receivedDay, unreviewedCutoffDay),
			notInArray(submission.receivedDay, heldFloodDays())
		)
	);
	const rawDeleted = stripApprovedOriginals(now, rawCutoff) + deleteLateSurvivorMessages(now, rawCutoff);
	const voiceDeleted = deleteVoiceAfterTranscription() ? deleteTranscribedVoiceNotes(now) : 0;

	// Also after a run that deleted nothing: an earlier run's WAL may not have been truncated.
	purgeFreedPages(options.walCheckpoints ?? serverConfig().walCheckpoints);
	return { rejected, rawDeleted, voiceDeleted, unreviewed };
}

/**
 * Repeats `batch`, each time in its own immediate transaction, until one comes back short: a
 * batch handles at most BATCH_SIZE rows and leaves them no longer matching its condition.
 */
function inBatches(batch: () => number): number {
	let total = 0;
	for (;;) {
		const done = db().transaction(batch, { behavior: 'immediate' });
		total += done;
		if (done < BATCH_SIZE) return total;
	}
}

function auditDeletion(now: Date, submissionId: string, reason: RetentionReason, detail: Record<string, string> = {}) {
	recordAudit(
		{
			actorId: null,
			action: 'submission.deleted',
			subjectType: 'submission',
			subjectId: submissionId,
			detail: { reason, ...detail }
		},
		now
	);
}

/** Deletes whole testimonies; the foreign keys cascade to everything that hangs from them. */
function deleteTestimonies(now: Date, reason: RetentionReason, condition: SQL | undefined): number {
	return inBatches(() => {
		const ids = db()
			.select({ id: submission.id })
			.from(submission)
			.where(condition)
			.limit(BATCH_SIZE)
			.all()
			.map((row) => row.id);
		if (ids.length === 0) return 0;
		db().delete(submission).where(inArray(submission.id, ids)).run();
		for (const id of ids) auditDeletion(now, id, reason);
		return ids.length;
	});
}

/**
 * The original of an approved testimony goes; its row stays, because the research record
 * hangs from it and the survivor's receipt must still find it to withdraw everything.
 */
function stripApprovedOriginals(now: Date, cutoff: Date): number {
	const cutoffDay = utcDay(cutoff);
	return inBatches(() => {
		const ids = db()
			.select({ id: submission.id })
			.from(submission)
			.where(and(eq(submission.status, 'approved'), lt(submission.decidedAt, cutoff), isNull(submission.rawDeletedAt)))
			.limit(BATCH_SIZE)
			.all()
			.map((row) => row.id);
		if (ids.length === 0) return 0;
		db()
			.update(submission)
			.set({
				ciphertext: EMPTY_CIPHERTEXT,
				sealedDataKey: ZERO_SEALED_DATA_KEY,
				survivorSealedDataKey: null,
				nonce: ZERO_NONCE,
				rawDeletedAt: now
			})
			.where(inArray(submission.id, ids))
			.run();
		// Voice notes of the testimony itself; those of deleted messages follow by cascade, and
		// those of messages younger than the cut-off stay with their message.
		db()
			.delete(attachment)
			.where(and(inArray(attachment.submissionId, ids), isNull(attachment.messageId)))
			.run();
		db().delete(moderationDraft).where(inArray(moderationDraft.submissionId, ids)).run();
		db()
			.delete(message)
			.where(
				and(inArray(message.submissionId, ids), eq(message.direction, 'from_survivor'), lt(message.sentDay, cutoffDay))
			)
			.run();
		for (const id of ids) auditDeletion(now, id, 'raw-retention');
		return ids.length;
	});
}

/**
 * A survivor may write again after their testimony's original was deleted; such a message is
 * raw intake too and goes once it is as old as the retention period. Staff replies stay: the
 * survivor reads them with the receipt.
 */
function deleteLateSurvivorMessages(now: Date, cutoff: Date): number {
	const cutoffDay = utcDay(cutoff);
	return inBatches(() => {
		const rows = db()
			.select({ id: message.id, submissionId: message.submissionId })
			.from(message)
			.innerJoin(submission, eq(submission.id, message.submissionId))
			.where(
				and(
					eq(submission.status, 'approved'),
					isNotNull(submission.rawDeletedAt),
					eq(message.direction, 'from_survivor'),
					lt(message.sentDay, cutoffDay)
				)
			)
			.limit(BATCH_SIZE)
			.all();
		if (rows.length === 0) return 0;
		db()
			.delete(message)
			.where(
				inArray(
					message.id,
					rows.map((row) => row.id)
				)
			)
			.run();
		for (const row of rows) auditDeletion(now, row.submissionId, 'raw-retention', { messageId: row.id });
		return rows.length;
	});
}

/** A voice carries more of a person than its transcript: once confirmed, the recording goes. */
function deleteTranscribedVoiceNotes(now: Date): number {
	return inBatches(() => {
		const rows = db()
			.select({ id: attachment.id, submissionId: attachment.submissionId })
			.from(attachment)
			.where(isNotNull(attachment.transcriptConfirmedAt))
			.limit(BATCH_SIZE)
			.all();
		if (rows.length === 0) return 0;
		db()
			.delete(attachment)
			.where(
				inArray(
					attachment.id,
					rows.map((row) => row.id)
				)
			)
			.run();
		for (const row of rows) auditDeletion(now, row.submissionId, 'voice-transcribed', { attachmentId: row.id });
		return rows.length;
	});
}

/**
 * secure_delete has zeroed the freed content in the database pages, but the WAL still holds
 * the earlier page images: hand free pages back to the file system, then copy the WAL into the
 * database and truncate it, so no deleted ciphertext remains on disk. Vacuuming first means
 * the WAL is left empty rather than holding the vacuum's own pages.
 *
 * Under a replicator the truncation is its job: Litestream holds a read transaction so that no
 * one else can checkpoint, and a TRUNCATE from here would hold the write lock for the whole busy
 * timeout waiting for it, or, slipping in between, make it start a new generation. The old page
 * images then stay in the WAL file until writes after Litestream's checkpoints overwrite them,
 * and in its replica until its retention expires them (docs/replication.md).
 */
function purgeFreedPages(walCheckpoints: WalCheckpoints): void {
	const client = db().$client;
	client.exec('PRAGMA incremental_vacuum');
	if (walCheckpoints === 'replicator') {
		console.log(
			'Retention left the WAL to the replicator (WAL_CHECKPOINTS=replicator): deleted pages stay in the WAL until writes after its checkpoints overwrite them, and in the replica until its retention expires them.'
		);
		return;
	}
	const [result] = client.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
	if (result?.busy) {
		console.warn('Retention could not truncate the WAL while another connection was reading; the next run retries.');
	}
}

/**
 * Unreviewed testimonies past the limit that retention keeps because they arrived on a flood
 * day no admin has released, by day: what an admin is asked about before releasing the day.
 */
export function heldUnreviewedByDay(now = new Date()): Map<string, number> {
	const cutoffDay = utcDay(new Date(now.getTime() - unreviewedRetentionDays() * DAY_MS));
	const held = new Map<string, number>();
	const days = heldFloodDays();
	if (days.length === 0) return held;
	const rows = db()
		.select({ day: submission.receivedDay, testimonies: count() })
		.from(submission)
		.where(
			and(eq(submission.status, 'new'), lt(submission.receivedDay, cutoffDay), inArray(submission.receivedDay, days))
		)
		.groupBy(submission.receivedDay)
		.all();
	for (const row of rows) held.set(row.day, row.testimonies);
	return held;
}

export function describeRetentionRun(counts: RetentionCounts): string {
	return (
		`Retention deleted ${counts.rejected} rejected, ${counts.unreviewed} unreviewed, ` +
		`${counts.rawDeleted} raw intake after approval, ${counts.voiceDeleted} transcribed voice notes.`
	);
}

/**
 * Runs retention shortly after start and then every six hours, logging counts only (never an
 * id). The timers do not keep the process alive. Returns a function that stops the schedule.
 */
export function startRetentionSchedule(options: { intervalMs?: number; now?: () => Date } = {}): () => void {
	const run = () => {
		try {
			// Deleting needs room in the WAL too: on a full disk the reserve is given up for it.
			console.log(describeRetentionRun(withRoomToWrite(() => runRetention({ now: options.now?.() }))));
		} catch (error) {
			// The error's kind and SQLite's message only: they name tables, never survivor data.
			const name = error instanceof Error ? error.name : 'UnknownError';
			console.error(
				`Retention failed and will retry at the next run: ${name}: ${error instanceof Error ? error.message : ''}`
			);
		}
	};
	let interval: ReturnType<typeof setInterval> | undefined;
	const first = setTimeout(() => {
		run();
		interval = setInterval(run, options.intervalMs ?? RUN_INTERVAL_MS);
		interval.unref();
	}, FIRST_RUN_DELAY_MS);
	first.unref();
	return () => {
		clearTimeout(first);
		clearInterval(interval);
	};
}
