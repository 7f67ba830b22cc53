/// <reference lib="webworker" />
/**
 * The survivor's crypto worker: seals testimonies, voice notes, attached files and follow-up messages to the
 * channel key, draws and opens receipts, opens replies and mints proofs of work. It holds no
 * staff or research code, and survivor pages start no other worker; quick exit ends it, and
 * with it everything it held.
 */
import {
	decryptSubmission,
	deriveReceiptKeys,
	encryptSubmission,
	encryptVoiceNote,
	formatReceipt,
	fromBase64url,
	newReceipt,
	openReply,
	parseReceipt,
	toBase64url,
	voiceNoteAdditionalData,
	type ReceiptKeys,
	type SubmissionPayload
} from '$lib/crypto';
import { mintProof } from '$lib/crypto/proof-mint';
import { sealAttachedFile } from '$lib/attach/seal';
import type { SealedOwnMessage } from '$lib/server/intake/receipts';
import type { OwnMessage, OwnTestimony, SurvivorOps } from '../crypto-protocol';
import { serve } from './serve';

/**
 * A survivor's receipt and its keys: drawn ahead of time (the Argon2id takes a moment on a
 * cheap phone), or derived from a receipt typed on the check page. Forgotten on exit.
 */
const survivor: { receipt: string | null; keys: ReceiptKeys | null; submissionId: string | null } = {
	receipt: null,
	keys: null,
	submissionId: null
};

function forgetSurvivor(): void {
	survivor.keys?.replyKeyPair.secretKey.fill(0);
	survivor.keys?.lookupToken.fill(0);
	survivor.receipt = null;
	survivor.keys = null;
	survivor.submissionId = null;
}

function prepareReceipt(deploymentSalt: string): { receipt: string; keys: ReceiptKeys } {
	if (!survivor.receipt || !survivor.keys) {
		const receipt = newReceipt();
		survivor.keys = deriveReceiptKeys(receipt, fromBase64url(deploymentSalt));
		survivor.receipt = receipt;
	}
	return { receipt: survivor.receipt, keys: survivor.keys };
}

function sealForChannel(
	payload: SubmissionPayload,
	channelId: string,
	channelKeyVersion: number,
	channelPublicKey: string,
	survivorPublicKey?: Uint8Array
) {
	const envelope = encryptSubmission(
		payload,
		{ channelId, channelKeyVersion, channelPublicKey: fromBase64url(channelPublicKey) },
		survivorPublicKey
	);
	return {
		formatVersion: envelope.formatVersion,
		nonce: toBase64url(envelope.nonce),
		ciphertext: toBase64url(envelope.ciphertext),
		sealedDataKey: toBase64url(envelope.sealedDataKey),
		...(envelope.survivorSealedDataKey ? { survivorSealedDataKey: toBase64url(envelope.survivorSealedDataKey) } : {})
	};
}

/** A testimony or follow-up sealed to the receipt's reply key as well, opened with that key pair. */
function openOwnPayload(sealed: SealedOwnMessage, keys: ReceiptKeys): SubmissionPayload {
	return decryptSubmission<SubmissionPayload>(
		{
			formatVersion: 1,
			nonce: fromBase64url(sealed.nonce),
			ciphertext: fromBase64url(sealed.ciphertext),
			sealedDataKey: fromBase64url(sealed.survivorSealedDataKey)
		},
		sealed.channelId,
		sealed.channelKeyVersion,
		keys.replyKeyPair
	);
}

const voiceSecondsOf = (answer: SubmissionPayload['answers'][number]): number[] =>
	answer.voice && Number.isFinite(answer.voice.seconds) ? [Math.max(0, Math.round(answer.voice.seconds))] : [];

/** A follow-up's words and voice note lengths, opened with the receipt's reply key pair. */
function openOwnMessage(sealed: SealedOwnMessage, keys: ReceiptKeys): OwnMessage {
	const payload = openOwnPayload(sealed, keys);
	if (payload?.kind !== 'message' || !Array.isArray(payload.answers)) throw new Error('Not a follow-up message.');
	return {
		text: payload.answers
			.map((answer) => (typeof answer.text === 'string' ? answer.text : ''))
			.join('\n\n')
			.trim(),
		voiceSeconds: payload.answers.flatMap(voiceSecondsOf),
		failed: false
	};
}

/** The testimony's answers in the order given; what the page shows of each is only text and lengths. */
function openOwnTestimony(sealed: SealedOwnMessage, keys: ReceiptKeys): OwnTestimony {
	const payload = openOwnPayload(sealed, keys);
	if (payload?.kind !== 'testimony' || !Array.isArray(payload.answers)) throw new Error('Not a testimony.');
	return {
		answers: payload.answers.map((answer) => ({
			questionId: typeof answer.questionId === 'string' ? answer.questionId : '',
			questionVersion: Number.isSafeInteger(answer.questionVersion) ? answer.questionVersion : 1,
			text: typeof answer.text === 'string' ? answer.text.trim() : '',
			voiceSeconds: voiceSecondsOf(answer)
		})),
		failed: false
	};
}

function randomId(): string {
	return toBase64url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

serve<SurvivorOps>({
	'survivor.prepare'({ deploymentSalt }) {
		prepareReceipt(deploymentSalt);
		survivor.submissionId ??= randomId();
		return { submissionId: survivor.submissionId };
	},

	'survivor.seal'({ payload, channelId, channelKeyVersion, channelPublicKey, deploymentSalt, attachments, ownCopy }) {
		const { receipt, keys } = prepareReceipt(deploymentSalt);
		// The prepared id serves one sealing only: sealed again after an edit, it is a new testimony.
		const id = survivor.submissionId ?? randomId();
		survivor.submissionId = null;
		const upload = {
			id,
			channelId,
			channelKeyVersion,
			// Sealed to the receipt's reply key too, so whoever holds the receipt can read it back.
			...sealForChannel(
				payload,
				channelId,
				channelKeyVersion,
				channelPublicKey,
				ownCopy === false ? undefined : keys.replyKeyPair.publicKey
			),
			receiptLookupToken: toBase64url(keys.lookupToken),
			replyPublicKey: toBase64url(keys.replyKeyPair.publicKey),
			attachments
		};
		return { receipt: formatReceipt(receipt), upload };
	},

	'survivor.sealVoice'({ audio, mimeType, seconds }) {
		const attachmentId = randomId();
		const sealed = encryptVoiceNote(new Uint8Array(audio), voiceNoteAdditionalData(attachmentId));
		const ciphertext = sealed.ciphertext.buffer.slice(
			sealed.ciphertext.byteOffset,
			sealed.ciphertext.byteOffset + sealed.ciphertext.byteLength
		) as ArrayBuffer;
		const reference = {
			attachmentId,
			key: toBase64url(sealed.key),
			header: toBase64url(sealed.header),
			mimeType,
			seconds
		};
		sealed.key.fill(0);
		return { reference, ciphertext };
	},

	'survivor.sealFile'({ file }) {
		const sealed = sealAttachedFile(new Uint8Array(file), randomId());
		const ciphertext = sealed.ciphertext.buffer.slice(
			sealed.ciphertext.byteOffset,
			sealed.ciphertext.byteOffset + sealed.ciphertext.byteLength
		) as ArrayBuffer;
		return { reference: sealed.reference, ciphertext };
	},

	'survivor.openReceipt'({ receipt, deploymentSalt }) {
		forgetSurvivor();
		const digits = parseReceipt(receipt);
		survivor.keys = deriveReceiptKeys(digits, fromBase64url(deploymentSalt));
		survivor.receipt = digits;
		return { lookupToken: toBase64url(survivor.keys.lookupToken) };
	},

	'survivor.openReplies'({ sealedReplies }) {
		if (!survivor.keys) throw new Error('Enter the receipt first.');
		const keyPair = survivor.keys.replyKeyPair;
		return sealedReplies.map((sealed) => {
			try {
				return { text: openReply(fromBase64url(sealed), keyPair).text, failed: false };
			} catch {
				return { text: '', failed: true };
			}
		});
	},

	'survivor.openOwnMessages'({ messages }) {
		const keys = survivor.keys;
		if (!keys) throw new Error('Enter the receipt first.');
		return messages.map((sealed) => {
			try {
				return openOwnMessage(sealed, keys);
			} catch {
				return { text: '', voiceSeconds: [], failed: true };
			}
		});
	},

	'survivor.openOwnTestimony'({ testimony }) {
		if (!survivor.keys) throw new Error('Enter the receipt first.');
		try {
			return openOwnTestimony(testimony, survivor.keys);
		} catch {
			return { answers: [], failed: true };
		}
	},

	'survivor.sealMessage'({ payload, channelId, channelKeyVersion, channelPublicKey, attachments, id }) {
		return {
			id: id && /^[A-Za-z0-9_-]{22}$/.test(id) ? id : randomId(),
			channelKeyVersion,
			// Sealed to the receipt's reply key too (when a receipt was entered), to be read back on the check page.
			...sealForChannel(payload, channelId, channelKeyVersion, channelPublicKey, survivor.keys?.replyKeyPair.publicKey),
			attachments
		};
	},

	'survivor.forget'() {
		forgetSurvivor();
		return {};
	},

	async 'proof.mint'({ challenge }) {
		return { proof: await mintProof(challenge) };
	}
});
