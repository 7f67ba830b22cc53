import { randomBytes } from 'node:crypto';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { encryptSubmission, readyCrypto, toBase64url, type SubmissionEnvelope } from '$lib/crypto';
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

/** The receipt's two public parts; a test that never checks the receipt may use random bytes. */
export type ReceiptParts = { lookupToken: Uint8Array; replyPublicKey: Uint8Array };

/**
 * Posts one sealed testimony as a survivor's browser does, with a proof of work. Returns the
 * HTTP status (201 is the portal's acknowledgement: "sent"), the testimony's id and the answer.
 */
export async function postSealedTestimony(
	portal: RunningPortal,
	address: Pick<ChannelAddress, 'channelId' | 'channelKeyVersion'>,
	sealed: SubmissionEnvelope,
	receipt: ReceiptParts = { lookupToken: randomBytes(32), replyPublicKey: randomBytes(32) }
): Promise<{ status: number; id: string; answer: string }> {
	const id = randomBytes(16).toString('base64url');
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
			receiptLookupToken: toBase64url(receipt.lookupToken),
			replyPublicKey: toBase64url(receipt.replyPublicKey)
		})
	});
	return { status: response.status, id, answer: await response.text() };
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
