import { FormatError } from './errors';
import { utf8Decode, utf8Encode } from './encoding';
import { padPlaintext, unpadPlaintext } from './aead';
import { openSealed, sealToPublicKey } from './sealed';
import type { StaffKeyPair } from './staff';

/**
 * A message from the team to a survivor, readable only with the survivor's receipt. Shown as
 * written, in whatever language the moderator wrote it; readers ignore fields they do not know.
 */
export type ReplyPayload = { v: 1; kind: 'reply'; text: string };

/**
 * Sealed box to the survivor's reply public key, padded like a testimony so its size does not
 * reveal the length of the reply.
 */
export function sealReply(payload: ReplyPayload, replyPublicKey: Uint8Array): Uint8Array {
	return sealToPublicKey(padPlaintext(utf8Encode(JSON.stringify(payload))), replyPublicKey);
}

export function openReply(sealed: Uint8Array, replyKeyPair: StaffKeyPair): ReplyPayload {
	const plaintext = unpadPlaintext(openSealed(sealed, replyKeyPair));
	let parsed: unknown;
	try {
		parsed = JSON.parse(utf8Decode(plaintext));
	} catch {
		throw new FormatError('The reply is not valid JSON.');
	}
	const reply = parsed as Partial<ReplyPayload>;
	if (reply?.v !== 1 || reply.kind !== 'reply' || typeof reply.text !== 'string') {
		throw new FormatError('The reply does not have the v1 reply shape.');
	}
	return reply as ReplyPayload;
}
