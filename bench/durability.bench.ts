import { randomBytes } from 'node:crypto';
import { beforeAll, it } from 'vitest';
import { db } from '../src/lib/server/db';
import { acceptSubmission } from '../src/lib/server/intake/submissions';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../src/lib/server/testing';

/**
 * Submit throughput of the intake's database write with synchronous=NORMAL and with FULL (what
 * the portal uses): the cost of syncing the WAL before a survivor is told "sent". Real file,
 * real disk; printed, not asserted.
 */
useTemporaryDatabase();
let channelId: string;
const SUBMISSIONS = 500;

beforeAll(() => {
	({ channelId } = setUpTestDeployment({ admin: fakeStaffUser('bench.admin') }));
});

function submitMany(): number {
	const started = performance.now();
	for (let index = 0; index < SUBMISSIONS; index++) {
		acceptSubmission({
			id: randomBytes(16).toString('base64url'),
			channelId,
			channelKeyVersion: 1,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext: randomBytes(4096),
			sealedDataKey: randomBytes(80),
			receiptLookupToken: randomBytes(32),
			replyPublicKey: randomBytes(32)
		});
	}
	return SUBMISSIONS / ((performance.now() - started) / 1000);
}

it('measures submit throughput with synchronous NORMAL and FULL', () => {
	const client = db().$client;
	for (const round of [1, 2, 3]) {
		client.pragma('synchronous = NORMAL');
		const normal = submitMany();
		client.pragma('synchronous = FULL');
		const full = submitMany();
		console.log(
			`durability round ${round}: ${Math.round(normal)} submissions/s with NORMAL, ${Math.round(full)}/s with FULL (${Math.round((1 - full / normal) * 100)} % fewer)`
		);
	}
});
