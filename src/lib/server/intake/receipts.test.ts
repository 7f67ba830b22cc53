import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeStaffUser, incomingSubmission, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { db } from '../db';
import { staffUser } from '../db/schema';
import { ReceiptNotFound, addStaffReply, survivorView } from './receipts';
import { acceptSubmission } from './submissions';

useTemporaryDatabase();

let channelId: string;

beforeAll(() => {
	({ channelId } = setUpTestDeployment({ admin: fakeStaffUser('moderator.one') }));
});

function sendTestimony(): Uint8Array {
	const receiptLookupToken = randomBytes(32);
	acceptSubmission(incomingSubmission(channelId, { receiptLookupToken }));
	return receiptLookupToken;
}

describe('receipt look-ups', () => {
	it('answer every wrong token with the same 404, however many arrive, and never 429', () => {
		const refusals = new Set<string>();
		for (let i = 0; i < 200; i++) {
			try {
				survivorView(randomBytes(32));
				throw new Error('a random token opened a testimony');
			} catch (error) {
				expect(error).toBeInstanceOf(ReceiptNotFound);
				refusals.add(`${(error as ReceiptNotFound).status} ${(error as ReceiptNotFound).message}`);
			}
		}
		expect([...refusals]).toEqual(['404 Nothing was found for this receipt.']);
	});

	it('open a real testimony while wrong tokens keep arriving', () => {
		const lookupToken = sendTestimony();
		for (let i = 0; i < 100; i++) expect(() => survivorView(randomBytes(32))).toThrow(ReceiptNotFound);
		expect(survivorView(lookupToken).status).toBe('new');
	});
});

describe('ids of survivor rows', () => {
	it('are random version 4 UUIDs on the server, never time-ordered ones', () => {
		const lookupToken = sendTestimony();
		const { id } = survivorView(lookupToken);
		const adminId = db().select({ id: staffUser.id }).from(staffUser).get()!.id;
		const replies = Array.from({ length: 20 }, () => addStaffReply(id, adminId, randomBytes(80)));
		for (const reply of replies)
			expect(reply).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect([...replies].sort()).not.toEqual(replies);
	});
});
