/**
 * What a survivor does with a receipt: read the testimony's status and replies, add a follow-up
 * message, withdraw the testimony. Each request carries only the receipt's lookup token.
 */
import type * as v from 'valibot';
import type { SurvivorView } from '$lib/server/intake/receipts';
import type { receiptRequest, receiptStatusRequest, survivorMessageUpload } from '$lib/server/intake/schemas';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { postJson } from './http';
import type { SealedRequest, WriteAccepted } from './intake';

export type { SurvivorView, ThreadMessage } from '$lib/server/intake/receipts';
export type ReceiptRequest = v.InferInput<typeof receiptRequest>;
type ReceiptStatusRequest = v.InferInput<typeof receiptStatusRequest>;
type FollowUpSchema = v.InferInput<typeof survivorMessageUpload>;
export type FollowUpRequest = Omit<FollowUpSchema, 'message'> & { message: SealedRequest<FollowUpSchema['message']> };

/** Question wordings by id and version, in the survivor's language, for reading their own answers. */
export type StatusAnswer = SurvivorView & { questions: Record<string, Record<number, string>> };

export function receiptStatus(lookupToken: string, locale?: ReceiptStatusRequest['locale']): Promise<StatusAnswer> {
	const body: ReceiptStatusRequest = { lookupToken, ...(locale ? { locale } : {}) };
	return postJson('/api/receipts/status', body);
}

/** A follow-up sealed to the channel key, paid for with a proof bound to the message's id. */
export function sendFollowUp(request: FollowUpRequest, proof: string): Promise<WriteAccepted> {
	return postJson<WriteAccepted>('/api/receipts/messages', request, { headers: { [PROOF_HEADER]: proof } });
}

/** Withdraws the testimony, paid for with a proof bound to the lookup token. */
export function withdrawTestimony(lookupToken: string, proof: string): Promise<{ withdrawn: true }> {
	const body: ReceiptRequest = { lookupToken };
	return postJson('/api/receipts/withdraw', body, { headers: { [PROOF_HEADER]: proof } });
}
