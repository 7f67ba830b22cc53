import { readySodium } from './sodium';

/** Loads libsodium; every other function of this module is synchronous once this resolved. */
export async function readyCrypto(): Promise<void> {
	await readySodium();
}

export { CRYPTO, type StaffPwhashParams } from './constants';
export { CryptoError, DecryptionError, FormatError, ReceiptFormatError, ReceiptTypingError } from './errors';
export { bytesEqual, fromBase64url, hasCanonicalTail, toBase64url, utf8Decode, utf8Encode } from './encoding';
export {
	AEAD_NONCE_BYTES,
	AEAD_TAG_BYTES,
	decryptWithKey,
	encryptWithKey,
	padPlaintext,
	unpadPlaintext,
	type EncryptedBytes
} from './aead';
export { BatchDecryptor } from './batch-decryptor';
export {
	assertStaffPwhashParams,
	deriveStaffKeys,
	newPwhashSalt,
	newRecoveryKey,
	newStaffKeyPair,
	recoveryKeys,
	recoveryWrappingKey,
	unwrapSecretKey,
	wrapSecretKey,
	wrappedSecretKeyAdditionalData,
	type StaffKeyPair,
	type StaffKeys,
	type WrappedKey,
	type WrappingPurpose
} from './staff';
export { newChannelKeyPair, newCorpusKey, openSealed, publicKeyFingerprint, sealToPublicKey } from './sealed';
export {
	decryptSubmission,
	encryptSubmission,
	submissionAdditionalData,
	type AttachedFileReference,
	type SubmissionAddress,
	type SubmissionAnswer,
	type SubmissionEnvelope,
	type SubmissionPayload,
	type VoiceNoteReference
} from './submission';
export {
	answerChannelKeyChallenge,
	answerCorpusKeyChallenge,
	corpusKeyCheckKeyPair,
	corpusKeyCheckPublicKey,
	KEY_CONFIRM_CHALLENGE_BYTES,
	newKeyConfirmChallenge,
	sealKeyConfirmChallenge
} from './key-confirm';
export { openReply, sealReply, type ReplyPayload } from './reply';
export { deriveReceiptKeys, newReceipt, type ReceiptKeys } from './receipt';
export {
	formatReceipt,
	parseReceipt,
	readReceipt,
	receiptCheckDigits,
	withCheckDigits,
	type ParsedReceipt,
	type ReceiptVersion
} from './receipt-format';
export * from './stream';
export {
	decryptJson,
	encryptJson,
	moderationDraftAdditionalData,
	openJsonFromChannel,
	openResearchImage,
	researchImageAdditionalData,
	researchMemoAdditionalData,
	researchRecordAdditionalData,
	researchRecordAdditionalText,
	sealJsonToChannel,
	sealResearchImage,
	RESEARCH_IMAGE_PAD_BYTES,
	type ChannelSealedJson,
	type ResearchImageAddress
} from './records';
