import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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
import { survivorView, withdraw } from '../intake/receipts';
import { sha256 } from '../security/tokens';
import { runRetention, startRetentionSchedule, type RetentionReason } from './retention';
import { DAY_MS, utcDay } from '../dates';

const { dataDir } = useTemporaryDatabase();

/** The job's clock. With the periods below, the cut-offs fall on 2026-05-31 (raw) and 2026-05-01 (unreviewed). */
const NOW = new Date('2026-06-30T12:00:00Z');
const RAW_DAYS = 30;
const UNREVIEWED_DAYS = 60;
const GRACE_DAYS = 30;
const daysAgo = (days: number, from = NOW) => new Date(from.getTime() - days * DAY_MS);
const dayOf = (date: Date) => utcDay(date);
/** A rejection whose grace period has run out. */
const PAST_GRACE = daysAgo(GRACE_DAYS + 1);

let channelId: string;
let channelKeyId: number;
let corpusKeyId: number;
let adminId: string;

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

type TestimonyFixture = {
	status?: SubmissionStatus;
	receivedDay?: string;
	decidedAt?: Date | null;
	rawDeletedAt?: Date | null;
	ciphertext?: Buffer;
};

function addTestimony(fixture: TestimonyFixture = {}): { id: string; lookupToken: Buffer } {
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

function chunksOf(attachmentId: string) {
	return db().select().from(attachmentChunk).where(eq(attachmentChunk.attachmentId, attachmentId)).all();
}

function addVoiceNote(
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

let sequence = 0;
function addMessage(submissionId: string, direction: 'from_survivor' | 'to_survivor', sentDay: string): string {
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

function addDraft(submissionId: string): void {
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

function addResearchRecord(submissionId: string): string {
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
function addTestimonyWithThread(fixture: TestimonyFixture): string {
	const { id } = addTestimony(fixture);
	addMessage(id, 'to_survivor', '2026-01-11');
	if (fixture.status === 'approved') addResearchRecord(id);
	if (fixture.rawDeletedAt) return id;
	addVoiceNote(id);
	addMessage(id, 'from_survivor', '2026-01-10');
	addDraft(id);
	return id;
}

const submissionRow = (id: string) => db().select().from(submission).where(eq(submission.id, id)).get();
const testimonyWithThread = (id: string) => ({
	submission: submissionRow(id),
	attachments: db().select().from(attachment).where(eq(attachment.submissionId, id)).all(),
	messages: db().select().from(message).where(eq(message.submissionId, id)).all(),
	draft: db().select().from(moderationDraft).where(eq(moderationDraft.submissionId, id)).get(),
	researchRecord: db().select().from(researchRecord).where(eq(researchRecord.submissionId, id)).get()
});
const deletionEvents = () => db().select().from(auditEvent).where(eq(auditEvent.action, 'submission.deleted')).all();

/**
 * Every workflow state at ages on both sides of each cut-off, with the rule that must apply
 * (null: the testimony stays as it is).
 */
const SCENARIO: { name: string; fixture: TestimonyFixture; reason: RetentionReason | null }[] = [
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
	{ name: 'rejected 31 days ago', fixture: { status: 'rejected', receivedDay: '2026-05-01', decidedAt: daysAgo(31) }, reason: 'rejected' },
	{ name: 'rejected a year ago', fixture: { status: 'rejected', receivedDay: '2025-06-01', decidedAt: daysAgo(365) }, reason: 'rejected' },
	{ name: 'approved 29 days ago', fixture: { status: 'approved', receivedDay: '2026-05-20', decidedAt: daysAgo(29) }, reason: null },
	{ name: 'approved exactly 30 days ago', fixture: { status: 'approved', receivedDay: '2026-05-20', decidedAt: daysAgo(30) }, reason: null },
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

type ScenarioRow = { name: string; reason: RetentionReason | null; before: ReturnType<typeof testimonyWithThread> };

function addScenario(): Map<string, ScenarioRow> {
	const rows = new Map<string, ScenarioRow>();
	for (const { name, fixture, reason } of SCENARIO) {
		const id = addTestimonyWithThread(fixture);
		rows.set(id, { name, reason, before: testimonyWithThread(id) });
	}
	return rows;
}

function countOrphans(): Record<string, number> {
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

function snapshot() {
	const client = db().$client;
	return Object.fromEntries(
		['submission', 'attachment', 'message', 'moderation_draft', 'research_record', 'audit_event'].map((table) => [
			table,
			client.prepare(`select * from ${table} order by 1`).all()
		])
	);
}

describe('runRetention', () => {
	it('deletes exactly what each rule names from testimonies in every state and at every age', () => {
		const rows = addScenario();

		expect(runRetention({ now: NOW })).toEqual({ rejected: 2, rawDeleted: 1, voiceDeleted: 0, unreviewed: 1 });

		for (const [id, { name, reason, before }] of rows) {
			const after = testimonyWithThread(id);
			const outcome = !after.submission
				? 'deleted'
				: after.submission.rawDeletedAt?.getTime() === NOW.getTime()
					? 'stripped'
					: 'unchanged';
			const expected = reason === null ? 'unchanged' : reason === 'raw-retention' ? 'stripped' : 'deleted';
			expect(`${name}: ${outcome}`).toBe(`${name}: ${expected}`);
			if (outcome === 'unchanged') expect(after, name).toEqual(before);
		}
	});

	it('deletes a rejected testimony after its grace period with its voice notes (every chunk), messages and draft', () => {
		const id = addTestimonyWithThread({ status: 'rejected', decidedAt: PAST_GRACE });
		const voiceNote = addVoiceNote(id);
		expect(chunksOf(voiceNote)).toHaveLength(2);

		expect(runRetention({ now: NOW }).rejected).toBe(1);

		expect(submissionRow(id)).toBeUndefined();
		expect(db().select().from(attachment).where(eq(attachment.submissionId, id)).all()).toEqual([]);
		expect(chunksOf(voiceNote)).toEqual([]);
		expect(db().select().from(message).where(eq(message.submissionId, id)).all()).toEqual([]);
		expect(db().select().from(moderationDraft).where(eq(moderationDraft.submissionId, id)).all()).toEqual([]);
	});

	it('deletes the original of an approved testimony but keeps its row, receipt, research record, staff replies and younger messages', () => {
		const { id, lookupToken } = addTestimony({ status: 'approved', receivedDay: '2026-04-01', decidedAt: daysAgo(40) });
		const before = submissionRow(id)!;
		addVoiceNote(id);
		addDraft(id);
		const recordId = addResearchRecord(id);
		const record = db().select().from(researchRecord).where(eq(researchRecord.id, recordId)).get();
		addVoiceNote(id, { messageId: addMessage(id, 'from_survivor', '2026-04-02') });
		const reply = addMessage(id, 'to_survivor', '2026-04-03');
		const recentMessage = addMessage(id, 'from_survivor', '2026-06-25');
		const recentVoiceNote = addVoiceNote(id, { messageId: recentMessage });

		expect(runRetention({ now: NOW }).rawDeleted).toBe(1);

		const after = submissionRow(id)!;
		expect(after.ciphertext).toEqual(Buffer.alloc(0));
		expect(after.sealedDataKey).toEqual(Buffer.alloc(80));
		expect(after.nonce).toEqual(Buffer.alloc(24));
		expect(after.rawDeletedAt).toEqual(NOW);
		expect(after.status).toBe('approved');
		expect(after.receiptLookupHash).toEqual(before.receiptLookupHash);
		expect(after.replyPublicKey).toEqual(before.replyPublicKey);
		expect(db().select().from(researchRecord).where(eq(researchRecord.id, recordId)).get()).toEqual(record);
		const voiceNotesLeft = db().select({ id: attachment.id }).from(attachment).where(eq(attachment.submissionId, id)).all();
		expect(voiceNotesLeft).toEqual([{ id: recentVoiceNote }]);
		expect(db().select().from(moderationDraft).where(eq(moderationDraft.submissionId, id)).get()).toBeUndefined();
		const thread = db().select({ id: message.id }).from(message).where(eq(message.submissionId, id)).all();
		expect(thread.map((row) => row.id).sort()).toEqual([reply, recentMessage].sort());

		// The survivor's receipt still finds the testimony, and withdrawal still takes everything.
		expect(survivorView(lookupToken).status).toBe('research');
		withdraw(lookupToken, NOW);
		expect(submissionRow(id)).toBeUndefined();
		expect(db().select().from(researchRecord).where(eq(researchRecord.id, recordId)).get()).toBeUndefined();
	});

	it('deletes a survivor message sent after the original was deleted once it is older than the period', () => {
		const { id } = addTestimony({ status: 'approved', decidedAt: daysAgo(60), rawDeletedAt: daysAgo(20), ciphertext: Buffer.alloc(0) });
		const late = addMessage(id, 'from_survivor', dayOf(daysAgo(10)));

		expect(runRetention({ now: NOW }).rawDeleted).toBe(0);
		const later = daysAgo(-21);
		expect(runRetention({ now: later }).rawDeleted).toBe(1);

		expect(db().select().from(message).where(eq(message.id, late)).get()).toBeUndefined();
		expect(submissionRow(id)!.rawDeletedAt).toEqual(daysAgo(20));
		expect(deletionEvents().map((event) => event.detail)).toEqual([{ reason: 'raw-retention', messageId: late }]);
	});

	it('deletes a voice note once its transcript is confirmed, and no other', () => {
		const { id } = addTestimony({ status: 'in_review' });
		const transcribed = addVoiceNote(id, { confirmedAt: daysAgo(1) });
		const untranscribed = addVoiceNote(id);

		expect(runRetention({ now: NOW })).toEqual({ rejected: 0, rawDeleted: 0, voiceDeleted: 1, unreviewed: 0 });

		const left = db().select({ id: attachment.id }).from(attachment).where(eq(attachment.submissionId, id)).all();
		expect(left).toEqual([{ id: untranscribed }]);
		expect(chunksOf(transcribed)).toEqual([]);
		expect(chunksOf(untranscribed)).toHaveLength(2);
		expect(submissionRow(id)).toBeDefined();
		expect(deletionEvents().map((event) => event.detail)).toEqual([{ reason: 'voice-transcribed', attachmentId: transcribed }]);
	});

	it('keeps transcribed voice notes when the deployment chose to keep them', () => {
		const { id } = addTestimony({ status: 'in_review' });
		addVoiceNote(id, { confirmedAt: daysAgo(1) });
		updateRetentionSettings({ deleteVoiceAfterTranscription: false });
		try {
			expect(runRetention({ now: NOW }).voiceDeleted).toBe(0);
			expect(db().select().from(attachment).where(eq(attachment.submissionId, id)).all()).toHaveLength(1);
		} finally {
			updateRetentionSettings({ deleteVoiceAfterTranscription: true });
		}
	});

	it('changes nothing when run a second time', () => {
		addScenario();
		addTestimonyWithThread({ status: 'approved', decidedAt: daysAgo(31) });
		const { id } = addTestimony({ status: 'waiting' });
		addVoiceNote(id, { confirmedAt: daysAgo(2) });
		runRetention({ now: NOW });
		const afterFirst = snapshot();

		expect(runRetention({ now: NOW })).toEqual({ rejected: 0, rawDeleted: 0, voiceDeleted: 0, unreviewed: 0 });
		expect(snapshot()).toEqual(afterFirst);
	});

	it('leaves no voice note, message, draft or research record whose testimony is gone', () => {
		addTestimonyWithThread({ status: 'rejected', decidedAt: PAST_GRACE });
		addTestimonyWithThread({ status: 'new', receivedDay: '2026-01-01' });
		addTestimonyWithThread({ status: 'approved', decidedAt: daysAgo(31) });

		expect(runRetention({ now: NOW })).toEqual({ rejected: 1, rawDeleted: 1, voiceDeleted: 0, unreviewed: 1 });

		expect(countOrphans()).toEqual({ attachment: 0, message: 0, moderation_draft: 0, research_record: 0 });
		expect(db().$client.pragma('foreign_key_check')).toEqual([]);
	});

	it('records one audit event per deletion, with the testimony id and the reason only', () => {
		const rows = addScenario();
		const { id: voiceOwner } = addTestimony({ status: 'in_review' });
		const voiceNote = addVoiceNote(voiceOwner, { confirmedAt: daysAgo(3) });

		const counts = runRetention({ now: NOW });

		const events = deletionEvents();
		expect(events).toHaveLength(counts.rejected + counts.rawDeleted + counts.voiceDeleted + counts.unreviewed);
		const expected: { subjectId: string; detail: Record<string, string> }[] = [
			...[...rows].flatMap(([id, { reason }]) => (reason ? [{ subjectId: id, detail: { reason } }] : [])),
			{ subjectId: voiceOwner, detail: { reason: 'voice-transcribed', attachmentId: voiceNote } }
		];
		const bySubject = (a: { subjectId: string | null }, b: { subjectId: string | null }) => (a.subjectId! < b.subjectId! ? -1 : 1);
		expect(events.map(({ subjectId, detail }) => ({ subjectId, detail })).sort(bySubject)).toEqual(expected.sort(bySubject));
		for (const event of events) {
			expect(event).toMatchObject({ actorId: null, action: 'submission.deleted', subjectType: 'submission', at: NOW });
		}
	});

	it('works through more testimonies than one batch holds', () => {
		for (let i = 0; i < 250; i++) addTestimony({ status: 'rejected', decidedAt: PAST_GRACE });

		expect(runRetention({ now: NOW }).rejected).toBe(250);
		expect(db().select().from(submission).all()).toEqual([]);
	});

	describe('leaves no trace of deleted ciphertext in the database file, its WAL or its shared memory', () => {
		const files = () =>
			['trips-voice.sqlite', 'trips-voice.sqlite-wal', 'trips-voice.sqlite-shm'].map((name) => path.join(dataDir, name));
		const filesContaining = (canary: Buffer) =>
			files().filter((file) => fs.existsSync(file) && fs.readFileSync(file).includes(canary)).map((file) => path.basename(file));
		const canaryCiphertext = (canary: Buffer) => Buffer.concat([randomBytes(100), canary, randomBytes(100)]);

		it.each([
			['a rejected testimony', (ciphertext: Buffer) => addTestimony({ status: 'rejected', decidedAt: PAST_GRACE, ciphertext })],
			['an unreviewed testimony', (ciphertext: Buffer) => addTestimony({ status: 'new', receivedDay: '2026-01-01', ciphertext })],
			['the original of an approved testimony', (ciphertext: Buffer) => addTestimony({ status: 'approved', decidedAt: daysAgo(31), ciphertext })],
			['a transcribed voice note', (ciphertext: Buffer) => addVoiceNote(addTestimony({ status: 'in_review' }).id, { confirmedAt: NOW, ciphertext })]
		])('of %s', (_kind, add) => {
			const canary = Buffer.from(`CANARY testimony words ${randomUUID()} — ጽሑፍ`, 'utf8');
			add(canaryCiphertext(canary));
			expect(filesContaining(canary).length).toBeGreaterThan(0);

			runRetention({ now: NOW });

			expect(filesContaining(canary)).toEqual([]);
		});
	});
});

describe('startRetentionSchedule', () => {
	afterEach(() => {
		vi.useRealTimers();
		vi.restoreAllMocks();
	});

	it('runs shortly after start and then at every interval, logging counts only, until stopped', () => {
		vi.useFakeTimers();
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const { id } = addTestimony({ status: 'rejected', decidedAt: PAST_GRACE });
		const stop = startRetentionSchedule({ intervalMs: 60_000, now: () => NOW });

		vi.advanceTimersByTime(4_999);
		expect(log).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0][0]).toMatch(/1 rejected/);
		expect(log.mock.calls[0][0]).not.toContain(id);
		expect(submissionRow(id)).toBeUndefined();

		vi.advanceTimersByTime(60_000);
		expect(log).toHaveBeenCalledTimes(2);
		expect(log.mock.calls[1][0]).toMatch(/0 rejected/);

		stop();
		vi.advanceTimersByTime(10 * 60_000);
		expect(log).toHaveBeenCalledTimes(2);
	});

	it('starts nothing when the command-line module is only imported', async () => {
		vi.useFakeTimers();
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		addTestimony({ status: 'rejected', decidedAt: PAST_GRACE });

		await import('../../../cli/retention');
		vi.advanceTimersByTime(24 * 60 * 60 * 1000);

		expect(log).not.toHaveBeenCalled();
		expect(db().select().from(submission).all()).toHaveLength(1);
	});
});
