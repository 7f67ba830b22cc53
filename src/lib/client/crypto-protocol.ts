/**
 * The one typed protocol between pages and the crypto workers: each operation's name, argument
 * and result, grouped by the worker that runs it. Survivor pages start only the survivor worker;
 * staff pages the staff worker, which also runs the research operations (research-protocol.ts).
 */
import type { ResearchOps } from './research-protocol';
import type { StaffPwhashParams } from '$lib/crypto/constants';
import type { SubmissionPayload } from '$lib/crypto';
import type { SealedOwnMessage } from '$lib/server/intake/receipts';

/** Binary values cross the worker boundary as base64url text, exactly as they go on the wire. */
export type SealedBox = { nonce: string; ciphertext: string };

export type StaffKeyMaterial = {
	publicKey: string;
	wrappedSecretKey: SealedBox;
	pwhash: { salt: string } & StaffPwhashParams;
};

export type DeclaredAttachment = { id: string; bytes: number };

export type SealedVoiceNote = {
	reference: import('$lib/crypto').VoiceNoteReference;
	/** The encrypted bytes to upload (transferred out of the worker, not copied). */
	ciphertext: ArrayBuffer;
};

export type SealedAttachedFile = {
	reference: import('$lib/crypto').AttachedFileReference;
	/** The encrypted bytes to upload (transferred out of the worker, not copied). */
	ciphertext: ArrayBuffer;
};

export type SurvivorMessageUpload = {
	id: string;
	channelKeyVersion: number;
	formatVersion: number;
	nonce: string;
	ciphertext: string;
	sealedDataKey: string;
	/** The data key sealed to the survivor's reply key too, so they can read their message back. */
	survivorSealedDataKey?: string;
	attachments: DeclaredAttachment[];
};

/** A survivor's own follow-up as the check page reads it back: its words and its voice notes' lengths. */
export type OwnMessage = { text: string; voiceSeconds: number[]; failed: boolean };

/** A survivor's own testimony as the check page reads it back: each answer with its question's id. */
export type OwnTestimony = {
	answers: { questionId: string; questionVersion: number; text: string; voiceSeconds: number[] }[];
	failed: boolean;
};

export type SubmissionUpload = {
	id: string;
	channelId: string;
	channelKeyVersion: number;
	formatVersion: number;
	nonce: string;
	ciphertext: string;
	sealedDataKey: string;
	/** The data key sealed to the receipt's reply key too, so the survivor can read it back (§2.6). */
	survivorSealedDataKey?: string;
	receiptLookupToken: string;
	replyPublicKey: string;
	attachments: DeclaredAttachment[];
};

/** A new passphrase's material: what the server stores to check it and to return the key. */
export type PassphraseMaterial = {
	pwhashSalt: string;
	pwhashOpsLimit: number;
	pwhashMemLimit: number;
	authKey: string;
	wrappedSecretKey: SealedBox;
};

/** Everything a new staff account sends; the recovery key itself is only shown, never sent. */
export type AccountMaterial = PassphraseMaterial & {
	publicKey: string;
	recoveryWrappedSecretKey: SealedBox;
	recoveryAuthKey: string;
};

export type SetupMaterial = {
	admin: AccountMaterial;
	channel: { publicKey: string; sealedSecretKey: string };
	sealedCorpusKey: string;
	recoveryKey: string;
};

export type OpenSubmissionRequest = {
	envelope: { formatVersion: number; nonce: string; ciphertext: string; sealedDataKey: string };
	channelId: string;
	channelKeyVersion: number;
	channelPublicKey: string;
	sealedChannelSecretKey: string;
};

export type SealedJson = { nonce: string; ciphertext: string; sealedDataKey: string };
export type DraftAddress = {
	submissionId: string;
	channelKeyVersion: number;
	channelPublicKey: string;
	draftVersion: number;
};

export type KeyRecipient = { userId: string; publicKey: string };
export type SealedGrant = { userId: string; sealedKey: string };

export type ChannelAddress = { channelId: string; channelKeyVersion: number; channelPublicKey: string };

/** What survivor pages (and a facilitator's group testimony) ask of the survivor worker. */
export type SurvivorOps = {
	/**
	 * Draws the receipt and runs its Argon2id while the person is still writing, and draws the
	 * testimony's id (its proof of work is minted meanwhile); the next `survivor.seal` uses both.
	 */
	'survivor.prepare': [{ deploymentSalt: string }, { submissionId: string }];
	'survivor.seal': [
		ChannelAddress & {
			payload: SubmissionPayload;
			deploymentSalt: string;
			attachments: DeclaredAttachment[];
			/** false: no copy for the receipt (a group's testimony, whose receipt nobody keeps). */
			ownCopy?: boolean;
		},
		{ receipt: string; upload: SubmissionUpload }
	];
	'survivor.sealVoice': [{ audio: ArrayBuffer; mimeType: string; seconds: number }, SealedVoiceNote];
	/** A re-encoded photo or a PDF, sealed like a voice note; refused if a photo still has metadata. */
	'survivor.sealFile': [{ file: ArrayBuffer }, SealedAttachedFile];
	/** Derives the keys of an entered receipt; the reply key pair stays in the worker. */
	'survivor.openReceipt': [{ receipt: string; deploymentSalt: string }, { lookupToken: string }];
	'survivor.openReplies': [{ sealedReplies: string[] }, { text: string; failed: boolean }[]];
	/** Opens the survivor's own follow-ups with the reply key pair of the entered receipt. */
	'survivor.openOwnMessages': [{ messages: SealedOwnMessage[] }, OwnMessage[]];
	/** Opens the testimony itself with the same key pair, when it was sent with a copy for the receipt. */
	'survivor.openOwnTestimony': [{ testimony: SealedOwnMessage }, OwnTestimony];
	/** `id`: drawn by the page beforehand, so the message's proof of work can be minted early. */
	'survivor.sealMessage': [
		ChannelAddress & { payload: SubmissionPayload; attachments: DeclaredAttachment[]; id?: string },
		SurvivorMessageUpload
	];
	'survivor.forget': [Record<string, never>, Record<string, never>];
	/** Finds a proof-of-work challenge's counter; returns the `x-proof` header value. */
	'proof.mint': [{ challenge: import('altcha-lib').Challenge }, { proof: string }];
};

/** What staff pages ask of the staff worker, where their unlocked keys live. */
export type StaffOps = {
	'staff.setup': [{ passphrase: string }, SetupMaterial];
	/** A new account's key pair and wrapped keys; the keys stay unlocked in the worker. */
	'staff.newAccount': [{ passphrase: string }, { account: AccountMaterial; recoveryKey: string }];
	/** Re-wraps the unlocked private key under a new passphrase. */
	'staff.changePassphrase': [
		{ currentPassphrase: string; currentPwhash: StaffKeyMaterial['pwhash']; newPassphrase: string },
		{ currentAuthKey: string; material: PassphraseMaterial }
	];
	'staff.recoveryProof': [{ recoveryKey: string }, { recoveryAuthKey: string }];
	/** Opens the recovery-wrapped private key and wraps it under a new passphrase. */
	'staff.recover': [
		{ recoveryKey: string; publicKey: string; recoveryWrappedSecretKey: SealedBox; newPassphrase: string },
		{ material: PassphraseMaterial }
	];
	'staff.fingerprint': [{ publicKey: string }, { fingerprint: string }];
	/** Opens a voice note with the key and header from its testimony's payload. */
	'staff.openVoice': [
		{ ciphertext: ArrayBuffer; attachmentId: string; key: string; header: string },
		{ audio: ArrayBuffer }
	];
	/** Opens an attached photo or document; a photo that carries metadata is refused. */
	'staff.openFile': [
		{ ciphertext: ArrayBuffer; reference: import('$lib/crypto').AttachedFileReference },
		{ file: ArrayBuffer }
	];
	'staff.openDraft': [DraftAddress & { draft: SealedJson; sealedChannelSecretKey: string }, unknown];
	'staff.sealDraft': [DraftAddress & { draft: unknown }, SealedJson];
	'staff.sealResearchRecord': [
		{ record: unknown; recordId: string; corpusKeyVersion: number; sealedCorpusKey: string },
		{ nonce: string; ciphertext: string }
	];
	/** Seals a blacked-out photo under the corpus key, for the research record it belongs to. */
	'staff.sealResearchImage': [
		{ image: ArrayBuffer; imageId: string; recordId: string; corpusKeyVersion: number; sealedCorpusKey: string },
		{ nonce: string; ciphertext: string }
	];
	'staff.sealReply': [{ text: string; replyPublicKey: string }, { sealedReply: string }];
	'staff.derive': [{ passphrase: string; pwhash: StaffKeyMaterial['pwhash'] }, { authKey: string }];
	'staff.unlock': [{ material: StaffKeyMaterial }, { unlocked: true }];
	'staff.status': [Record<string, never>, { unlocked: boolean }];
	'staff.lock': [Record<string, never>, { unlocked: false }];
	'staff.openSubmission': [OpenSubmissionRequest, unknown];
	/** A new channel key pair; its secret leaves the worker only sealed to each recipient. */
	'staff.newChannelKeyPair': [{ recipients: KeyRecipient[] }, { publicKey: string; grants: SealedGrant[] }];
	/** A new corpus key, sealed to each recipient, with the public key that stands for it in confirmation. */
	'staff.newCorpusKey': [{ recipients: KeyRecipient[] }, { checkPublicKey: string; grants: SealedGrant[] }];
	/** Opens a key sealed to this staff member and seals it to another person's public key. */
	'staff.reseal': [{ sealedKey: string; recipientPublicKey: string }, { sealedKey: string }];
	/**
	 * Confirms a pending key version: opens this member's grant, checks it against the version's
	 * public key (the channel's, or the corpus key's check key) and opens the server's challenge.
	 */
	'staff.confirmKey': [
		{ kind: 'channel' | 'corpus'; sealedKey: string; publicKey: string; sealedChallenge: string },
		{ answer: string }
	];
};

/**
 * The operations of each worker: name → [argument, result]. Research runs in the staff worker,
 * beside the key pair that opens the corpus keys (its code is fetched only when first used).
 */
export type WorkerOps = { survivor: SurvivorOps; staff: StaffOps & ResearchOps };
export type WorkerName = keyof WorkerOps;

/** Every operation of every worker. */
export type CryptoOps = SurvivorOps & StaffOps & ResearchOps;

export type CryptoOpName = keyof CryptoOps;

export type CryptoRequest = { id: number; op: CryptoOpName; argument: unknown };
export type CryptoResponse =
	{ id: number; ok: true; result: unknown } | { id: number; ok: false; error: { name: string; message: string } };
