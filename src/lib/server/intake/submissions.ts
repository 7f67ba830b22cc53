import { DomainError } from '../http/errors';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../db';
import { preparedQuery } from '../db/prepared';
import { commitShared } from '../db/shared-commit';
import { withoutIndex } from '../db/columns';
import {
	attachment,
	attachmentChunk,
	channelKey,
	facilitationSession,
	submission,
	type Submission,
	type SubmissionStatus
} from '../db/schema';
import { activeChannel, currentChannelKey } from '../channels/keys';
import { sessionAcceptingTestimonies } from '../sessions/sessions';
import { constantTimeEqual, sha256 } from '../security/tokens';
import { utcDay } from '../dates';
import { newReference, referenceTaken } from './inbox';
import { admitIntake } from './budget';
import { spendProof, type CheckedProof } from './proof-of-work';
import { toBase64url } from '$lib/encoding/base64url';

export class SubmissionRejected extends DomainError {
	declare readonly status: 400 | 404 | 409 | 410;

	constructor(message: string, status: 400 | 404 | 409 | 410) {
		super(message, status);
	}
}

export type IncomingSubmission = {
	id: string;
	channelId: string;
	channelKeyVersion: number;
	formatVersion: number;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	sealedDataKey: Uint8Array;
	/** The same data key sealed to the reply key, for the survivor to read their testimony back. */
	survivorSealedDataKey?: Uint8Array;
	receiptLookupToken: Uint8Array;
	replyPublicKey: Uint8Array;
	/** Voice notes whose ciphertext follows in separate uploads. */
	attachments?: DeclaredAttachment[];
	/** The facilitated session it was given in, if any. */
	facilitationSessionId?: string;
};

export type DeclaredAttachment = { id: string; bytes: number };

/** The queries run for every testimony that arrives, built and compiled once (../db/prepared.ts). */
const submissionById = preparedQuery((database) =>
	database
		.select()
		.from(submission)
		.where(eq(submission.id, sql.placeholder('id')))
		.prepare()
);
const submissionByLookupHash = preparedQuery((database) =>
	database
		.select({ id: submission.id })
		.from(submission)
		.where(eq(submission.receiptLookupHash, sql.placeholder('receiptLookupHash')))
		.prepare()
);
const insertSubmission = preparedQuery((database) =>
	database
		.insert(submission)
		.values({
			id: sql.placeholder('id'),
			channelId: sql.placeholder('channelId'),
			channelKeyId: sql.placeholder('channelKeyId'),
			formatVersion: sql.placeholder('formatVersion'),
			nonce: sql.placeholder('nonce'),
			ciphertext: sql.placeholder('ciphertext'),
			sealedDataKey: sql.placeholder('sealedDataKey'),
			survivorSealedDataKey: sql.placeholder('survivorSealedDataKey'),
			receiptLookupHash: sql.placeholder('receiptLookupHash'),
			replyPublicKey: sql.placeholder('replyPublicKey'),
			receivedDay: sql.placeholder('receivedDay'),
			status: 'new',
			facilitationSessionId: sql.placeholder('facilitationSessionId'),
			reference: sql.placeholder('reference')
		})
		.prepare()
);

/**
 * Stores a testimony's ciphertext. The browser picks the id, so a retried upload of the same
 * testimony is recognised and answered as a success instead of creating a duplicate.
 */
export function acceptSubmission(input: IncomingSubmission, now = new Date()): { created: boolean } {
	return db().transaction(() => {
		const existing = submissionById().get({ id: input.id });
		if (existing) {
			if (isSameUpload(existing, input)) return { created: false };
			throw new SubmissionRejected('This testimony id is already used by another testimony.', 409);
		}
		const target = activeChannel(input.channelId);
		if (!target) throw new SubmissionRejected('This channel does not accept testimonies.', 404);
		const key = currentChannelKey(target.id);
		if (!key || key.version !== input.channelKeyVersion) {
			throw new SubmissionRejected('The channel key has changed. Reload the page and send again.', 409);
		}
		if (input.facilitationSessionId && !sessionAcceptingTestimonies(input.facilitationSessionId, target.id, now)) {
			throw new SubmissionRejected(
				'This group session ended more than a week ago, or belongs to another channel.',
				410
			);
		}
		const receiptLookupHash = sha256(input.receiptLookupToken);
		const clash = submissionByLookupHash().get({ receiptLookupHash });
		if (clash) throw new SubmissionRejected('This receipt is already in use. Send again for a new one.', 409);
		insertSubmission().run({
			id: input.id,
			channelId: target.id,
			channelKeyId: key.id,
			formatVersion: input.formatVersion,
			nonce: Buffer.from(input.nonce),
			ciphertext: Buffer.from(input.ciphertext),
			sealedDataKey: Buffer.from(input.sealedDataKey),
			survivorSealedDataKey: input.survivorSealedDataKey ? Buffer.from(input.survivorSealedDataKey) : null,
			receiptLookupHash,
			replyPublicKey: Buffer.from(input.replyPublicKey),
			receivedDay: utcDay(now),
			facilitationSessionId: input.facilitationSessionId ?? null,
			reference: freeReference()
		});
		declareAttachments(input.id, null, input.attachments ?? []);
		return { created: true };
	});
}

/**
 * A survivor's testimony as it arrives at the anonymous endpoint: spends its proof of work,
 * draws on the intake budget and stores it, in one savepoint of a commit shared with the other
 * testimonies arriving at the same moment (./shared-commit.ts), so with one sync to disk for
 * them all. What each step did on its own still holds: a proof is spent even when the budget or
 * the testimony is then refused, so a refused proof cannot be sent again, and a testimony the
 * domain refuses has still spent budget. Only a replayed proof (refused as it is spent) writes
 * nothing. The promise settles after the commit returns, and the connection commits with
 * synchronous FULL: "sent" still means on disk. Should the commit itself fail, the budget has
 * counted in memory a testimony the file lacks, which only errs on the side of refusing.
 */
export async function acceptPaidSubmission(
	proof: CheckedProof,
	input: IncomingSubmission,
	now = new Date()
): Promise<{ created: boolean }> {
	const outcome = await commitShared((): { created: boolean } | { refused: DomainError } => {
		spendProof(proof, input.id, now);
		try {
			admitIntake('testimony', input.ciphertext.byteLength, now);
			// A transaction inside a transaction is a savepoint: a refusal undoes only the testimony.
			return acceptSubmission(input, now);
		} catch (cause) {
			if (cause instanceof DomainError) return { refused: cause };
			throw cause;
		}
	});
	if ('refused' in outcome) throw outcome.refused;
	return outcome;
}

/** A reference no other testimony has: a clash among 29^8 is rare, five in a row is not going to happen. */
function freeReference(): string {
	for (let attempt = 0; attempt < 5; attempt++) {
		const reference = newReference();
		if (!referenceTaken(reference)) return reference;
	}
	throw new Error('No free testimony reference after five draws.');
}

/** Records the voice notes a testimony or message announces; their ciphertext comes later. */
export function declareAttachments(
	submissionId: string,
	messageId: string | null,
	declared: DeclaredAttachment[]
): void {
	for (const item of declared) {
		const clash = db().select({ id: attachment.id }).from(attachment).where(eq(attachment.id, item.id)).get();
		if (clash) throw new SubmissionRejected('A voice note id is already used.', 409);
		db().insert(attachment).values({ id: item.id, submissionId, messageId, declaredBytes: item.bytes }).run();
	}
}

/** Voice notes are stored and served in pieces of this size (attachment_chunk rows). */
export const VOICE_NOTE_CHUNK_BYTES = 256 * 1024;

/** Voice notes whose upload is being written now: a second upload of one waits its turn. */
const uploadsUnderWay = new Set<string>();

/**
 * Stores a declared voice note's ciphertext as it arrives, in chunks of 256 KiB, never holding
 * the whole note in memory. Only the holder of the testimony's receipt can upload (the lookup
 * token is checked against its hash before a byte is read), more bytes than announced stop the
 * upload at once, and a repeated upload of the same bytes is answered as a success. The note is
 * served only once every chunk is written (`uploaded`); a broken upload leaves nothing behind.
 */
export async function storeAttachment(
	submissionId: string,
	attachmentId: string,
	receiptLookupToken: Uint8Array,
	pieces: AsyncIterable<Uint8Array>,
	/** Called with the announced size before a new voice note's first byte is written (intake budgets). */
	admit: (declaredBytes: number) => void = () => {}
): Promise<{ stored: boolean }> {
	const row = db()
		.select({
			declaredBytes: attachment.declaredBytes,
			uploaded: attachment.uploaded,
			lookupHash: submission.receiptLookupHash
		})
		.from(attachment)
		.innerJoin(submission, eq(submission.id, attachment.submissionId))
		.where(and(eq(attachment.id, attachmentId), eq(attachment.submissionId, submissionId)))
		.get();
	if (!row || !constantTimeEqual(row.lookupHash, sha256(receiptLookupToken))) {
		throw new SubmissionRejected('No voice note is expected here.', 404);
	}
	if (uploadsUnderWay.has(attachmentId)) {
		throw new SubmissionRejected('This voice note is being uploaded already. Try again in a minute.', 409);
	}
	uploadsUnderWay.add(attachmentId);
	try {
		if (row.uploaded) {
			const same = await sameAsStored(attachmentId, row.declaredBytes, pieces);
			if (same) return { stored: false };
			throw new SubmissionRejected('This voice note was already uploaded with other content.', 409);
		}
		admit(row.declaredBytes);
		try {
			await writeChunks(attachmentId, row.declaredBytes, pieces);
		} catch (cause) {
			db().delete(attachmentChunk).where(eq(attachmentChunk.attachmentId, attachmentId)).run();
			throw cause;
		}
		return { stored: true };
	} finally {
		uploadsUnderWay.delete(attachmentId);
	}
}

/** Cuts the arriving bytes into chunks of VOICE_NOTE_CHUNK_BYTES, each handed on when full. */
async function* inChunks(pieces: AsyncIterable<Uint8Array>, declaredBytes: number): AsyncGenerator<Uint8Array> {
	let chunk = new Uint8Array(VOICE_NOTE_CHUNK_BYTES);
	let filled = 0;
	let total = 0;
	for await (const piece of pieces) {
		total += piece.byteLength;
		if (total > declaredBytes) throw new SubmissionRejected('The voice note is not the size that was announced.', 400);
		for (let offset = 0; offset < piece.byteLength;) {
			const taken = Math.min(piece.byteLength - offset, VOICE_NOTE_CHUNK_BYTES - filled);
			chunk.set(piece.subarray(offset, offset + taken), filled);
			filled += taken;
			offset += taken;
			if (filled === VOICE_NOTE_CHUNK_BYTES) {
				yield chunk;
				chunk = new Uint8Array(VOICE_NOTE_CHUNK_BYTES);
				filled = 0;
			}
		}
	}
	if (total === 0) throw new SubmissionRejected('The voice note is empty.', 400);
	if (total !== declaredBytes) throw new SubmissionRejected('The voice note is not the size that was announced.', 400);
	if (filled > 0) yield chunk.subarray(0, filled);
}

async function writeChunks(
	attachmentId: string,
	declaredBytes: number,
	pieces: AsyncIterable<Uint8Array>
): Promise<void> {
	// Leftovers of an upload cut off earlier (a lost connection, a restart) are replaced.
	db().delete(attachmentChunk).where(eq(attachmentChunk.attachmentId, attachmentId)).run();
	let sequence = 0;
	for await (const chunk of inChunks(pieces, declaredBytes)) {
		const index = sequence++;
		db().transaction(() => {
			// The testimony may have been withdrawn while its voice note was still arriving.
			if (!db().select({ id: attachment.id }).from(attachment).where(eq(attachment.id, attachmentId)).get()) {
				throw new SubmissionRejected('No voice note is expected here.', 404);
			}
			db()
				.insert(attachmentChunk)
				.values({ attachmentId, sequence: index, ciphertext: Buffer.from(chunk) })
				.run();
		});
	}
	const marked = db().update(attachment).set({ uploaded: true }).where(eq(attachment.id, attachmentId)).run();
	if (marked.changes !== 1) throw new SubmissionRejected('No voice note is expected here.', 404);
}

/** Compares an upload with the stored chunks, one chunk at a time, in constant time per chunk. */
async function sameAsStored(
	attachmentId: string,
	declaredBytes: number,
	pieces: AsyncIterable<Uint8Array>
): Promise<boolean> {
	let sequence = 0;
	try {
		for await (const chunk of inChunks(pieces, declaredBytes)) {
			const stored = db()
				.select({ ciphertext: attachmentChunk.ciphertext })
				.from(attachmentChunk)
				.where(and(eq(attachmentChunk.attachmentId, attachmentId), eq(attachmentChunk.sequence, sequence++)))
				.get();
			if (!stored || !constantTimeEqual(stored.ciphertext, chunk)) return false;
		}
	} catch (cause) {
		if (cause instanceof SubmissionRejected) return false;
		throw cause;
	}
	return true;
}

/**
 * A voice note's ciphertext chunk by chunk, in order: one chunk is read from the database per
 * call, so serving it never holds the whole note in memory.
 */
export function* voiceNoteChunks(attachmentId: string): Generator<Buffer> {
	for (let sequence = 0; ; sequence++) {
		const row = db()
			.select({ ciphertext: attachmentChunk.ciphertext })
			.from(attachmentChunk)
			.where(and(eq(attachmentChunk.attachmentId, attachmentId), eq(attachmentChunk.sequence, sequence)))
			.get();
		if (!row) return;
		yield row.ciphertext;
	}
}

function isSameUpload(existing: Submission, input: IncomingSubmission): boolean {
	return (
		existing.channelId === input.channelId &&
		constantTimeEqual(existing.ciphertext, input.ciphertext) &&
		constantTimeEqual(existing.sealedDataKey, input.sealedDataKey) &&
		constantTimeEqual(existing.receiptLookupHash, sha256(input.receiptLookupToken))
	);
}

/** The facilitated sessions of the given channels, for the inbox filter. */
export function sessionsOfChannels(channelIds: string[]) {
	if (channelIds.length === 0) return [];
	return db()
		.select({ id: facilitationSession.id, label: facilitationSession.label, startsDay: facilitationSession.startsDay })
		.from(facilitationSession)
		.where(inArray(facilitationSession.channelId, channelIds))
		.orderBy(desc(facilitationSession.startsDay))
		.all();
}

/**
 * The sealed testimonies among `ids` in the given channels: the moderator's browser opens those
 * of the inbox page shown to read their languages, which the server cannot see.
 */
export function inboxEnvelopes(ids: string[], channelIds: string[]) {
	if (ids.length === 0 || channelIds.length === 0) return [];
	return inboxEnvelopesQuery(ids, channelIds)
		.all()
		.filter((row) => row.ciphertext.length > 0)
		.map((row) => ({
			id: row.id,
			channelKeyId: row.channelKeyId,
			formatVersion: row.formatVersion,
			nonce: toBase64url(row.nonce),
			ciphertext: toBase64url(row.ciphertext),
			sealedDataKey: toBase64url(row.sealedDataKey)
		}));
}

/** By the ids' own index: the channel condition only sieves the rows found. */
export function inboxEnvelopesQuery(ids: string[], channelIds: string[]) {
	return db()
		.select({
			id: submission.id,
			channelKeyId: submission.channelKeyId,
			formatVersion: submission.formatVersion,
			nonce: submission.nonce,
			ciphertext: submission.ciphertext,
			sealedDataKey: submission.sealedDataKey
		})
		.from(submission)
		.where(and(inArray(submission.id, ids), inArray(withoutIndex(submission.channelId), channelIds)));
}

export type SealedTestimony = {
	id: string;
	channelId: string;
	channelKeyId: number;
	channelKeyVersion: number;
	receivedDay: string;
	status: SubmissionStatus;
	formatVersion: number;
	nonce: string;
	ciphertext: string;
	sealedDataKey: string;
	/** Replies are sealed to this key in the moderator's browser. */
	replyPublicKey: string;
};

/** A testimony's ciphertext for a moderator of its channel, or undefined. */
export function sealedTestimony(id: string, channelIds: string[]): SealedTestimony | undefined {
	if (channelIds.length === 0) return undefined;
	const row = db()
		.select({ submission, version: channelKey.version })
		.from(submission)
		.innerJoin(channelKey, eq(channelKey.id, submission.channelKeyId))
		.where(and(eq(submission.id, id), inArray(submission.channelId, channelIds)))
		.get();
	if (!row) return undefined;
	const s = row.submission;
	return {
		id: s.id,
		channelId: s.channelId,
		channelKeyId: s.channelKeyId,
		channelKeyVersion: row.version,
		receivedDay: s.receivedDay,
		status: s.status,
		formatVersion: s.formatVersion,
		nonce: toBase64url(s.nonce),
		ciphertext: toBase64url(s.ciphertext),
		sealedDataKey: toBase64url(s.sealedDataKey),
		replyPublicKey: toBase64url(s.replyPublicKey)
	};
}

/** A new testimony becomes in review once a moderator opens it; other states stay. Returns the status. */
export function markInReview(id: string): SubmissionStatus | null {
	db()
		.update(submission)
		.set({ status: 'in_review' })
		.where(and(eq(submission.id, id), eq(submission.status, 'new')))
		.run();
	return db().select({ status: submission.status }).from(submission).where(eq(submission.id, id)).get()?.status ?? null;
}
