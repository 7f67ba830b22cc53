import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from './testing';
import { db } from './db';
import { submission } from './db/schema';
import { SubmissionRejected, acceptSubmission, inbox, utcDay, type IncomingSubmission } from './submissions';

useTemporaryDatabase();

let channelId: string;

beforeAll(() => {
	({ channelId } = setUpTestDeployment({ admin: fakeStaffUser('moderator.one') }));
});

function upload(overrides: Partial<IncomingSubmission> = {}): IncomingSubmission {
	return {
		id: randomBytes(16).toString('base64url'),
		channelId,
		channelKeyVersion: 1,
		formatVersion: 1,
		nonce: randomBytes(24),
		ciphertext: randomBytes(528),
		sealedDataKey: randomBytes(80),
		receiptLookupToken: randomBytes(32),
		replyPublicKey: randomBytes(32),
		...overrides
	};
}

describe('acceptSubmission', () => {
	it('commits on a connection with synchronous FULL, so "sent" means on disk', () => {
		expect(acceptSubmission(upload()).created).toBe(true);
		// 2 is FULL; NORMAL (1) may drop the last acknowledged commits on power loss.
		expect(db().$client.pragma('synchronous', { simple: true })).toBe(2);
	});

	it('stores the ciphertext with the day received and nothing finer', () => {
		const incoming = upload();
		expect(acceptSubmission(incoming, new Date('2026-03-04T23:59:30Z'))).toEqual({ created: true });
		const row = db().$client.prepare('select * from submission where id = ?').get(incoming.id) as Record<string, unknown>;
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
			'reply_public_key',
			'sealed_data_key',
			'status'
		]);
		expect(row.receipt_lookup_hash).not.toEqual(Buffer.from(incoming.receiptLookupToken));
	});

	it('answers a retried upload of the same testimony without creating a duplicate', () => {
		const incoming = upload();
		expect(acceptSubmission(incoming).created).toBe(true);
		expect(acceptSubmission(incoming).created).toBe(false);
		expect(db().select().from(submission).all().filter((row) => row.id === incoming.id)).toHaveLength(1);
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

	it('lists a channel inbox newest day first, with metadata only', () => {
		acceptSubmission(upload(), new Date('2099-05-01T10:00:00Z'));
		const entries = inbox([channelId]);
		expect(entries[0].receivedDay).toBe('2099-05-01');
		const days = entries.map((entry) => entry.receivedDay);
		expect(days).toEqual([...days].sort().reverse());
		expect(Object.keys(entries[0]).sort()).toEqual(['channelId', 'id', 'paddedBytes', 'receivedDay', 'sessionId', 'status']);
		expect(inbox([])).toEqual([]);
		expect(utcDay(new Date('2026-01-01T00:30:00+02:00'))).toBe('2025-12-31');
	});
});
