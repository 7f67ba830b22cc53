/** The retention tests' deployment and the testimonies, threads and records they put in it. */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach } from 'vitest';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { db } from '../db';
import {
	attachment,
	attachmentChunk,
	auditEvent,
	channelKey,
	corpusKey,
	message,
	moderationDraft,
	researchRecord,
	submission,
	type SubmissionStatus
} from '../db/schema';
import { updateRetentionSettings } from '../settings/settings';
import { writeSetting } from '../settings/store';
import { sha256 } from '../security/tokens';
import { type RetentionReason } from './retention';
import { DAY_MS, utcDay } from '../dates';

/** The job's clock. With the periods below, the cut-offs fall on 2026-05-31 (raw) and 2026-05-01 (unreviewed). */
export const NOW = new Date('2026-06-30T12:00:00Z');
export const RAW_DAYS = 30;
export const UNREVIEWED_DAYS = 60;
export const GRACE_DAYS = 30;
export const daysAgo = (days: number, from = NOW) => new Date(from.getTime() - days * DAY_MS);
export const dayOf = (date: Date) => utcDay(date);
/** A rejection whose grace period has run out. */
export const PAST_GRACE = daysAgo(GRACE_DAYS + 1);

export let channelId: string;
export let channelKeyId: number;
export let corpusKeyId: number;
export let adminId: string;

/**
 * A temporary database with one deployment and periods short enough to test, set before the
 * file's tests; each test starts without testimonies. Returns the data folder.
 */
export function useRetentionDeployment(): { dataDir: string } {
	const { dataDir } = useTemporaryDatabase();
	beforeAll(() => {
		({ channelId, adminId } = setUpTestDeployment({ admin: fakeStaffUser('moderator.one') }));
		channelKeyId = db().select().from(channelKey).where(eq(channelKey.channelId, channelId)).get()!.id;
		corpusKeyId = db().select().from(corpusKey).get()!.id;
		// Periods shorter than the defaults, written directly: an admin's lowering would wait a week.
		writeSetting('raw_retention_days', String(RAW_DAYS));
		writeSetting('unreviewed_retention_days', String(UNREVIEWED_DAYS));
		writeSetting('rejected_grace_days', String(GRACE_DAYS));
		updateRetentionSettings({ deleteVoiceAfterTranscription: true });
	});

	beforeEach(() => {
		db().delete(submission).run();
		db().delete(auditEvent).where(eq(auditEvent.action, 'submission.deleted')).run();
	});
	return { dataDir };
}

export type TestimonyFixture = {
	status?: SubmissionStatus;
	receivedDay?: string;
	decidedAt?: Date | null;
	rawDeletedAt?: Date | null;
	ciphertext?: Buffer;
};

export function addTestimony(fixture: TestimonyFixture = {}): { id: string; lookupToken: Buffer } {
	const id = randomUUID();
	const lookupToken = randomBytes(32);
	db()
		.insert(submission)
		.values({
			id,
			channelId,
			channelKeyId,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext: fixture.ciphertext ?? randomBytes(512),
			sealedDataKey: randomBytes(80),
			receiptLookupHash: sha256(lookupToken),
			replyPublicKey: randomBytes(32),
			receivedDay: fixture.receivedDay ?? dayOf(NOW),
			status: fixture.status ?? 'new',
			decidedAt: fixture.decidedAt ?? null,
			rawDeletedAt: fixture.rawDeletedAt ?? null
		})
		.run();
	return { id, lookupToken };
}

export function chunksOf(attachmentId: string) {
	return db().select().from(attachmentChunk).where(eq(attachmentChunk.attachmentId, attachmentId)).all();
}

export function addVoiceNote(
	submissionId: string,
	options: { confirmedAt?: Date; ciphertext?: Buffer; messageId?: string } = {}
): string {
	const id = randomUUID();
	const ciphertext = options.ciphertext ?? randomBytes(1024);
	db()
		.insert(attachment)
		.values({
			id,
			submissionId,
			messageId: options.messageId ?? null,
			declaredBytes: ciphertext.length,
			uploaded: true,
			transcriptConfirmedAt: options.confirmedAt ?? null
		})
		.run();
	// Two chunks, as a voice note of more than 256 KiB would have: deletion must reach each one.
	// (Cut early, so a canary placed after the first 100 bytes stays whole in the second chunk.)
	for (const [sequence, piece] of [ciphertext.subarray(0, 50), ciphertext.subarray(50)].entries()) {
		db().insert(attachmentChunk).values({ attachmentId: id, sequence, ciphertext: piece }).run();
	}
	return id;
}

/**
 * A photo or document attached to a testimony: to the server an attachment like a voice note,
 * with no message and never a transcript, so only the testimony's own deletion may take it.
 */
export function addAttachedFile(submissionId: string, ciphertext?: Buffer): string {
	return addVoiceNote(submissionId, { ciphertext });
}

export let sequence = 0;
export function addMessage(submissionId: string, direction: 'from_survivor' | 'to_survivor', sentDay: string): string {
	const id = randomUUID();
	const fromSurvivor = direction === 'from_survivor';
	db()
		.insert(message)
		.values({
			id,
			submissionId,
			direction,
			authorId: fromSurvivor ? null : adminId,
			channelKeyId: fromSurvivor ? channelKeyId : null,
			formatVersion: 1,
			nonce: fromSurvivor ? randomBytes(24) : null,
			ciphertext: randomBytes(256),
			sealedDataKey: fromSurvivor ? randomBytes(80) : null,
			sentDay,
			sequence: ++sequence
		})
		.run();
	return id;
}

export function addDraft(submissionId: string): void {
	db()
		.insert(moderationDraft)
		.values({
			submissionId,
			version: 1,
			channelKeyId,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext: randomBytes(512),
			sealedDataKey: randomBytes(80),
			updatedBy: adminId,
			updatedAt: daysAgo(45)
		})
		.run();
}

export function addResearchRecord(submissionId: string): string {
	const id = randomUUID();
	db()
		.insert(researchRecord)
		.values({
			id,
			submissionId,
			corpusKeyId,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext: randomBytes(512),
			approvedMonth: '2026-05',
			createdBy: adminId
		})
		.run();
	return id;
}

/** A testimony with everything that can hang from it at its stage. */
export function addTestimonyWithThread(fixture: TestimonyFixture): string {
	const { id } = addTestimony(fixture);
	addMessage(id, 'to_survivor', '2026-01-11');
	if (fixture.status === 'approved') addResearchRecord(id);
	if (fixture.rawDeletedAt) return id;
	addVoiceNote(id);
	addMessage(id, 'from_survivor', '2026-01-10');
	addDraft(id);
	return id;
}

export const submissionRow = (id: string) => db().select().from(submission).where(eq(submission.id, id)).get();
export const testimonyWithThread = (id: string) => ({
	submission: submissionRow(id),
	attachments: db().select().from(attachment).where(eq(attachment.submissionId, id)).all(),
	messages: db().select().from(message).where(eq(message.submissionId, id)).all(),
	draft: db().select().from(moderationDraft).where(eq(moderationDraft.submissionId, id)).get(),
	researchRecord: db().select().from(researchRecord).where(eq(researchRecord.submissionId, id)).get()
});
export const deletionEvents = () =>
	db().select().from(auditEvent).where(eq(auditEvent.action, 'submission.deleted')).all();

/**
 * Every workflow state at ages on both sides of each cut-off, with the rule that must apply
 * (null: the testimony stays as it is).
 */
export const SCENARIO: { name: string; fixture: TestimonyFixture; reason: RetentionReason | null }[] = [
	{ name: 'new, received yesterday', fixture: { status: 'new', receivedDay: '2026-06-29' }, reason: null },
	{ name: 'new, received exactly 60 days ago', fixture: { status: 'new', receivedDay: '2026-05-01' }, reason: null },
	{ name: 'new, received 61 days ago', fixture: { status: 'new', receivedDay: '2026-04-30' }, reason: 'unreviewed' },
	{ name: 'in review, received a year ago', fixture: { status: 'in_review', receivedDay: '2025-06-01' }, reason: null },
	{ name: 'waiting, received a year ago', fixture: { status: 'waiting', receivedDay: '2025-06-01' }, reason: null },
	{
		name: 'rejected an hour ago (in its grace period)',
		fixture: { status: 'rejected', receivedDay: '2026-06-30', decidedAt: new Date(NOW.getTime() - 3_600_000) },
		reason: null
	},
	{
		name: 'rejected exactly 30 days ago (last moment of grace)',
		fixture: { status: 'rejected', receivedDay: '2026-05-01', decidedAt: daysAgo(30) },
		reason: null
	},
	{
		name: 'rejected 31 days ago',
		fixture: { status: 'rejected', receivedDay: '2026-05-01', decidedAt: daysAgo(31) },
		reason: 'rejected'
	},
	{
		name: 'rejected a year ago',
		fixture: { status: 'rejected', receivedDay: '2025-06-01', decidedAt: daysAgo(365) },
		reason: 'rejected'
	},
	{
		name: 'approved 29 days ago',
		fixture: { status: 'approved', receivedDay: '2026-05-20', decidedAt: daysAgo(29) },
		reason: null
	},
	{
		name: 'approved exactly 30 days ago',
		fixture: { status: 'approved', receivedDay: '2026-05-20', decidedAt: daysAgo(30) },
		reason: null
	},
	{
		name: 'approved 31 days ago',
		fixture: { status: 'approved', receivedDay: '2026-05-20', decidedAt: daysAgo(31) },
		reason: 'raw-retention'
	},
	{
		name: 'approved long ago, original already deleted',
		fixture: { status: 'approved', receivedDay: '2025-01-01', decidedAt: daysAgo(300), rawDeletedAt: daysAgo(200) },
		reason: null
	},
	{ name: 'withdrawn', fixture: { status: 'withdrawn', receivedDay: '2025-01-01' }, reason: null }
];

export type ScenarioRow = {
	name: string;
	reason: RetentionReason | null;
	before: ReturnType<typeof testimonyWithThread>;
};

export function addScenario(): Map<string, ScenarioRow> {
	const rows = new Map<string, ScenarioRow>();
	for (const { name, fixture, reason } of SCENARIO) {
		const id = addTestimonyWithThread(fixture);
		rows.set(id, { name, reason, before: testimonyWithThread(id) });
	}
	return rows;
}

export function countOrphans(): Record<string, number> {
	const client = db().$client;
	return Object.fromEntries(
		['attachment', 'message', 'moderation_draft', 'research_record'].map((table) => [
			table,
			(
				client
					.prepare(`select count(*) as n from ${table} where submission_id not in (select id from submission)`)
					.get() as { n: number }
			).n
		])
	);
}

export function snapshot() {
	const client = db().$client;
	return Object.fromEntries(
		['submission', 'attachment', 'message', 'moderation_draft', 'research_record', 'audit_event'].map((table) => [
			table,
			client.prepare(`select * from ${table} order by 1`).all()
		])
	);
}
