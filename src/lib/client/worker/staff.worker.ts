/// <reference lib="webworker" />
/**
 * The staff member's crypto worker: sign-in, enrolment, recovery and passphrase changes; opening
 * testimonies, voice notes and moderation drafts; sealing drafts, replies and research records;
 * channel and corpus keys, their grants and confirmation; and the research operations, whose
 * code is fetched only when a researcher's page first asks (research-ops.ts).
 */
import { openAttachedFile } from '$lib/attach/seal';
import { attachmentKind } from '$lib/attach/limits';
import { isCleanJpeg } from '$lib/attach/image-metadata';
import {
	answerChannelKeyChallenge,
	answerCorpusKeyChallenge,
	corpusKeyCheckPublicKey,
	decryptSubmission,
	decryptVoiceNote,
	deriveStaffKeys,
	encryptJson,
	fromBase64url,
	moderationDraftAdditionalData,
	newChannelKeyPair,
	newCorpusKey,
	openJsonFromChannel,
	openSealed,
	publicKeyFingerprint,
	recoveryKeys,
	researchRecordAdditionalData,
	sealJsonToChannel,
	sealReply,
	sealResearchImage,
	sealToPublicKey,
	toBase64url,
	unwrapSecretKey,
	voiceNoteAdditionalData
} from '$lib/crypto';
import type { KeyRecipient, SealedGrant, StaffOps } from '../crypto-protocol';
import type { ResearchOps } from '../research-protocol';
import { researchHandlers } from './research-ops';
import { serve } from './serve';
import { lock, newAccount, passphraseMaterial, requireStaffKeyPair, unlocked } from './staff-keys';

function sealToEach(secret: Uint8Array, recipients: KeyRecipient[]): SealedGrant[] {
	return recipients.map(({ userId, publicKey }) => ({
		userId,
		sealedKey: toBase64url(sealToPublicKey(secret, fromBase64url(publicKey)))
	}));
}

serve<StaffOps & ResearchOps>({
	'staff.setup'({ passphrase }) {
		const { account, recoveryKey, staffKeyPair } = newAccount(passphrase);
		const channelKeyPair = newChannelKeyPair();
		const corpusKey = newCorpusKey();
		try {
			return {
				admin: account,
				channel: {
					publicKey: toBase64url(channelKeyPair.publicKey),
					sealedSecretKey: toBase64url(sealToPublicKey(channelKeyPair.secretKey, staffKeyPair.publicKey))
				},
				sealedCorpusKey: toBase64url(sealToPublicKey(corpusKey, staffKeyPair.publicKey)),
				recoveryKey
			};
		} finally {
			channelKeyPair.secretKey.fill(0);
			corpusKey.fill(0);
		}
	},

	'staff.newAccount'({ passphrase }) {
		const { account, recoveryKey } = newAccount(passphrase);
		return { account, recoveryKey };
	},

	'staff.changePassphrase'({ currentPassphrase, currentPwhash, newPassphrase }) {
		const staffKeyPair = requireStaffKeyPair();
		const current = deriveStaffKeys(currentPassphrase, fromBase64url(currentPwhash.salt), currentPwhash);
		current.keyEncryptionKey.fill(0);
		const { material, keyEncryptionKey } = passphraseMaterial(newPassphrase, staffKeyPair);
		unlocked.keyEncryptionKey?.fill(0);
		unlocked.keyEncryptionKey = keyEncryptionKey;
		return { currentAuthKey: toBase64url(current.authKey), material };
	},

	'staff.recoveryProof'({ recoveryKey }) {
		const keys = recoveryKeys(recoveryKey);
		keys.wrappingKey.fill(0);
		return { recoveryAuthKey: toBase64url(keys.authKey) };
	},

	'staff.recover'({ recoveryKey, publicKey, recoveryWrappedSecretKey, newPassphrase }) {
		const keys = recoveryKeys(recoveryKey);
		const publicKeyBytes = fromBase64url(publicKey);
		try {
			const secretKey = unwrapSecretKey(
				{
					version: 1,
					nonce: fromBase64url(recoveryWrappedSecretKey.nonce),
					ciphertext: fromBase64url(recoveryWrappedSecretKey.ciphertext)
				},
				keys.wrappingKey,
				publicKeyBytes,
				'recovery'
			);
			lock();
			unlocked.staffKeyPair = { publicKey: publicKeyBytes, secretKey };
			const { material, keyEncryptionKey } = passphraseMaterial(newPassphrase, unlocked.staffKeyPair);
			unlocked.keyEncryptionKey = keyEncryptionKey;
			return { material };
		} finally {
			keys.wrappingKey.fill(0);
			keys.authKey.fill(0);
		}
	},

	'staff.fingerprint'({ publicKey }) {
		return { fingerprint: publicKeyFingerprint(fromBase64url(publicKey)) };
	},

	'staff.derive'({ passphrase, pwhash }) {
		const { authKey, keyEncryptionKey } = deriveStaffKeys(passphrase, fromBase64url(pwhash.salt), pwhash);
		lock();
		unlocked.keyEncryptionKey = keyEncryptionKey;
		return { authKey: toBase64url(authKey) };
	},

	'staff.unlock'({ material }) {
		if (!unlocked.keyEncryptionKey) throw new Error('Enter your passphrase first.');
		const publicKey = fromBase64url(material.publicKey);
		const secretKey = unwrapSecretKey(
			{
				version: 1,
				nonce: fromBase64url(material.wrappedSecretKey.nonce),
				ciphertext: fromBase64url(material.wrappedSecretKey.ciphertext)
			},
			unlocked.keyEncryptionKey,
			publicKey,
			'passphrase'
		);
		unlocked.staffKeyPair = { publicKey, secretKey };
		return { unlocked: true };
	},

	'staff.status'() {
		return { unlocked: unlocked.staffKeyPair !== null };
	},

	'staff.lock'() {
		lock();
		return { unlocked: false };
	},

	...researchHandlers(requireStaffKeyPair),

	'staff.newChannelKeyPair'({ recipients }) {
		const keyPair = newChannelKeyPair();
		try {
			return {
				publicKey: toBase64url(keyPair.publicKey),
				grants: sealToEach(keyPair.secretKey, recipients)
			};
		} finally {
			keyPair.secretKey.fill(0);
		}
	},

	'staff.newCorpusKey'({ recipients }) {
		const corpusKey = newCorpusKey();
		try {
			return {
				checkPublicKey: toBase64url(corpusKeyCheckPublicKey(corpusKey)),
				grants: sealToEach(corpusKey, recipients)
			};
		} finally {
			corpusKey.fill(0);
		}
	},

	'staff.confirmKey'({ kind, sealedKey, publicKey, sealedChallenge }) {
		const key = openSealed(fromBase64url(sealedKey), requireStaffKeyPair());
		try {
			const answer =
				kind === 'channel'
					? answerChannelKeyChallenge(key, fromBase64url(publicKey), fromBase64url(sealedChallenge))
					: answerCorpusKeyChallenge(key, fromBase64url(publicKey), fromBase64url(sealedChallenge));
			return { answer: toBase64url(answer) };
		} finally {
			key.fill(0);
		}
	},

	'staff.reseal'({ sealedKey, recipientPublicKey }) {
		const key = openSealed(fromBase64url(sealedKey), requireStaffKeyPair());
		try {
			return { sealedKey: toBase64url(sealToPublicKey(key, fromBase64url(recipientPublicKey))) };
		} finally {
			key.fill(0);
		}
	},

	'staff.openVoice'({ ciphertext, attachmentId, key, header }) {
		const audio = decryptVoiceNote(
			new Uint8Array(ciphertext),
			fromBase64url(key),
			fromBase64url(header),
			voiceNoteAdditionalData(attachmentId)
		);
		return { audio: audio.buffer.slice(audio.byteOffset, audio.byteOffset + audio.byteLength) as ArrayBuffer };
	},

	'staff.openFile'({ ciphertext, reference }) {
		const file = openAttachedFile(new Uint8Array(ciphertext), reference);
		// Sealed photos are re-encoded JPEGs: anything else was not sealed by the survivor pages.
		if (reference.kind === 'image' && !isCleanJpeg(file)) throw new Error('The photo is not a clean JPEG.');
		if (reference.kind === 'document' && attachmentKind(file) !== 'document') throw new Error('The file is not a PDF.');
		return { file: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer };
	},

	'staff.openDraft'({
		draft,
		submissionId,
		channelKeyVersion,
		channelPublicKey,
		draftVersion,
		sealedChannelSecretKey
	}) {
		const secretKey = openSealed(fromBase64url(sealedChannelSecretKey), requireStaffKeyPair());
		try {
			return openJsonFromChannel(
				{
					nonce: fromBase64url(draft.nonce),
					ciphertext: fromBase64url(draft.ciphertext),
					sealedDataKey: fromBase64url(draft.sealedDataKey)
				},
				{ publicKey: fromBase64url(channelPublicKey), secretKey },
				moderationDraftAdditionalData(submissionId, channelKeyVersion, draftVersion)
			);
		} finally {
			secretKey.fill(0);
		}
	},

	'staff.sealDraft'({ draft, submissionId, channelKeyVersion, channelPublicKey, draftVersion }) {
		const sealed = sealJsonToChannel(
			draft,
			fromBase64url(channelPublicKey),
			moderationDraftAdditionalData(submissionId, channelKeyVersion, draftVersion)
		);
		return {
			nonce: toBase64url(sealed.nonce),
			ciphertext: toBase64url(sealed.ciphertext),
			sealedDataKey: toBase64url(sealed.sealedDataKey)
		};
	},

	'staff.sealResearchRecord'({ record, recordId, corpusKeyVersion, sealedCorpusKey }) {
		const corpusKeyBytes = openSealed(fromBase64url(sealedCorpusKey), requireStaffKeyPair());
		try {
			const sealed = encryptJson(record, corpusKeyBytes, researchRecordAdditionalData(recordId, corpusKeyVersion));
			return { nonce: toBase64url(sealed.nonce), ciphertext: toBase64url(sealed.ciphertext) };
		} finally {
			corpusKeyBytes.fill(0);
		}
	},

	'staff.sealResearchImage'({ image, imageId, recordId, corpusKeyVersion, sealedCorpusKey }) {
		const jpeg = new Uint8Array(image);
		// Only a JPEG the page re-encoded, with no metadata block, goes to the corpus.
		if (!isCleanJpeg(jpeg)) throw new Error('The photo is not a clean JPEG.');
		const corpusKeyBytes = openSealed(fromBase64url(sealedCorpusKey), requireStaffKeyPair());
		try {
			const sealed = sealResearchImage(jpeg, corpusKeyBytes, { imageId, recordId, corpusKeyVersion });
			return { nonce: toBase64url(sealed.nonce), ciphertext: toBase64url(sealed.ciphertext) };
		} finally {
			corpusKeyBytes.fill(0);
		}
	},

	'staff.sealReply'({ text, replyPublicKey }) {
		return { sealedReply: toBase64url(sealReply({ v: 1, kind: 'reply', text }, fromBase64url(replyPublicKey))) };
	},

	'staff.openSubmission'({ envelope, channelId, channelKeyVersion, channelPublicKey, sealedChannelSecretKey }) {
		const staffKeyPair = requireStaffKeyPair();
		const channelSecretKey = openSealed(fromBase64url(sealedChannelSecretKey), staffKeyPair);
		const channelKeyPair = { publicKey: fromBase64url(channelPublicKey), secretKey: channelSecretKey };
		try {
			return decryptSubmission(
				{
					formatVersion: envelope.formatVersion as 1,
					nonce: fromBase64url(envelope.nonce),
					ciphertext: fromBase64url(envelope.ciphertext),
					sealedDataKey: fromBase64url(envelope.sealedDataKey)
				},
				channelId,
				channelKeyVersion,
				channelKeyPair
			);
		} finally {
			channelSecretKey.fill(0);
		}
	}
});
