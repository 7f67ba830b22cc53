import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChannel } from '../channels/admin';
import { newChannel } from '../channels/fixtures';
import { withdraw } from '../intake/receipts';
import { acceptSubmission } from '../intake/submissions';
import { fakeStaffUser, incomingSubmission, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { statusCounts } from './review';

useTemporaryDatabase();

let channelId: string;
let otherChannelId: string;

beforeAll(() => {
	const deployment = setUpTestDeployment({ admin: fakeStaffUser('inbox.admin') });
	channelId = deployment.channelId;
	({ channelId: otherChannelId } = createChannel(
		newChannel({ grants: [{ userId: deployment.adminId, sealedKey: randomBytes(80) }] }),
		deployment.adminId
	));
});

describe('the inbox counts', () => {
	it('count testimonies their authors withdrew, per channel, though a withdrawal deletes them', () => {
		const sent = [channelId, channelId, channelId, otherChannelId].map((channel) => {
			const upload = incomingSubmission(channel);
			acceptSubmission(upload);
			return upload;
		});
		withdraw(sent[0].receiptLookupToken);
		withdraw(sent[1].receiptLookupToken);
		withdraw(sent[3].receiptLookupToken);

		expect(statusCounts([channelId])).toMatchObject({ new: 1, withdrawn: 2 });
		expect(statusCounts([otherChannelId])).toMatchObject({ new: 0, withdrawn: 1 });
		expect(statusCounts([channelId, otherChannelId]).withdrawn).toBe(3);
		expect(statusCounts([]).withdrawn).toBe(0);
	});
});
