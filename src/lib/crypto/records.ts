import { CRYPTO } from './constants';
import { decryptWithKey, encryptWithKey, padPlaintext, unpadPlaintext } from './aead';
import { FormatError } from './errors';
import { utf8Decode, utf8Encode } from './encoding';
import { openSealed, sealToPublicKey } from './sealed';
import { sodiumInstance } from './sodium';
import type { StaffKeyPair } from './staff';

/** Additional data of a research record: bound to its id and the corpus key version. */
export function researchRecordAdditionalData(recordId: string, corpusKeyVersion: number): Uint8Array {
	return utf8Encode(researchRecordAdditionalText(recordId, corpusKeyVersion));
}

/** The same as text, for `BatchDecryptor`, which encodes it straight into libsodium's memory. */
export function researchRecordAdditionalText(recordId: string, corpusKeyVersion: number): string {
	return `trips-voice:v${CRYPTO.formatVersion}:research-record:${recordId}:${corpusKeyVersion}`;
}

/** Additional data of a research memo: bound to its id, the corpus key version and its own version. */
export function researchMemoAdditionalData(memoId: string, corpusKeyVersion: number, memoVersion: number): Uint8Array {
	return utf8Encode(`trips-voice:v${CRYPTO.formatVersion}:research-memo:${memoId}:${corpusKeyVersion}:${memoVersion}`);
}

/** Additional data of a moderation draft: bound to its testimony, channel key version and draft version. */
export function moderationDraftAdditionalData(
	submissionId: string,
	channelKeyVersion: number,
	draftVersion: number
): Uint8Array {
	return utf8Encode(
		`trips-voice:v${CRYPTO.formatVersion}:moderation:${submissionId}:${channelKeyVersion}:${draftVersion}`
	);
}

/** Pads and encrypts a JSON value under a symmetric key (the corpus key or a draft's data key). */
export function encryptJson(
	value: unknown,
	key: Uint8Array,
	additionalData: Uint8Array
): { nonce: Uint8Array; ciphertext: Uint8Array } {
	let json: string;
	try {
		json = JSON.stringify(value);
	} catch {
		throw new FormatError('The record cannot be serialised as JSON.');
	}
	return encryptWithKey(padPlaintext(utf8Encode(json)), key, additionalData);
}

export function decryptJson<T>(
	nonce: Uint8Array,
	ciphertext: Uint8Array,
	key: Uint8Array,
	additionalData: Uint8Array
): T {
	const plaintext = unpadPlaintext(decryptWithKey(nonce, ciphertext, key, additionalData));
	try {
		return JSON.parse(utf8Decode(plaintext)) as T;
	} catch {
		throw new FormatError('The record is not valid JSON.');
	}
}

export type ChannelSealedJson = { nonce: Uint8Array; ciphertext: Uint8Array; sealedDataKey: Uint8Array };

/**
 * JSON for a channel's members: padded, encrypted under a fresh data key, the data key sealed
 * to the channel's public key. Testimonies and moderation drafts share this construction and
 * differ only in their additional data.
 */
export function sealJsonToChannel(
	value: unknown,
	channelPublicKey: Uint8Array,
	additionalData: Uint8Array
): ChannelSealedJson {
	const sodium = sodiumInstance();
	const dataKey = sodium.crypto_aead_xchacha20poly1305_ietf_keygen();
	try {
		const { nonce, ciphertext } = encryptJson(value, dataKey, additionalData);
		return { nonce, ciphertext, sealedDataKey: sealToPublicKey(dataKey, channelPublicKey) };
	} finally {
		sodium.memzero(dataKey);
	}
}

export function openJsonFromChannel<T>(
	sealed: ChannelSealedJson,
	channelKeyPair: StaffKeyPair,
	additionalData: Uint8Array
): T {
	const dataKey = openSealed(sealed.sealedDataKey, channelKeyPair);
	try {
		if (dataKey.length !== CRYPTO.symmetricKeyBytes) throw new FormatError('The data key has a wrong length.');
		return decryptJson<T>(sealed.nonce, sealed.ciphertext, dataKey, additionalData);
	} finally {
		sodiumInstance().memzero(dataKey);
	}
}

/** Research images are padded to 64 KiB blocks, as attachments are (§7): their size says little. */
export const RESEARCH_IMAGE_PAD_BYTES = 64 * 1024;

/** Additional data of a redacted photo in the corpus: bound to its id, its record and the corpus key version. */
export function researchImageAdditionalData(imageId: string, recordId: string, corpusKeyVersion: number): Uint8Array {
	return utf8Encode(`trips-voice:v${CRYPTO.formatVersion}:research-image:${imageId}:${recordId}:${corpusKeyVersion}`);
}

export type ResearchImageAddress = { imageId: string; recordId: string; corpusKeyVersion: number };

/** Pads and encrypts a redacted JPEG under the corpus key. */
export function sealResearchImage(
	jpeg: Uint8Array,
	corpusKey: Uint8Array,
	address: ResearchImageAddress
): { nonce: Uint8Array; ciphertext: Uint8Array } {
	const padded = sodiumInstance().pad(jpeg, RESEARCH_IMAGE_PAD_BYTES);
	return encryptWithKey(
		padded,
		corpusKey,
		researchImageAdditionalData(address.imageId, address.recordId, address.corpusKeyVersion)
	);
}

/** Inverse of sealResearchImage: the redacted JPEG. DecryptionError when it was not sealed for this address. */
export function openResearchImage(
	nonce: Uint8Array,
	ciphertext: Uint8Array,
	corpusKey: Uint8Array,
	address: ResearchImageAddress
): Uint8Array {
	const padded = decryptWithKey(
		nonce,
		ciphertext,
		corpusKey,
		researchImageAdditionalData(address.imageId, address.recordId, address.corpusKeyVersion)
	);
	try {
		return sodiumInstance().unpad(padded, RESEARCH_IMAGE_PAD_BYTES);
	} catch {
		throw new FormatError('Invalid padding');
	}
}
