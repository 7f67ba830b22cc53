import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { db, openDatabase } from '../db';
import { attachment, message, moderationDraft, researchImage, researchRecord, submission } from '../db/schema';
import { storeResearchImages } from '../research/images';
import { updateRetentionSettings } from '../settings/settings';
import { survivorView, withdraw } from '../intake/receipts';
import { runRetention } from './retention';
import {
	NOW,
	PAST_GRACE,
	addDraft,
	addMessage,
	addResearchRecord,
	addScenario,
	addTestimony,
	addTestimonyWithThread,
	addAttachedFile,
	addVoiceNote,
	chunksOf,
	countOrphans,
	dayOf,
	daysAgo,
	deletionEvents,
	snapshot,
	submissionRow,
	testimonyWithThread,
	useRetentionDeployment
} from './fixtures';

const { dataDir } = useRetentionDeployment();

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

	it('deletes a rejected testimony after its grace period with its voice notes and files (every chunk), messages and draft', () => {
		const id = addTestimonyWithThread({ status: 'rejected', decidedAt: PAST_GRACE });
		const voiceNote = addVoiceNote(id);
		const file = addAttachedFile(id);
		expect(chunksOf(voiceNote)).toHaveLength(2);
		expect(chunksOf(file)).toHaveLength(2);

		expect(runRetention({ now: NOW }).rejected).toBe(1);

		expect(submissionRow(id)).toBeUndefined();
		expect(db().select().from(attachment).where(eq(attachment.submissionId, id)).all()).toEqual([]);
		expect(chunksOf(voiceNote)).toEqual([]);
		expect(chunksOf(file)).toEqual([]);
		expect(db().select().from(message).where(eq(message.submissionId, id)).all()).toEqual([]);
		expect(db().select().from(moderationDraft).where(eq(moderationDraft.submissionId, id)).all()).toEqual([]);
	});

	it('deletes the original of an approved testimony but keeps its row, receipt, research record, staff replies and younger messages', () => {
		const { id, lookupToken } = addTestimony({ status: 'approved', receivedDay: '2026-04-01', decidedAt: daysAgo(40) });
		const before = submissionRow(id)!;
		addVoiceNote(id);
		const file = addAttachedFile(id);
		addDraft(id);
		const recordId = addResearchRecord(id);
		const record = db().select().from(researchRecord).where(eq(researchRecord.id, recordId)).get();
		const photo = { id: randomUUID(), nonce: randomBytes(24), ciphertext: randomBytes(65_552) };
		storeResearchImages(recordId, record!.corpusKeyId, [photo]);
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
		expect(db().select({ id: researchImage.id }).from(researchImage).all()).toContainEqual({ id: photo.id });
		const voiceNotesLeft = db()
			.select({ id: attachment.id })
			.from(attachment)
			.where(eq(attachment.submissionId, id))
			.all();
		expect(voiceNotesLeft).toEqual([{ id: recentVoiceNote }]);
		expect(chunksOf(file)).toEqual([]);
		expect(db().select().from(moderationDraft).where(eq(moderationDraft.submissionId, id)).get()).toBeUndefined();
		const thread = db().select({ id: message.id }).from(message).where(eq(message.submissionId, id)).all();
		expect(thread.map((row) => row.id).sort()).toEqual([reply, recentMessage].sort());

		// The survivor's receipt still finds the testimony, and withdrawal still takes everything.
		expect(survivorView(lookupToken).status).toBe('research');
		withdraw(lookupToken, NOW);
		expect(submissionRow(id)).toBeUndefined();
		expect(db().select().from(researchRecord).where(eq(researchRecord.id, recordId)).get()).toBeUndefined();
		expect(db().select().from(researchImage).where(eq(researchImage.id, photo.id)).get()).toBeUndefined();
	});

	it('deletes a survivor message sent after the original was deleted once it is older than the period', () => {
		const { id } = addTestimony({
			status: 'approved',
			decidedAt: daysAgo(60),
			rawDeletedAt: daysAgo(20),
			ciphertext: Buffer.alloc(0)
		});
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
		expect(deletionEvents().map((event) => event.detail)).toEqual([
			{ reason: 'voice-transcribed', attachmentId: transcribed }
		]);
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
		const bySubject = (a: { subjectId: string | null }, b: { subjectId: string | null }) =>
			a.subjectId! < b.subjectId! ? -1 : 1;
		expect(events.map(({ subjectId, detail }) => ({ subjectId, detail })).sort(bySubject)).toEqual(
			expected.sort(bySubject)
		);
		for (const event of events) {
			expect(event).toMatchObject({ actorId: null, action: 'submission.deleted', subjectType: 'submission', at: NOW });
		}
	});

	it('works through more testimonies than one batch holds', () => {
		for (let i = 0; i < 250; i++) addTestimony({ status: 'rejected', decidedAt: PAST_GRACE });

		expect(runRetention({ now: NOW }).rejected).toBe(250);
		expect(db().select().from(submission).all()).toEqual([]);
	});

	const files = () =>
		['trips-voice.sqlite', 'trips-voice.sqlite-wal', 'trips-voice.sqlite-shm'].map((name) => path.join(dataDir, name));
	const filesContaining = (canary: Buffer) =>
		files()
			.filter((file) => fs.existsSync(file) && fs.readFileSync(file).includes(canary))
			.map((file) => path.basename(file));
	const newCanary = () => Buffer.from(`CANARY testimony words ${randomUUID()} — ጽሑፍ`, 'utf8');
	const canaryCiphertext = (canary: Buffer) => Buffer.concat([randomBytes(100), canary, randomBytes(100)]);

	describe('leaves no trace of deleted ciphertext in the database file, its WAL or its shared memory', () => {
		it.each([
			[
				'a rejected testimony',
				(ciphertext: Buffer) => addTestimony({ status: 'rejected', decidedAt: PAST_GRACE, ciphertext })
			],
			[
				'an unreviewed testimony',
				(ciphertext: Buffer) => addTestimony({ status: 'new', receivedDay: '2026-01-01', ciphertext })
			],
			[
				'the original of an approved testimony',
				(ciphertext: Buffer) => addTestimony({ status: 'approved', decidedAt: daysAgo(31), ciphertext })
			],
			[
				'a transcribed voice note',
				(ciphertext: Buffer) => addVoiceNote(addTestimony({ status: 'in_review' }).id, { confirmedAt: NOW, ciphertext })
			],
			[
				'a photo of a rejected testimony',
				(ciphertext: Buffer) =>
					addAttachedFile(addTestimony({ status: 'rejected', decidedAt: PAST_GRACE }).id, ciphertext)
			],
			[
				'a document of an approved testimony, with its original',
				(ciphertext: Buffer) =>
					addAttachedFile(addTestimony({ status: 'approved', decidedAt: daysAgo(31) }).id, ciphertext)
			],
			[
				'a document of a testimony never opened',
				(ciphertext: Buffer) =>
					addAttachedFile(addTestimony({ status: 'new', receivedDay: '2026-01-01' }).id, ciphertext)
			]
		])('of %s', (_kind, add) => {
			const canary = newCanary();
			add(canaryCiphertext(canary));
			expect(filesContaining(canary).length).toBeGreaterThan(0);

			runRetention({ now: NOW });

			expect(filesContaining(canary)).toEqual([]);
		});
	});
	describe('under a replicator that owns the WAL checkpoints (WAL_CHECKPOINTS=replicator)', () => {
		it('deletes and zeroes as before but leaves the truncation of the WAL to the replicator, and says so', () => {
			const canary = newCanary();
			const { id } = addTestimony({ status: 'rejected', decidedAt: PAST_GRACE, ciphertext: canaryCiphertext(canary) });
			const log = vi.spyOn(console, 'log').mockImplementation(() => {});
			try {
				expect(runRetention({ now: NOW, walCheckpoints: 'replicator' }).rejected).toBe(1);
				expect(log).toHaveBeenCalledWith(expect.stringContaining('Retention left the WAL to the replicator'));
			} finally {
				log.mockRestore();
			}

			expect(submissionRow(id)).toBeUndefined();
			// The row is gone from every page the database reads; its old image waits in the WAL.
			expect(filesContaining(canary)).toEqual(['trips-voice.sqlite-wal']);

			// Unset, the portal truncates the WAL itself, and the old image goes.
			runRetention({ now: NOW, walCheckpoints: 'portal' });
			expect(filesContaining(canary)).toEqual([]);
			expect(fs.statSync(path.join(dataDir, 'trips-voice.sqlite-wal')).size).toBe(0);
		});

		it("opens the database with SQLite's automatic checkpoints off, so only the replicator checkpoints", () => {
			const file = path.join(dataDir, `replicated-${randomUUID()}.sqlite`);
			const replicated = openDatabase(file, path.resolve('drizzle'), { walCheckpoints: 'replicator' }).$client;
			const ordinary = openDatabase(file, path.resolve('drizzle')).$client;
			try {
				expect(replicated.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
				expect(ordinary.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
			} finally {
				replicated.close();
				ordinary.close();
			}
		});
	});
});
