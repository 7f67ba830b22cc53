import { randomBytes } from 'node:crypto';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { encryptSubmission, readyCrypto, toBase64url } from '$lib/crypto';
import type { RunningPortal } from './harness';
import { mintedProof } from './proofs';
import { readRows } from './staff-api';

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

/**
 * Sends one testimony over HTTP as a survivor's browser does: the text sealed to the channel key
 * by the real crypto, with a proof of work. Returns the HTTP status and the testimony's id; 201
 * is the portal's acknowledgement ("sent").
 */
export async function sendSealedTestimony(
	portal: RunningPortal,
	address: ChannelAddress,
	text: string
): Promise<{ status: number; id: string }> {
	await readyCrypto();
	const id = randomBytes(16).toString('base64url');
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
	const response = await fetch(`${portal.origin}/api/submissions`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			[PROOF_HEADER]: await mintedProof(portal.origin, 'submission', id)
		},
		body: JSON.stringify({
			id,
			channelId: address.channelId,
			channelKeyVersion: address.channelKeyVersion,
			formatVersion: sealed.formatVersion,
			nonce: toBase64url(sealed.nonce),
			ciphertext: toBase64url(sealed.ciphertext),
			sealedDataKey: toBase64url(sealed.sealedDataKey),
			receiptLookupToken: toBase64url(randomBytes(32)),
			replyPublicKey: toBase64url(randomBytes(32))
		})
	});
	await response.body?.cancel();
	return { status: response.status, id };
}
