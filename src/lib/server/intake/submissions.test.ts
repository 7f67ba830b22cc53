import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealAttachedFile } from '$lib/attach/seal';
import { readyCrypto } from '$lib/crypto';
import { fakeStaffUser, incomingSubmission, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { eq } from 'drizzle-orm';
import { db } from '../db';
import { attachment, attachmentChunk, submission } from '../db/schema';
import { voiceNoteForModerator } from '../moderation/review';
import { withdraw } from './receipts';
import {
	SubmissionRejected,
	VOICE_NOTE_CHUNK_BYTES,
	acceptSubmission,
	storeAttachment,
	type IncomingSubmission
} from './submissions';
import { utcDay } from '../dates';

const { dataDir } = useTemporaryDatabase();

let channelId: string;

beforeAll(async () => {
	await readyCrypto();
	({ channelId } = setUpTestDeployment({ admin: fakeStaffUser('moderator.one') }));
});

const upload = (overrides: Partial<IncomingSubmission> = {}) => incomingSubmission(channelId, overrides);

describe('acceptSubmission', () => {
	it('commits on a connection with synchronous FULL, so "sent" means on disk', () => {
		expect(acceptSubmission(upload()).created).toBe(true);
		// 2 is FULL; NORMAL (1) may drop the last acknowledged commits on power loss.
		expect(db().$client.pragma('synchronous', { simple: true })).toBe(2);
	});

	it('stores the ciphertext with the day received and nothing finer', () => {
		const incoming = upload();
		expect(acceptSubmission(incoming, new Date('2026-03-04T23:59:30Z'))).toEqual({ created: true });
		const row = db().$client.prepare('select * from submission where id = ?').get(incoming.id) as Record<
			string,
			unknown
		>;
		expect(row.received_day).toBe('2026-03-04');
		expect(Object.keys(row).sort()).toEqual([
			'channel_id',
			'channel_key_id',
			'ciphertext',
			'decided_at',
			'facilitation_session_id',
			'format_version',
			'id',
			'nonce',
			'raw_deleted_at',
			'receipt_lookup_hash',
			'received_day',
			'reference',
			'reply_public_key',
			'sealed_data_key',
			'status',
			'survivor_messages',
			'survivor_sealed_data_key',
			'unanswered_since_day'
		]);
		expect(row.receipt_lookup_hash).not.toEqual(Buffer.from(incoming.receiptLookupToken));
	});

	it('answers a retried upload of the same testimony without creating a duplicate', () => {
		const incoming = upload();
		expect(acceptSubmission(incoming).created).toBe(true);
		expect(acceptSubmission(incoming).created).toBe(false);
		expect(
			db()
				.select()
				.from(submission)
				.all()
				.filter((row) => row.id === incoming.id)
		).toHaveLength(1);
	});

	it('refuses a different testimony that reuses an id', () => {
		const incoming = upload();
		acceptSubmission(incoming);
		expect(() => acceptSubmission({ ...incoming, ciphertext: randomBytes(528) })).toThrow(SubmissionRejected);
	});

	it('refuses a testimony sealed to a key version the channel does not use now', () => {
		expect(() => acceptSubmission(upload({ channelKeyVersion: 2 }))).toThrow(/channel key has changed/);
	});

	it('refuses an unknown channel', () => {
		expect(() => acceptSubmission(upload({ channelId: '00000000-0000-4000-8000-000000000000' }))).toThrow(
			SubmissionRejected
		);
	});

	it('refuses a receipt already in use', () => {
		const token = randomBytes(32);
		acceptSubmission(upload({ receiptLookupToken: token }));
		expect(() => acceptSubmission(upload({ receiptLookupToken: token }))).toThrow(/receipt is already in use/);
	});

	it('gives each testimony its own random reference at intake', () => {
		const incoming = upload();
		acceptSubmission(incoming);
		const row = db().select().from(submission).where(eq(submission.id, incoming.id)).get()!;
		expect(row.reference).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
		expect(utcDay(new Date('2026-01-01T00:30:00+02:00'))).toBe('2025-12-31');
	});
});

describe('storeAttachment (voice notes streamed in chunks)', () => {
	const MiB = 1024 * 1024;

	/** A testimony announcing one voice note of `bytes`, and its receipt token. */
	function testimonyWithVoiceNote(bytes: number) {
		const incoming = upload({ attachments: [{ id: randomBytes(16).toString('base64url'), bytes }] });
		acceptSubmission(incoming);
		return { submissionId: incoming.id, attachmentId: incoming.attachments![0].id, token: incoming.receiptLookupToken };
	}

	/** The bytes in pieces of odd sizes, as a network delivers them; counts what was taken. */
	function arriving(bytes: Uint8Array, pieceBytes = 65_537) {
		const taken = { bytes: 0 };
		async function* pieces() {
			for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
				const piece = bytes.subarray(offset, offset + pieceBytes);
				taken.bytes += piece.length;
				yield piece;
			}
		}
		return { pieces: pieces(), taken };
	}

	const chunkRows = (attachmentId: string) =>
		db()
			.select()
			.from(attachmentChunk)
			.where(eq(attachmentChunk.attachmentId, attachmentId))
			.orderBy(attachmentChunk.sequence)
			.all();

	it('writes a voice note as rows of at most 256 KiB and serves the same bytes back, chunk by chunk', async () => {
		const ciphertext = randomBytes(MiB + 12_345);
		const note = testimonyWithVoiceNote(ciphertext.length);
		expect(
			await storeAttachment(note.submissionId, note.attachmentId, note.token, arriving(ciphertext).pieces)
		).toEqual({ stored: true });

		const rows = chunkRows(note.attachmentId);
		expect(rows.map((row) => row.ciphertext.length)).toEqual([
			VOICE_NOTE_CHUNK_BYTES,
			VOICE_NOTE_CHUNK_BYTES,
			VOICE_NOTE_CHUNK_BYTES,
			VOICE_NOTE_CHUNK_BYTES,
			12_345
		]);
		const served = voiceNoteForModerator(note.attachmentId, [channelId]);
		expect(served.bytes).toBe(ciphertext.length);
		const pieces = [...{ [Symbol.iterator]: () => served.chunks }];
		expect(pieces.every((piece) => piece.length <= VOICE_NOTE_CHUNK_BYTES)).toBe(true);
		expect(Buffer.concat(pieces).equals(ciphertext)).toBe(true);
	});

	it('stops reading as soon as more bytes arrive than were announced, and keeps none of them', async () => {
		const note = testimonyWithVoiceNote(300_000);
		const flood = arriving(randomBytes(25 * MiB));
		const refusal = await storeAttachment(note.submissionId, note.attachmentId, note.token, flood.pieces).catch(
			(error) => error
		);
		expect(refusal).toBeInstanceOf(SubmissionRejected);
		expect(refusal.status).toBe(400);
		expect(flood.taken.bytes).toBeLessThan(300_000 + 65_537 + 1);
		expect(chunkRows(note.attachmentId)).toEqual([]);
	});

	it('reads nothing for a wrong receipt token', async () => {
		const note = testimonyWithVoiceNote(1000);
		const sent = arriving(randomBytes(1000));
		await expect(storeAttachment(note.submissionId, note.attachmentId, randomBytes(32), sent.pieces)).rejects.toThrow(
			/No voice note is expected/
		);
		expect(sent.taken.bytes).toBe(0);
	});

	it('does not serve a voice note cut off mid-upload, leaves no chunk of it, and takes a complete retry', async () => {
		const ciphertext = randomBytes(600_000);
		const note = testimonyWithVoiceNote(ciphertext.length);
		async function* cutOff() {
			yield ciphertext.subarray(0, 400_000);
			throw new Error('connection lost');
		}
		await expect(storeAttachment(note.submissionId, note.attachmentId, note.token, cutOff())).rejects.toThrow(
			'connection lost'
		);
		expect(chunkRows(note.attachmentId)).toEqual([]);
		expect(() => voiceNoteForModerator(note.attachmentId, [channelId])).toThrow(/not arrived yet/);

		expect(
			await storeAttachment(note.submissionId, note.attachmentId, note.token, arriving(ciphertext).pieces)
		).toEqual({ stored: true });
		expect(Buffer.concat(chunkRows(note.attachmentId).map((row) => row.ciphertext)).equals(ciphertext)).toBe(true);
	});

	it('answers a repeated upload of the same bytes as a success and refuses other bytes', async () => {
		const ciphertext = randomBytes(700_000);
		const note = testimonyWithVoiceNote(ciphertext.length);
		await storeAttachment(note.submissionId, note.attachmentId, note.token, arriving(ciphertext).pieces);
		expect(
			await storeAttachment(note.submissionId, note.attachmentId, note.token, arriving(ciphertext, 1000).pieces)
		).toEqual({ stored: false });
		const other = Buffer.from(ciphertext);
		other[650_000] ^= 1;
		await expect(
			storeAttachment(note.submissionId, note.attachmentId, note.token, arriving(other).pieces)
		).rejects.toThrow(/already uploaded with other content/);
		expect(Buffer.concat(chunkRows(note.attachmentId).map((row) => row.ciphertext)).equals(ciphertext)).toBe(true);
	});

	it('refuses the size announced wrongly, an empty body, and a second upload of the same note while one is under way', async () => {
		const note = testimonyWithVoiceNote(5000);
		await expect(
			storeAttachment(note.submissionId, note.attachmentId, note.token, arriving(randomBytes(4999)).pieces)
		).rejects.toThrow(/not the size/);
		await expect(
			storeAttachment(note.submissionId, note.attachmentId, note.token, arriving(new Uint8Array(0)).pieces)
		).rejects.toThrow(/empty/);

		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		async function* slow() {
			yield randomBytes(1000);
			await held;
			yield randomBytes(4000);
		}
		const first = storeAttachment(note.submissionId, note.attachmentId, note.token, slow());
		await new Promise((resolve) => setTimeout(resolve, 10));
		await expect(
			storeAttachment(note.submissionId, note.attachmentId, note.token, arriving(randomBytes(5000)).pieces)
		).rejects.toThrow(/being uploaded already/);
		release();
		expect(await first).toEqual({ stored: true });
	});

	it('stops writing when the testimony is withdrawn while its voice note arrives, and leaves no chunk', async () => {
		const note = testimonyWithVoiceNote(2 * MiB);
		const ciphertext = randomBytes(2 * MiB);
		async function* withdrawnHalfWay() {
			yield ciphertext.subarray(0, MiB);
			withdraw(note.token);
			yield ciphertext.subarray(MiB);
		}
		await expect(storeAttachment(note.submissionId, note.attachmentId, note.token, withdrawnHalfWay())).rejects.toThrow(
			/No voice note is expected/
		);
		expect(chunkRows(note.attachmentId)).toEqual([]);
		expect(db().select().from(attachment).where(eq(attachment.id, note.attachmentId)).all()).toEqual([]);
	});

	it('takes a withdrawn testimony’s photos and documents with its voice notes: no row, no chunk, no byte on disk', async () => {
		const id = () => randomBytes(16).toString('base64url');
		const letter = new TextEncoder().encode(
			`%PDF-1.4\n% ${'A letter from the housing office. '.repeat(20_000)}\n%%EOF\n`
		);
		const files = [sealAttachedFile(letter, id()), sealAttachedFile(letter.subarray(0, 4096), id())];
		const voice = { id: id(), ciphertext: randomBytes(300 * 1024) };
		const incoming = upload({
			attachments: [
				{ id: voice.id, bytes: voice.ciphertext.length },
				...files.map(({ reference, ciphertext }) => ({ id: reference.attachmentId, bytes: ciphertext.length }))
			]
		});
		acceptSubmission(incoming);
		const sent = [{ attachmentId: voice.id, ciphertext: voice.ciphertext }].concat(
			files.map(({ reference, ciphertext }) => ({
				attachmentId: reference.attachmentId,
				ciphertext: Buffer.from(ciphertext)
			}))
		);
		for (const { attachmentId, ciphertext } of sent) {
			await storeAttachment(incoming.id, attachmentId, incoming.receiptLookupToken, arriving(ciphertext).pieces);
		}
		expect(chunkRows(files[0].reference.attachmentId).length).toBeGreaterThan(1);
		const onDisk = (bytes: Uint8Array) =>
			['trips-voice.sqlite', 'trips-voice.sqlite-wal']
				.map((name) => path.join(dataDir, name))
				.some((file) => fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(bytes.subarray(1000, 1064))));
		expect(sent.every(({ ciphertext }) => onDisk(ciphertext))).toBe(true);

		withdraw(incoming.receiptLookupToken);

		expect(db().select().from(attachment).where(eq(attachment.submissionId, incoming.id)).all()).toEqual([]);
		for (const { attachmentId } of sent) expect(chunkRows(attachmentId)).toEqual([]);
		expect(sent.filter(({ ciphertext }) => onDisk(ciphertext))).toEqual([]);
	});
});
