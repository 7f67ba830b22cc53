import { encryptSubmission, readyCrypto } from '$lib/crypto';
import { postSealedTestimony, readRows } from '$lib/demo/portal-api';
import type { RunningPortal } from './harness';

export { postSealedTestimony, type ReceiptParts } from '$lib/demo/portal-api';

export type ChannelAddress = { channelId: string; channelKeyVersion: number; channelPublicKey: Uint8Array };

/** The first channel's current public key, read from the portal's database as its survivor page serves it. */
export function firstChannel(portal: RunningPortal): ChannelAddress {
	const [row] = readRows<{ channel_id: string; version: number; public_key: Buffer }>(
		portal,
		'select channel_id, version, public_key from channel_key where pending = 0 order by version desc limit 1'
	);
	return {
		channelId: row.channel_id,
		channelKeyVersion: row.version,
		channelPublicKey: new Uint8Array(row.public_key)
	};
}

/** One testimony in French with `text` as its free telling, sealed by the real crypto and posted. */
export async function sendSealedTestimony(
	portal: RunningPortal,
	address: ChannelAddress,
	text: string
): Promise<{ status: number; id: string }> {
	await readyCrypto();
	const sealed = encryptSubmission(
		{
			v: 1,
			kind: 'testimony',
			locale: 'fr',
			mode: 'free',
			answers: [{ questionId: 'free', questionVersion: 1, text }]
		},
		address
	);
	const { status, id } = await postSealedTestimony(portal, address, sealed);
	return { status, id };
}
