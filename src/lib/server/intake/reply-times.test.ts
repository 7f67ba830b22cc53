import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '$lib/crypto';
import { MIN_REPLIED_TESTIMONIES } from '$lib/reply-time';
import { currentChannelKey } from '../channels/keys';
import { incomingSubmission, insertTestimony, queryPlan, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { addStaffReply, addSurvivorMessage } from './receipts';
import { acceptSubmission } from './submissions';
import { channelReplyEstimate, recentRepliesQuery, recentReplyWaits } from './reply-times';

/** What the receipt says of a channel's reply time: measured from its replied testimonies, in days. */
useTemporaryDatabase();

let channelId: string;
let channelKeyId: number;
let adminId: string;

beforeAll(async () => {
	await readyCrypto();
	const deployment = setUpTestDeployment();
	channelId = deployment.channelId;
	adminId = deployment.adminId;
	channelKeyId = currentChannelKey(channelId)!.id;
});

/** A testimony received on `receivedDay` whose first reply went out `waitDays` later (and another after). */
function repliedTestimony(receivedDay: string, waitDays: number): string {
	const id = insertTestimony({ channelId, channelKeyId, receivedDay });
	const replyDay = new Date(Date.parse(receivedDay) + waitDays * 86_400_000);
	addStaffReply(id, adminId, new Uint8Array(560), replyDay);
	addStaffReply(id, adminId, new Uint8Array(560), new Date(replyDay.getTime() + 20 * 86_400_000));
	return id;
}

describe('a channel’s reply time', () => {
	it('says nothing of timing until enough testimonies were replied to', () => {
		insertTestimony({ channelId, channelKeyId, receivedDay: '2026-03-01' });
		for (let index = 0; index < MIN_REPLIED_TESTIMONIES - 1; index++) repliedTestimony('2026-03-02', 3);
		expect(recentReplyWaits(channelId)).toEqual([3, 3, 3, 3]);
		expect(channelReplyEstimate(channelId, new Date('2026-04-01T10:00:00Z')).key).toBe('receipt_reply_usual_unknown');
	});

	it('keeps the day’s estimate until the next UTC day, then counts the new replies', () => {
		repliedTestimony('2026-03-03', 9);
		expect(channelReplyEstimate(channelId, new Date('2026-04-01T23:00:00Z')).key).toBe('receipt_reply_usual_unknown');
		expect(channelReplyEstimate(channelId, new Date('2026-04-02T01:00:00Z'))).toEqual({
			key: 'receipt_reply_usual_days',
			count: 3,
			days: 3
		});
	});

	it('measures to the first reply only, from the newest replied testimonies', () => {
		for (let index = 0; index < 3; index++) repliedTestimony('2026-03-20', 15);
		expect(recentReplyWaits(channelId, 3)).toEqual([15, 15, 15]);
		expect(recentReplyWaits(channelId, 5)).toEqual([15, 15, 15, 9, 3]);
	});

	it('does not count a survivor’s own follow-up as a reply', () => {
		const lookupToken = randomBytes(32);
		acceptSubmission(incomingSubmission(channelId, { receiptLookupToken: lookupToken }), new Date('2026-03-25'));
		addSurvivorMessage(
			lookupToken,
			{
				id: randomBytes(16).toString('base64url'),
				channelKeyVersion: 1,
				formatVersion: 1,
				nonce: randomBytes(24),
				ciphertext: randomBytes(528),
				sealedDataKey: randomBytes(80)
			},
			new Date('2026-03-26')
		);
		expect(recentReplyWaits(channelId, 1)).toEqual([15]);
	});

	it('reads the channel’s day index and each thread’s index, never scanning a table', () => {
		const plan = queryPlan(recentRepliesQuery(channelId, 30)).join('\n');
		expect(plan).toMatch(/SEARCH submission USING (COVERING )?INDEX/);
		expect(plan).toMatch(/SEARCH message USING INDEX message_submission/);
		expect(plan).not.toMatch(/SCAN (submission|message)\b/);
	});
});
