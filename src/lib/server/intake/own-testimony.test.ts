import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	decryptSubmission,
	encryptSubmission,
	fromBase64url,
	newChannelKeyPair,
	readyCrypto,
	toBase64url,
	type StaffKeyPair,
	type SubmissionPayload
} from '$lib/crypto';
import { currentChannelKey } from '../channels/keys';
import { db } from '../db';
import { submission } from '../db/schema';
import { incomingSubmission, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { ReceiptNotFound, survivorView, withdraw } from './receipts';
import { receiptStatusRequest, submissionUpload } from './schemas';
import { acceptSubmission } from './submissions';

/** A testimony sent with a copy for its receipt: the survivor reads it back, and only then. */
useTemporaryDatabase();

let channelId: string;

const testimony: SubmissionPayload = {
	v: 1,
	kind: 'testimony',
	locale: 'ps',
	mode: 'guided',
	consent: { research: true, quote: false, replies: true },
	answers: [{ questionId: 'housing', questionVersion: 1, text: 'زما کور له ښوونځي څخه ډېر لرې دی.' }]
};

beforeAll(async () => {
	await readyCrypto();
	({ channelId } = setUpTestDeployment());
});

/** Seals like the survivor's browser, with or without the copy for the receipt's reply key. */
function tell(withCopy: boolean): { lookupToken: Uint8Array; reply: StaffKeyPair; id: string } {
	const key = currentChannelKey(channelId)!;
	const reply = newChannelKeyPair();
	const lookupToken = randomBytes(32);
	const sealed = encryptSubmission(
		testimony,
		{ channelId, channelKeyVersion: key.version, channelPublicKey: new Uint8Array(key.publicKey) },
		withCopy ? reply.publicKey : undefined
	);
	const incoming = incomingSubmission(channelId, {
		channelKeyVersion: key.version,
		receiptLookupToken: lookupToken,
		replyPublicKey: reply.publicKey,
		...sealed
	});
	acceptSubmission(incoming);
	return { lookupToken, reply, id: incoming.id };
}

describe('a survivor’s own testimony on the check page', () => {
	it('comes back with what the receipt’s reply key needs, and opens to the answers sent', () => {
		const { lookupToken, reply } = tell(true);
		const own = survivorView(lookupToken).ownTestimony!;
		const opened = decryptSubmission(
			{
				formatVersion: 1,
				nonce: fromBase64url(own.nonce),
				ciphertext: fromBase64url(own.ciphertext),
				sealedDataKey: fromBase64url(own.survivorSealedDataKey)
			},
			own.channelId,
			own.channelKeyVersion,
			reply
		);
		expect(opened).toEqual(testimony);
	});

	it('is absent for a testimony sent before the copy existed, which still shows its status', () => {
		const { lookupToken } = tell(false);
		const view = survivorView(lookupToken);
		expect(view.ownTestimony).toBeNull();
		expect(view.status).toBe('new');
	});

	it('is absent once retention deleted the raw intake', () => {
		const { lookupToken, id } = tell(true);
		db().update(submission).set({ rawDeletedAt: new Date() }).where(eq(submission.id, id)).run();
		expect(survivorView(lookupToken).ownTestimony).toBeNull();
	});

	it('goes with the testimony when the survivor withdraws', () => {
		const { lookupToken, id } = tell(true);
		withdraw(lookupToken);
		expect(db().select().from(submission).where(eq(submission.id, id)).get()).toBeUndefined();
		expect(() => survivorView(lookupToken)).toThrow(ReceiptNotFound);
	});
});

describe('the requests that carry it', () => {
	const upload = (copy?: string) => ({
		id: randomBytes(16).toString('base64url'),
		channelId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
		channelKeyVersion: 1,
		formatVersion: 1,
		nonce: toBase64url(randomBytes(24)),
		ciphertext: toBase64url(randomBytes(528)),
		sealedDataKey: toBase64url(randomBytes(80)),
		receiptLookupToken: toBase64url(randomBytes(32)),
		replyPublicKey: toBase64url(randomBytes(32)),
		...(copy === undefined ? {} : { survivorSealedDataKey: copy })
	});

	it('takes a testimony with an 80-byte copy for the receipt, or without one', () => {
		expect(v.safeParse(submissionUpload, upload(toBase64url(randomBytes(80)))).success).toBe(true);
		expect(v.safeParse(submissionUpload, upload()).success).toBe(true);
	});

	it('refuses a copy of another size without echoing it', () => {
		expect(v.safeParse(submissionUpload, upload(toBase64url(randomBytes(81)))).success).toBe(false);
		const refusal = v.safeParse(submissionUpload, upload('canary-copy'));
		expect(refusal.success).toBe(false);
		expect(JSON.stringify(refusal.issues?.map((issue) => issue.message))).not.toContain('canary');
	});

	it('asks for the status in one of the survivor languages only', () => {
		const lookupToken = toBase64url(randomBytes(32));
		expect(v.safeParse(receiptStatusRequest, { lookupToken, locale: 'fa-AF' }).success).toBe(true);
		expect(v.safeParse(receiptStatusRequest, { lookupToken }).success).toBe(true);
		const refusal = v.safeParse(receiptStatusRequest, { lookupToken, locale: 'canary-xx' });
		expect(refusal.success).toBe(false);
		expect(JSON.stringify(refusal.issues?.map((issue) => issue.message))).not.toContain('canary');
	});
});
