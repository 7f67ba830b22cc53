import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, decryptWithKey, encryptWithKey, padPlaintext, unpadPlaintext } from './aead';
import { CRYPTO } from './constants';
import { expectLength, utf8Decode, utf8Encode } from './encoding';
import { FormatError } from './errors';
import { openSealed, sealToPublicKey } from './sealed';
import { sodiumInstance } from './sodium';
import type { StaffKeyPair } from './staff';

export { decryptWithKey, encryptWithKey, padPlaintext, unpadPlaintext, type EncryptedBytes } from './aead';

/** Where a voice note's ciphertext is and how to open it; travels only inside the payload. */
export type VoiceNoteReference = {
	attachmentId: string;
	/** secretstream key and header, base64url. */
	key: string;
	header: string;
	mimeType: string;
	seconds: number;
};

/**
 * A photo or document the survivor attached: sealed like a voice note (same stream format, its
 * own additional data). Photos are always re-encoded JPEGs, with no metadata, before sealing.
 */
export type AttachedFileReference = {
	attachmentId: string;
	/** secretstream key and header, base64url. */
	key: string;
	header: string;
	kind: 'image' | 'document';
	mimeType: 'image/jpeg' | 'application/pdf';
	/** Length of the file before padding. */
	bytes: number;
};

export type SubmissionAnswer = {
	questionId: string;
	questionVersion: number;
	text: string;
	voice?: VoiceNoteReference;
};

export type SubmissionPayload = {
	v: 1;
	/** A first testimony, or a survivor's follow-up message in its thread. */
	kind: 'testimony' | 'message';
	/** UI locale the survivor used. */
	locale: string;
	/** Guided questions one by one, or the free telling in one piece. */
	mode?: 'guided' | 'free';
	consent?: { research: boolean; quote: boolean; replies: boolean };
	answers: SubmissionAnswer[];
	/** Coarse context by question id (option id, or 'prefer_not'). */
	context?: Record<string, string>;
	/** Photos and documents attached to a testimony; absent from payloads written before them. */
	files?: AttachedFileReference[];
	/** What a group said together, typed by its facilitator. */
	group?: { participants: number; languages: string[] };
};

export type SubmissionAddress = {
	channelId: string;
	channelKeyVersion: number;
	channelPublicKey: Uint8Array;
};

export type SubmissionEnvelope = {
	formatVersion: 1;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
	sealedDataKey: Uint8Array;
	/** The same data key sealed to the survivor's reply key, when asked for (a follow-up, §2.9). */
	survivorSealedDataKey?: Uint8Array;
};

const X25519_KEY_BYTES = 32;

/** Binds a ciphertext to its format version, channel and channel key version. */
export function submissionAdditionalData(
	formatVersion: number,
	channelId: string,
	channelKeyVersion: number
): Uint8Array {
	if (!Number.isSafeInteger(formatVersion) || formatVersion < 1) {
		throw new FormatError('Invalid format version');
	}
	if (typeof channelId !== 'string' || channelId.length === 0) {
		throw new FormatError('Invalid channel id');
	}
	if (!Number.isSafeInteger(channelKeyVersion) || channelKeyVersion < 0) {
		throw new FormatError('Invalid channel key version');
	}
	return utf8Encode(`trips-voice:v${formatVersion}:submission:${channelId}:${channelKeyVersion}`);
}

/**
 * Seals a payload to the channel key. With `survivorPublicKey` (the reply key derived from the
 * receipt), the data key is sealed a second time to it, so the survivor can read back their own
 * follow-up with the receipt, exactly as they read the team's replies.
 */
export function encryptSubmission(
	payload: unknown,
	address: SubmissionAddress,
	survivorPublicKey?: Uint8Array
): SubmissionEnvelope {
	const sodium = sodiumInstance();
	expectLength(address.channelPublicKey, X25519_KEY_BYTES, 'Channel public key');
	if (survivorPublicKey) expectLength(survivorPublicKey, X25519_KEY_BYTES, 'Survivor public key');
	const additionalData = submissionAdditionalData(CRYPTO.formatVersion, address.channelId, address.channelKeyVersion);
	let json: string | undefined;
	try {
		json = JSON.stringify(payload) as string | undefined;
	} catch (cause) {
		throw new FormatError('Payload cannot be serialised to JSON', { cause });
	}
	if (json === undefined) throw new FormatError('Payload cannot be serialised to JSON');

	const jsonBytes = utf8Encode(json);
	const plaintext = padPlaintext(jsonBytes);
	const dataKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
	try {
		const { nonce, ciphertext } = encryptWithKey(plaintext, dataKey, additionalData);
		const sealedDataKey = sealToPublicKey(dataKey, address.channelPublicKey);
		const envelope: SubmissionEnvelope = { formatVersion: 1, nonce, ciphertext, sealedDataKey };
		if (survivorPublicKey) envelope.survivorSealedDataKey = sealToPublicKey(dataKey, survivorPublicKey);
		return envelope;
	} finally {
		sodium.memzero(dataKey);
		sodium.memzero(jsonBytes);
		sodium.memzero(plaintext);
	}
}

export function decryptSubmission<T = unknown>(
	envelope: SubmissionEnvelope,
	channelId: string,
	channelKeyVersion: number,
	channelKeyPair: StaffKeyPair
): T {
	const sodium = sodiumInstance();
	if (!envelope || envelope.formatVersion !== 1) {
		throw new FormatError('Unknown submission format version');
	}
	expectLength(envelope.nonce, AEAD_NONCE_BYTES, 'Nonce');
	expectLength(envelope.sealedDataKey, sodium.crypto_box_SEALBYTES + CRYPTO.symmetricKeyBytes, 'Sealed data key');
	if (
		!(envelope.ciphertext instanceof Uint8Array) ||
		envelope.ciphertext.length < CRYPTO.padBlockBytes + AEAD_TAG_BYTES ||
		(envelope.ciphertext.length - AEAD_TAG_BYTES) % CRYPTO.padBlockBytes !== 0
	) {
		throw new FormatError('Submission ciphertext has a wrong length');
	}
	const additionalData = submissionAdditionalData(envelope.formatVersion, channelId, channelKeyVersion);

	const dataKey = openSealed(envelope.sealedDataKey, channelKeyPair);
	let plaintext: Uint8Array | undefined;
	try {
		expectLength(dataKey, CRYPTO.symmetricKeyBytes, 'Data key');
		plaintext = decryptWithKey(envelope.nonce, envelope.ciphertext, dataKey, additionalData);
		const json = utf8Decode(unpadPlaintext(plaintext));
		try {
			return JSON.parse(json) as T;
		} catch (cause) {
			throw new FormatError('Submission payload is not valid JSON', { cause });
		}
	} finally {
		sodium.memzero(dataKey);
		if (plaintext) sodium.memzero(plaintext);
	}
}
