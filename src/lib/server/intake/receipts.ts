import { DomainError } from '../http/errors';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, max, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { facilitationSession, message, submission, type Message, type Submission } from '../db/schema';
import { channelKeyById, currentChannelKey } from '../channels/keys';
import { constantTimeEqual, sha256 } from '../security/tokens';
import { utcDay } from '../dates';
import { SubmissionRejected, declareAttachments, type DeclaredAttachment } from './submissions';
import { toBase64url } from '$lib/encoding/base64url';

/** What a survivor sees of their testimony's progress; coarser than the staff workflow. */
export type SurvivorStatus = 'new' | 'read' | 'waiting' | 'research';

const SURVIVOR_STATUS: Record<Submission['status'], SurvivorStatus> = {
	new: 'new',
	in_review: 'read',
	rejected: 'read',
	waiting: 'waiting',
	approved: 'research',
	withdrawn: 'read'
};

/**
 * A receipt that opens nothing. Every miss gets the same 404 and there is deliberately no
 * failure window: a global one cannot slow a guesser (a valid token must still open its
 * testimony, so a hit is never hidden) and would only lock out survivors who mistype during a
 * flood. Guessing is held off by the receipt's Argon2id instead (docs/crypto.md §6).
 */
export class ReceiptNotFound extends DomainError {
	constructor() {
		super('Nothing was found for this receipt.', 404);
	}
}

function findByLookupToken(lookupToken: Uint8Array): Submission {
	const hash = sha256(lookupToken);
	const found = db().select().from(submission).where(eq(submission.receiptLookupHash, hash)).get();
	if (found && constantTimeEqual(found.receiptLookupHash, hash)) return found;
	throw new ReceiptNotFound();
}

/** A survivor's own testimony or follow-up as sent back to them: what their reply key needs to open it (base64url). */
export type SealedOwnMessage = {
	channelId: string;
	channelKeyVersion: number;
	nonce: string;
	ciphertext: string;
	survivorSealedDataKey: string;
};

export type ThreadMessage = {
	id: string;
	direction: 'from_survivor' | 'to_survivor';
	sentDay: string;
	/** For replies: the sealed box to the survivor's reply key, base64url. */
	sealedReply: string | null;
	/** For the survivor's follow-ups sealed to their reply key too; null for older ones. */
	sealedOwn: SealedOwnMessage | null;
};

export type SurvivorView = {
	/** The testimony's id, which only its receipt holder learns; voice notes upload under it. */
	id: string;
	status: SurvivorStatus;
	receivedDay: string;
	/** Where a follow-up message is sealed to: the channel's current key. */
	channel: { channelId: string; channelKeyVersion: number; channelPublicKey: string } | null;
	messages: ThreadMessage[];
	/** The testimony sealed to the reply key too; null when it was sent without that copy. */
	ownTestimony: SealedOwnMessage | null;
};

export function survivorView(lookupToken: Uint8Array): SurvivorView {
	const found = findByLookupToken(lookupToken);
	const thread = db()
		.select()
		.from(message)
		.where(eq(message.submissionId, found.id))
		.orderBy(asc(message.sequence))
		.all();
	const key = currentChannelKey(found.channelId);
	return {
		id: found.id,
		status: SURVIVOR_STATUS[found.status],
		receivedDay: found.receivedDay,
		channel: key
			? { channelId: found.channelId, channelKeyVersion: key.version, channelPublicKey: toBase64url(key.publicKey) }
			: null,
		messages: thread.map((row) => ({
			id: row.id,
			direction: row.direction,
			sentDay: row.sentDay,
			sealedReply: row.direction === 'to_survivor' ? toBase64url(row.ciphertext) : null,
			sealedOwn: sealedOwn(found.channelId, row)
		})),
		ownTestimony: ownTestimony(found)
	};
}

function ownTestimony(found: Submission): SealedOwnMessage | null {
	if (!found.survivorSealedDataKey || found.rawDeletedAt) return null;
	const key = channelKeyById(found.channelKeyId);
	if (!key) return null;
	return {
		channelId: found.channelId,
		channelKeyVersion: key.version,
		nonce: toBase64url(found.nonce),
		ciphertext: toBase64url(found.ciphertext),
		survivorSealedDataKey: toBase64url(found.survivorSealedDataKey)
	};
}

function sealedOwn(channelId: string, row: Message): SealedOwnMessage | null {
	if (row.direction !== 'from_survivor' || !row.survivorSealedDataKey || !row.nonce || row.channelKeyId === null)
		return null;
	const key = channelKeyById(row.channelKeyId);
	if (!key) return null;
	return {
		channelId,
		channelKeyVersion: key.version,
		nonce: toBase64url(row.nonce),
		ciphertext: toBase64url(row.ciphertext),
		survivorSealedDataKey: toBase64url(row.survivorSealedDataKey)
	};
}

function nextSequence(submissionId: string): number {
	const row = db()
		.select({ last: max(message.sequence) })
		.from(message)
		.where(eq(message.submissionId, submissionId))
		.get();
	return (row?.last ?? 0) + 1;
}

export type SurvivorMessage = {
	id: string;
	channelKeyVersion: number;
	formatVersion: number;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	sealedDataKey: Uint8Array;
	survivorSealedDataKey?: Uint8Array;
	attachments?: DeclaredAttachment[];
};

/** A survivor's follow-up, sealed to the channel's current key like a testimony. */
export function addSurvivorMessage(
	lookupToken: Uint8Array,
	input: SurvivorMessage,
	now = new Date()
): { created: boolean } {
	return db().transaction(() => {
		const found = findByLookupToken(lookupToken);
		const existing = db().select().from(message).where(eq(message.id, input.id)).get();
		if (existing) {
			if (existing.submissionId === found.id && constantTimeEqual(existing.ciphertext, input.ciphertext)) {
				return { created: false };
			}
			throw new SubmissionRejected('This message id is already used.', 409);
		}
		const key = currentChannelKey(found.channelId);
		if (!key || key.version !== input.channelKeyVersion) {
			throw new SubmissionRejected('The channel key has changed. Reload the page and send again.', 409);
		}
		db()
			.insert(message)
			.values({
				id: input.id,
				submissionId: found.id,
				direction: 'from_survivor',
				authorId: null,
				channelKeyId: key.id,
				formatVersion: input.formatVersion,
				nonce: Buffer.from(input.nonce),
				ciphertext: Buffer.from(input.ciphertext),
				sealedDataKey: Buffer.from(input.sealedDataKey),
				survivorSealedDataKey: input.survivorSealedDataKey ? Buffer.from(input.survivorSealedDataKey) : null,
				sentDay: utcDay(now),
				sequence: nextSequence(found.id)
			})
			.run();
		// For the inbox: one more message to read, and the survivor now waits for a reply.
		db()
			.update(submission)
			.set({
				survivorMessages: sql`${submission.survivorMessages} + 1`,
				unansweredSinceDay: sql`coalesce(${submission.unansweredSinceDay}, ${utcDay(now)})`
			})
			.where(eq(submission.id, found.id))
			.run();
		declareAttachments(found.id, input.id, input.attachments ?? []);
		return { created: true };
	});
}

/** A staff reply, already sealed in the moderator's browser to the survivor's reply key. */
export function addStaffReply(
	submissionId: string,
	authorId: string,
	sealedReply: Uint8Array,
	now = new Date()
): string {
	const id = randomUUID();
	db().transaction(() => {
		db()
			.insert(message)
			.values({
				id,
				submissionId,
				direction: 'to_survivor',
				authorId,
				channelKeyId: null,
				formatVersion: 1,
				nonce: null,
				ciphertext: Buffer.from(sealedReply),
				sealedDataKey: null,
				sentDay: utcDay(now),
				sequence: nextSequence(submissionId)
			})
			.run();
		db().update(submission).set({ unansweredSinceDay: null }).where(eq(submission.id, submissionId)).run();
		recordAudit({ actorId: authorId, action: 'reply.sent', subjectType: 'submission', subjectId: submissionId }, now);
	});
	return id;
}

/**
 * Withdrawal: the testimony and everything hanging from it (voice notes, messages, research
 * record, codings) go in one transaction through the foreign keys' cascades. The WAL is then
 * checkpointed so the deleted pages do not linger in it.
 */
export function withdraw(lookupToken: Uint8Array, now = new Date()): void {
	db().transaction(() => {
		const found = findByLookupToken(lookupToken);
		db()
			.delete(submission)
			.where(and(eq(submission.id, found.id)))
			.run();
		if (found.facilitationSessionId) {
			db()
				.update(facilitationSession)
				.set({ withdrawnCount: sql`${facilitationSession.withdrawnCount} + 1` })
				.where(eq(facilitationSession.id, found.facilitationSessionId))
				.run();
		}
		// The survivor's own action is recorded at day precision only.
		recordAudit(
			{
				actorId: null,
				action: 'submission.withdrawn',
				subjectType: 'submission',
				subjectId: found.id,
				// Kept so the channel's inbox can count what its survivors withdrew.
				detail: { channelId: found.channelId }
			},
			new Date(`${utcDay(now)}T00:00:00Z`)
		);
	});
	db().$client.pragma('wal_checkpoint(TRUNCATE)');
}
