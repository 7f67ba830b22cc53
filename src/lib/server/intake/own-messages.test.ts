import { randomBytes } from 'node:crypto';
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
import { incomingSubmission, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { addSurvivorMessage, survivorView } from './receipts';
import { survivorMessageUpload } from './schemas';
import { acceptSubmission } from './submissions';

/** A survivor's own follow-ups travel back to them sealed to their reply key, and only then. */
useTemporaryDatabase();

let channelId: string;
let reply: StaffKeyPair;
let lookupToken: Uint8Array;

const followUp = (text: string): SubmissionPayload => ({
	v: 1,
	kind: 'message',
	locale: 'uk',
	answers: [{ questionId: 'message', questionVersion: 1, text }]
});

beforeAll(async () => {
	await readyCrypto();
	({ channelId } = setUpTestDeployment());
	reply = newChannelKeyPair();
	lookupToken = randomBytes(32);
	acceptSubmission(incomingSubmission(channelId, { receiptLookupToken: lookupToken, replyPublicKey: reply.publicKey }));
});

function send(payload: SubmissionPayload, withCopy: boolean) {
	const key = currentChannelKey(channelId)!;
	const address = { channelId, channelKeyVersion: key.version, channelPublicKey: new Uint8Array(key.publicKey) };
	const sealed = encryptSubmission(payload, address, withCopy ? reply.publicKey : undefined);
	addSurvivorMessage(lookupToken, {
		id: randomBytes(16).toString('base64url'),
		channelKeyVersion: key.version,
		...sealed
	});
}

describe('a survivor’s own follow-ups in their thread', () => {
	it('come back with what their reply key needs to open them, and open to the words they sent', () => {
		send(followUp('Дякую, я ще тут.'), true);
		const [own] = survivorView(lookupToken).messages;
		expect(own.direction).toBe('from_survivor');
		expect(own.sealedReply).toBeNull();
		const sealed = own.sealedOwn!;
		const opened = decryptSubmission(
			{
				formatVersion: 1,
				nonce: fromBase64url(sealed.nonce),
				ciphertext: fromBase64url(sealed.ciphertext),
				sealedDataKey: fromBase64url(sealed.survivorSealedDataKey)
			},
			sealed.channelId,
			sealed.channelKeyVersion,
			reply
		);
		expect(opened).toEqual(followUp('Дякую, я ще тут.'));
	});

	it('come back without it when they were sent without a copy for the survivor', () => {
		send(followUp('Старе повідомлення.'), false);
		expect(survivorView(lookupToken).messages.at(-1)?.sealedOwn).toBeNull();
	});
});

describe('the follow-up request', () => {
	const body = (survivorSealedDataKey?: string) => ({
		lookupToken: toBase64url(randomBytes(32)),
		message: {
			id: randomBytes(16).toString('base64url'),
			channelKeyVersion: 1,
			formatVersion: 1,
			nonce: toBase64url(randomBytes(24)),
			ciphertext: toBase64url(randomBytes(528)),
			sealedDataKey: toBase64url(randomBytes(80)),
			...(survivorSealedDataKey === undefined ? {} : { survivorSealedDataKey })
		}
	});

	it('takes an 80-byte survivor copy, or none', () => {
		expect(v.safeParse(survivorMessageUpload, body(toBase64url(randomBytes(80)))).success).toBe(true);
		expect(v.safeParse(survivorMessageUpload, body()).success).toBe(true);
	});

	it('refuses a survivor copy of another size without echoing it', () => {
		const result = v.safeParse(survivorMessageUpload, body(toBase64url(randomBytes(79))));
		expect(result.success).toBe(false);
		const refusal = v.safeParse(survivorMessageUpload, body('canary-copy'));
		expect(refusal.success).toBe(false);
		expect(JSON.stringify(refusal.issues?.map((issue) => issue.message))).not.toContain('canary');
	});
});
