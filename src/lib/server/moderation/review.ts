import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { recordAudit, withdrawalsFrom } from '../audit/record';
import { db } from '../db';
import {
	attachment,
	channel,
	channelKey,
	channelKeyGrant,
	corpusKey,
	corpusKeyGrant,
	message,
	moderationDraft,
	researchRecord,
	submission,
	type SubmissionStatus
} from '../db/schema';
import { StaffRefusal } from '../http/errors';
import { channelKeyGrantsFor, currentChannelKey, currentCorpusKeyVersion } from '../channels/keys';
import {
	REJECTION_REASONS,
	hasProposedRejection,
	otherModerators,
	recentRejections,
	rejectionLosses,
	rejectionState,
	type RejectionReason
} from './rejections';
import { rejectedGraceDays, rejectionsPerDay } from '../settings/settings';
import { inboxEnvelopes, voiceNoteChunks } from '../intake/submissions';
import { storeResearchImages, type ResearchImageUpload } from '../research/images';
import { utcMonth } from '../dates';
import { toBase64url } from '$lib/encoding/base64url';

export class ModerationError extends StaffRefusal {}

const b64 = (bytes: Buffer | null) => (bytes ? toBase64url(bytes) : null);

function requireTestimony(id: string, channelIds: string[]) {
	const row = channelIds.length
		? db()
				.select()
				.from(submission)
				.where(and(eq(submission.id, id), inArray(submission.channelId, channelIds)))
				.get()
		: undefined;
	if (!row) throw new ModerationError({ key: 'staff_refusals_testimony_not_found' }, 404);
	if (row.rawDeletedAt) throw new ModerationError({ key: 'staff_refusals_testimony_original_deleted' }, 410);
	return row;
}

/**
 * Everything a moderator's browser needs to work on a testimony, all of it ciphertext or
 * public: the testimony, its draft, voice-note list, thread, and the keys sealed to this
 * moderator for each channel key version involved.
 */
export function moderationView(id: string, staffId: string, channelIds: string[]) {
	const row = requireTestimony(id, channelIds);
	const draft = db().select().from(moderationDraft).where(eq(moderationDraft.submissionId, id)).get();
	const thread = db().select().from(message).where(eq(message.submissionId, id)).orderBy(asc(message.sequence)).all();
	const keyIds = [
		row.channelKeyId,
		...(draft ? [draft.channelKeyId] : []),
		...thread.flatMap((m) => (m.channelKeyId ? [m.channelKeyId] : []))
	];
	const current = currentChannelKey(row.channelId)!;
	const keys = db()
		.select({
			id: channelKey.id,
			version: channelKey.version,
			publicKey: channelKey.publicKey,
			sealed: channelKeyGrant.sealedSecretKey
		})
		.from(channelKey)
		.leftJoin(
			channelKeyGrant,
			and(eq(channelKeyGrant.channelKeyId, channelKey.id), eq(channelKeyGrant.staffUserId, staffId))
		)
		.where(inArray(channelKey.id, [...new Set([...keyIds, current.id])]))
		.all();
	const latestCorpus = currentCorpusKeyVersion();
	const corpus = latestCorpus
		? db()
				.select({ id: corpusKey.id, version: corpusKey.version, sealedKey: corpusKeyGrant.sealedKey })
				.from(corpusKey)
				.innerJoin(
					corpusKeyGrant,
					and(eq(corpusKeyGrant.corpusKeyId, corpusKey.id), eq(corpusKeyGrant.staffUserId, staffId))
				)
				.where(eq(corpusKey.id, latestCorpus.id))
				.get()
		: undefined;
	const place = db()
		.select({ name: channel.name, country: channel.country })
		.from(channel)
		.where(eq(channel.id, row.channelId))
		.get()!;
	return {
		id: row.id,
		reference: row.reference,
		receivedDay: row.receivedDay,
		channel: { id: row.channelId, ...place },
		envelope: {
			formatVersion: row.formatVersion,
			nonce: b64(row.nonce)!,
			ciphertext: b64(row.ciphertext)!,
			sealedDataKey: b64(row.sealedDataKey)!,
			channelKeyId: row.channelKeyId
		},
		replyPublicKey: b64(row.replyPublicKey)!,
		keys: Object.fromEntries(
			keys.map((key) => [
				key.id,
				{ version: key.version, publicKey: b64(key.publicKey)!, sealedSecretKey: b64(key.sealed) }
			])
		) as Record<number, { version: number; publicKey: string; sealedSecretKey: string | null }>,
		currentChannelKeyId: current.id,
		draft: draft
			? {
					version: draft.version,
					channelKeyId: draft.channelKeyId,
					nonce: b64(draft.nonce)!,
					ciphertext: b64(draft.ciphertext)!,
					sealedDataKey: b64(draft.sealedDataKey)!
				}
			: null,
		attachments: db()
			.select({
				id: attachment.id,
				bytes: attachment.declaredBytes,
				messageId: attachment.messageId,
				present: attachment.uploaded,
				confirmed: attachment.transcriptConfirmedAt
			})
			.from(attachment)
			.where(eq(attachment.submissionId, id))
			.all()
			.map((item) => ({
				id: item.id,
				bytes: item.bytes,
				messageId: item.messageId,
				present: item.present,
				transcriptConfirmed: item.confirmed !== null
			})),
		thread: thread.map((item) => ({
			id: item.id,
			direction: item.direction,
			sentDay: item.sentDay,
			channelKeyId: item.channelKeyId,
			formatVersion: item.formatVersion,
			nonce: b64(item.nonce),
			ciphertext: b64(item.ciphertext)!,
			sealedDataKey: b64(item.sealedDataKey)
		})),
		/** The corpus key this moderator holds, if it is the current one: approval needs it. */
		corpus:
			corpus && latestCorpus && corpus.id === latestCorpus.id
				? { id: corpus.id, version: corpus.version, sealedKey: b64(corpus.sealedKey)! }
				: null
	};
}

/**
 * Where the decision on a testimony stands: its status, a rejection proposed or in its grace
 * period and what rejecting would delete. Loaded apart from the testimony, so the page follows
 * each decision without fetching (and auditing as opened) the testimony again.
 */
export function decisionState(id: string, staffId: string, channelIds: string[]) {
	const row = requireTestimony(id, channelIds);
	return {
		status: row.status,
		researchRecord: Boolean(
			db().select({ id: researchRecord.id }).from(researchRecord).where(eq(researchRecord.submissionId, id)).get()
		),
		/** A rejection proposed or in its grace period, and what rejecting would delete. */
		rejection: rejectionState(id, row.status, row.decidedAt, staffId),
		rejectionLosses: rejectionLosses(id),
		rejectedGraceDays: rejectedGraceDays(),
		/** This moderator's rejections in the last 24 hours against the limit: past it, a rejection is only proposed. */
		rejectionLimit: {
			used: recentRejections(staffId),
			perDay: rejectionsPerDay(),
			otherModerators: otherModerators(row.channelId, staffId)
		}
	};
}

export type ModerationView = ReturnType<typeof moderationView>;
export type DecisionState = ReturnType<typeof decisionState>;

export type DraftUpload = {
	expectedVersion: number;
	channelKeyVersion: number;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	sealedDataKey: Uint8Array;
	confirmedTranscripts: string[];
};

/**
 * Saves the encrypted draft if nobody saved since the version this moderator opened; the
 * version check is what keeps two moderators from overwriting each other.
 */
export function saveDraft(
	id: string,
	staffId: string,
	channelIds: string[],
	upload: DraftUpload,
	now = new Date()
): number {
	return db().transaction(() => {
		const row = requireTestimony(id, channelIds);
		const key = currentChannelKey(row.channelId)!;
		if (key.version !== upload.channelKeyVersion)
			throw new ModerationError({ key: 'staff_refusals_channel_key_changed' }, 409);
		const existing = db()
			.select({ version: moderationDraft.version })
			.from(moderationDraft)
			.where(eq(moderationDraft.submissionId, id))
			.get();
		const currentVersion = existing?.version ?? 0;
		if (currentVersion !== upload.expectedVersion) {
			throw new ModerationError({ key: 'staff_refusals_testimony_saved_meanwhile' }, 409);
		}
		const values = {
			version: currentVersion + 1,
			channelKeyId: key.id,
			formatVersion: 1,
			nonce: Buffer.from(upload.nonce),
			ciphertext: Buffer.from(upload.ciphertext),
			sealedDataKey: Buffer.from(upload.sealedDataKey),
			updatedBy: staffId,
			updatedAt: now
		};
		if (existing) db().update(moderationDraft).set(values).where(eq(moderationDraft.submissionId, id)).run();
		else
			db()
				.insert(moderationDraft)
				.values({ submissionId: id, ...values })
				.run();
		if (upload.confirmedTranscripts.length > 0) {
			db()
				.update(attachment)
				.set({ transcriptConfirmedAt: now })
				.where(and(eq(attachment.submissionId, id), inArray(attachment.id, upload.confirmedTranscripts)))
				.run();
		}
		if (row.status === 'new') db().update(submission).set({ status: 'in_review' }).where(eq(submission.id, id)).run();
		recordAudit(
			{
				actorId: staffId,
				action: 'draft.saved',
				subjectType: 'submission',
				subjectId: id,
				detail: { version: currentVersion + 1 }
			},
			now
		);
		return currentVersion + 1;
	});
}

export type ResearchRecordUpload = {
	id: string;
	corpusKeyVersion: number;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	/** Photos the moderator included, blacked out and sealed in their browser; `boxes` counts the black boxes. */
	images?: (ResearchImageUpload & { boxes: number })[];
};

export type { RejectionReason };

/**
 * Approve (with the research record built and encrypted in the browser) or ask for more.
 * Rejection has its own rules (grace period, second moderator): see rejections.ts.
 */
export function decide(
	id: string,
	staffId: string,
	channelIds: string[],
	decision: { kind: 'approve'; record: ResearchRecordUpload } | { kind: 'waiting' },
	now = new Date()
): SubmissionStatus {
	return db().transaction(() => {
		const row = requireTestimony(id, channelIds);
		if (row.status === 'approved' || row.status === 'rejected') {
			throw new ModerationError({ key: `staff_refusals_testimony_already_${row.status}` }, 409);
		}
		if (hasProposedRejection(id)) {
			throw new ModerationError({ key: 'staff_refusals_rejection_proposed' }, 409);
		}
		if (decision.kind === 'approve') {
			const key = currentCorpusKeyVersion();
			if (!key || key.version !== decision.record.corpusKeyVersion) {
				throw new ModerationError({ key: 'staff_refusals_corpus_key_changed' }, 409);
			}
			db()
				.insert(researchRecord)
				.values({
					id: decision.record.id,
					submissionId: id,
					corpusKeyId: key.id,
					formatVersion: 1,
					nonce: Buffer.from(decision.record.nonce),
					ciphertext: Buffer.from(decision.record.ciphertext),
					approvedMonth: utcMonth(now),
					createdBy: staffId
				})
				.run();
			const images = decision.record.images ?? [];
			storeResearchImages(decision.record.id, key.id, images);
			db().update(submission).set({ status: 'approved', decidedAt: now }).where(eq(submission.id, id)).run();
			recordAudit({ actorId: staffId, action: 'submission.approved', subjectType: 'submission', subjectId: id }, now);
			// Ids and counts only: what a photo shows never reaches the audit log.
			for (const image of images) {
				recordAudit(
					{
						actorId: staffId,
						action: 'research_image.included',
						subjectType: 'submission',
						subjectId: id,
						detail: { recordId: decision.record.id, imageId: image.id, boxes: image.boxes }
					},
					now
				);
			}
			return 'approved';
		}
		db().update(submission).set({ status: 'waiting' }).where(eq(submission.id, id)).run();
		recordAudit({ actorId: staffId, action: 'submission.waiting', subjectType: 'submission', subjectId: id }, now);
		return 'waiting';
	});
}

export { REJECTION_REASONS, randomUUID as newRecordId };

/**
 * A voice note's ciphertext for a moderator of its testimony's channel: its length and its
 * chunks, read from the database one at a time as the answer is sent.
 */
export function voiceNoteForModerator(
	attachmentId: string,
	channelIds: string[]
): { bytes: number; chunks: Iterator<Buffer> } {
	const row = channelIds.length
		? db()
				.select({ bytes: attachment.declaredBytes, uploaded: attachment.uploaded })
				.from(attachment)
				.innerJoin(submission, eq(submission.id, attachment.submissionId))
				.where(and(eq(attachment.id, attachmentId), inArray(submission.channelId, channelIds)))
				.get()
		: undefined;
	if (!row) throw new ModerationError({ key: 'staff_refusals_voice_note_not_found' }, 404);
	if (!row.uploaded) throw new ModerationError({ key: 'staff_refusals_voice_note_not_arrived' }, 404);
	return { bytes: row.bytes, chunks: voiceNoteChunks(attachmentId) };
}

/** Testimonies per status in the given channels, for the inbox header. */
export function statusCounts(channelIds: string[]): Record<SubmissionStatus, number> {
	const counts = { new: 0, in_review: 0, waiting: 0, approved: 0, rejected: 0, withdrawn: 0 };
	if (channelIds.length === 0) return counts;
	for (const row of db()
		.select({ status: submission.status, n: count() })
		.from(submission)
		.where(inArray(submission.channelId, channelIds))
		.groupBy(submission.status)
		.all()) {
		counts[row.status] = row.n;
	}
	// Withdrawn testimonies are deleted; their audit entries still count them.
	counts.withdrawn = withdrawalsFrom(channelIds);
	return counts;
}

/** Ciphertexts of inbox testimonies and this moderator's keys for them, to read the language. */
export function inboxLanguageMaterial(staffId: string, ids: string[], channelIds: string[]) {
	const envelopes = inboxEnvelopes(ids, channelIds);
	const grants = channelKeyGrantsFor(staffId, [...new Set(envelopes.map((envelope) => envelope.channelKeyId))]);
	return {
		envelopes,
		keys: Object.fromEntries(
			grants.map((grant) => [
				grant.channelKeyId,
				{
					channelId: grant.channelId,
					version: grant.version,
					publicKey: toBase64url(grant.publicKey),
					sealedSecretKey: toBase64url(grant.sealedSecretKey)
				}
			])
		) as Record<number, { channelId: string; version: number; publicKey: string; sealedSecretKey: string }>
	};
}
