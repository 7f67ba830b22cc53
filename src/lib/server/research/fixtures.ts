/** Research records for the domain's tests, written as an approval would write them. */
import { randomBytes, randomUUID } from 'node:crypto';
import { db } from '../db';
import { channelKey, corpusKey, researchRecord, submission } from '../db/schema';
import { sha256 } from '../security/tokens';

/** A testimony approved in `month` with a research record of the given ciphertext. */
export function addRecord(month: string, ciphertext: Buffer, submissionId = addApprovedSubmission()): string {
	const id = randomUUID();
	db()
		.insert(researchRecord)
		.values({
			id,
			submissionId,
			corpusKeyId: db().select().from(corpusKey).get()!.id,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext,
			approvedMonth: month
		})
		.run();
	return id;
}

export function addApprovedSubmission(): string {
	const id = randomUUID();
	db()
		.insert(submission)
		.values({
			id,
			channelId: db().select().from(channelKey).get()!.channelId,
			channelKeyId: db().select().from(channelKey).get()!.id,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext: randomBytes(512),
			sealedDataKey: randomBytes(80),
			receiptLookupHash: sha256(randomBytes(32)),
			replyPublicKey: randomBytes(32),
			receivedDay: '2026-03-02',
			status: 'approved'
		})
		.run();
	return id;
}
