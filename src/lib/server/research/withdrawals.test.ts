import { eq } from 'drizzle-orm';
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { channelKey, corpusKey, researchImage, researchRecord, submission } from '../db/schema';
import { withdraw } from '../intake/receipts';
import { sha256 } from '../security/tokens';
import { setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { goneRecords } from './withdrawals';
import { sealedResearchImages, storeResearchImages } from './images';

useTemporaryDatabase();

beforeAll(() => setUpTestDeployment());

/** An approved testimony with its research record; returns the record's id and the receipt's lookup token. */
function approvedTestimony(): { recordId: string; lookupToken: Uint8Array } {
	const lookupToken = randomBytes(32);
	const submissionId = randomUUID();
	const key = db().select().from(channelKey).get()!;
	db()
		.insert(submission)
		.values({
			id: submissionId,
			channelId: key.channelId,
			channelKeyId: key.id,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext: randomBytes(512),
			sealedDataKey: randomBytes(80),
			receiptLookupHash: sha256(lookupToken),
			replyPublicKey: randomBytes(32),
			receivedDay: '2026-03-02',
			status: 'approved'
		})
		.run();
	const recordId = randomUUID();
	db()
		.insert(researchRecord)
		.values({
			id: recordId,
			submissionId,
			corpusKeyId: db().select().from(corpusKey).get()!.id,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext: randomBytes(256),
			approvedMonth: '2026-03'
		})
		.run();
	return { recordId, lookupToken };
}

describe('photos of a withdrawn testimony', () => {
	it('leave the corpus with the research record, while other records keep theirs', () => {
		const kept = approvedTestimony();
		const withdrawn = approvedTestimony();
		const photo = () => ({ id: randomUUID(), nonce: randomBytes(24), ciphertext: randomBytes(65_552) });
		const keyId = db().select().from(corpusKey).get()!.id;
		storeResearchImages(kept.recordId, keyId, [photo()]);
		storeResearchImages(withdrawn.recordId, keyId, [photo(), photo()]);
		withdraw(withdrawn.lookupToken);
		expect(db().select().from(researchImage).where(eq(researchImage.recordId, withdrawn.recordId)).all()).toEqual([]);
		expect(sealedResearchImages(kept.recordId)).toHaveLength(1);
		expect(() => sealedResearchImages(withdrawn.recordId)).toThrow();
	});
});

describe('records gone since a browser opened them', () => {
	it('names the records a survivor withdrew, and nothing else', () => {
		const kept = approvedTestimony();
		const withdrawn = approvedTestimony();
		withdraw(withdrawn.lookupToken);
		expect(goneRecords([kept.recordId, withdrawn.recordId])).toEqual([withdrawn.recordId]);
	});

	it('reveals nothing about records it was not asked about, such as ones approved since', () => {
		const held = approvedTestimony();
		approvedTestimony();
		expect(goneRecords([held.recordId])).toEqual([]);
		expect(goneRecords([])).toEqual([]);
	});

	it('answers about thousands of ids at once, each once', () => {
		const held = Array.from({ length: 3 }, () => approvedTestimony().recordId);
		const unknown = Array.from({ length: 4997 }, () => randomUUID());
		const gone = goneRecords([...held, ...unknown, ...unknown.slice(0, 10)]);
		expect(gone).toHaveLength(4997);
		expect(new Set(gone)).toEqual(new Set(unknown));
	});
});
