/// <reference lib="webworker" />
import {
	answerChannelKeyChallenge,
	answerCorpusKeyChallenge,
	corpusKeyCheckPublicKey,
	CRYPTO,
	decryptSubmission,
	deriveReceiptKeys,
	deriveStaffKeys,
	encryptSubmission,
	formatReceipt,
	fromBase64url,
	newChannelKeyPair,
	newCorpusKey,
	newPwhashSalt,
	newReceipt,
	newRecoveryKey,
	newStaffKeyPair,
	openReply,
	openSealed,
	parseReceipt,
	publicKeyFingerprint,
	recoveryKeys,
	decryptVoiceNote,
	encryptJson,
	moderationDraftAdditionalData,
	openJsonFromChannel,
	researchRecordAdditionalData,
	sealJsonToChannel,
	sealReply,
	encryptVoiceNote,
	voiceNoteAdditionalData,
	readyCrypto,
	sealToPublicKey,
	toBase64url,
	unwrapSecretKey,
	wrapSecretKey,
	type ReceiptKeys,
	type StaffKeyPair,
	type SubmissionPayload,
	type WrappedKey
} from '$lib/crypto';
import { mintProof } from '$lib/crypto/proof-mint';
import type {
	CryptoOpName,
	CryptoOps,
	CryptoRequest,
	CryptoResponse,
	KeyRecipient,
	SealedBox,
	SealedGrant
} from './crypto-protocol';

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

function sealForChannel(payload: SubmissionPayload, channelId: string, channelKeyVersion: number, channelPublicKey: string) {
	const envelope = encryptSubmission(payload, {
		channelId,
		channelKeyVersion,
		channelPublicKey: fromBase64url(channelPublicKey)
	});
	return {
		formatVersion: envelope.formatVersion,
		nonce: toBase64url(envelope.nonce),
		ciphertext: toBase64url(envelope.ciphertext),
		sealedDataKey: toBase64url(envelope.sealedDataKey)
	};
}

/** Keys unlocked in this worker. They never leave it and vanish with it. */
const unlocked: { keyEncryptionKey: Uint8Array | null; staffKeyPair: StaffKeyPair | null } = {
	keyEncryptionKey: null,
	staffKeyPair: null
};

const wrapped = (box: WrappedKey): SealedBox => ({
	nonce: toBase64url(box.nonce),
	ciphertext: toBase64url(box.ciphertext)
});

function randomId(): string {
	return toBase64url(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

function lock(): void {
	researchModule?.then((module) => module.forgetCorpus());
	unlocked.keyEncryptionKey?.fill(0);
	unlocked.staffKeyPair?.secretKey.fill(0);
	unlocked.keyEncryptionKey = null;
	unlocked.staffKeyPair = null;
}

function sealToEach(secret: Uint8Array, recipients: KeyRecipient[]): SealedGrant[] {
	return recipients.map(({ userId, publicKey }) => ({
		userId,
		sealedKey: toBase64url(sealToPublicKey(secret, fromBase64url(publicKey)))
	}));
}

const STAFF_PWHASH = {
	algorithm: CRYPTO.staffPwhash.algorithm,
	opsLimit: CRYPTO.staffPwhash.opsLimit,
	memLimitBytes: CRYPTO.staffPwhash.memLimitBytes
};

/** A fresh salt and Argon2id run for a passphrase, wrapping the given private key. */
function passphraseMaterial(passphrase: string, staffKeyPair: StaffKeyPair) {
	const salt = newPwhashSalt();
	const { authKey, keyEncryptionKey } = deriveStaffKeys(passphrase, salt, STAFF_PWHASH);
	const material = {
		pwhashSalt: toBase64url(salt),
		pwhashOpsLimit: STAFF_PWHASH.opsLimit,
		pwhashMemLimit: STAFF_PWHASH.memLimitBytes,
		authKey: toBase64url(authKey),
		wrappedSecretKey: wrapped(wrapSecretKey(staffKeyPair.secretKey, keyEncryptionKey, staffKeyPair.publicKey, 'passphrase'))
	};
	authKey.fill(0);
	return { material, keyEncryptionKey };
}

/** A staff member's key pair, passphrase material and recovery key; left unlocked here. */
function newAccount(passphrase: string) {
	const staffKeyPair = newStaffKeyPair();
	const recovery = newRecoveryKey();
	const { material, keyEncryptionKey } = passphraseMaterial(passphrase, staffKeyPair);
	const account = {
		...material,
		publicKey: toBase64url(staffKeyPair.publicKey),
		recoveryWrappedSecretKey: wrapped(
			wrapSecretKey(staffKeyPair.secretKey, recovery.wrappingKey, staffKeyPair.publicKey, 'recovery')
		),
		recoveryAuthKey: toBase64url(recovery.authKey)
	};
	recovery.wrappingKey.fill(0);
	recovery.authKey.fill(0);
	lock();
	unlocked.keyEncryptionKey = keyEncryptionKey;
	unlocked.staffKeyPair = staffKeyPair;
	return { account, recoveryKey: recovery.recoveryKey, staffKeyPair };
}

function requireStaffKeyPair(): StaffKeyPair {
	if (!unlocked.staffKeyPair) throw new Error('Unlock with your passphrase first.');
	return unlocked.staffKeyPair;
}

type Handlers = { [K in CryptoOpName]: (argument: CryptoOps[K][0]) => CryptoOps[K][1] | Promise<CryptoOps[K][1]> };

/** The research corpus code (search index included) is fetched only by researchers' pages. */
let researchModule: Promise<typeof import('./research-worker-ops')> | null = null;
const research = () => (researchModule ??= import('./research-worker-ops'));

const handlers: Handlers = {
	'survivor.prepare'({ deploymentSalt }) {
		prepareReceipt(deploymentSalt);
		survivor.submissionId ??= randomId();
		return { submissionId: survivor.submissionId };
	},

	'survivor.seal'({ payload, channelId, channelKeyVersion, channelPublicKey, deploymentSalt, attachments }) {
		const { receipt, keys } = prepareReceipt(deploymentSalt);
		// The prepared id serves one sealing only: sealed again after an edit, it is a new testimony.
		const id = survivor.submissionId ?? randomId();
		survivor.submissionId = null;
		const upload = {
			id,
			channelId,
			channelKeyVersion,
			...sealForChannel(payload, channelId, channelKeyVersion, channelPublicKey),
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

	'survivor.sealMessage'({ payload, channelId, channelKeyVersion, channelPublicKey, attachments, id }) {
		return {
			id: id && /^[A-Za-z0-9_-]{22}$/.test(id) ? id : randomId(),
			channelKeyVersion,
			...sealForChannel(payload, channelId, channelKeyVersion, channelPublicKey),
			attachments
		};
	},

	'survivor.forget'() {
		forgetSurvivor();
		return {};
	},

	async 'proof.mint'({ challenge }) {
		return { proof: await mintProof(challenge) };
	},

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

	async 'research.openCorpus'(argument) {
		return (await research()).openCorpus(argument, requireStaffKeyPair());
	},
	async 'research.search'(argument) {
		return (await research()).researchHandlers.search(argument);
	},
	async 'research.setCodings'(argument) {
		return (await research()).researchHandlers.setCodings(argument);
	},
	async 'research.matches'(argument) {
		return (await research()).researchHandlers.matches(argument);
	},
	async 'research.openMemos'(argument) {
		return (await research()).openMemos(argument, requireStaffKeyPair());
	},
	async 'research.sealMemo'(argument) {
		return (await research()).sealMemo(argument, requireStaffKeyPair());
	},
	async 'research.close'() {
		(await researchModule)?.forgetCorpus();
		return {};
	},

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
			return { checkPublicKey: toBase64url(corpusKeyCheckPublicKey(corpusKey)), grants: sealToEach(corpusKey, recipients) };
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
		const audio = decryptVoiceNote(new Uint8Array(ciphertext), fromBase64url(key), fromBase64url(header), voiceNoteAdditionalData(attachmentId));
		return { audio: audio.buffer.slice(audio.byteOffset, audio.byteOffset + audio.byteLength) as ArrayBuffer };
	},

	'staff.openDraft'({ draft, submissionId, channelKeyVersion, channelPublicKey, draftVersion, sealedChannelSecretKey }) {
		const secretKey = openSealed(fromBase64url(sealedChannelSecretKey), requireStaffKeyPair());
		try {
			return openJsonFromChannel(
				{ nonce: fromBase64url(draft.nonce), ciphertext: fromBase64url(draft.ciphertext), sealedDataKey: fromBase64url(draft.sealedDataKey) },
				{ publicKey: fromBase64url(channelPublicKey), secretKey },
				moderationDraftAdditionalData(submissionId, channelKeyVersion, draftVersion)
			);
		} finally {
			secretKey.fill(0);
		}
	},

	'staff.sealDraft'({ draft, submissionId, channelKeyVersion, channelPublicKey, draftVersion }) {
		const sealed = sealJsonToChannel(draft, fromBase64url(channelPublicKey), moderationDraftAdditionalData(submissionId, channelKeyVersion, draftVersion));
		return { nonce: toBase64url(sealed.nonce), ciphertext: toBase64url(sealed.ciphertext), sealedDataKey: toBase64url(sealed.sealedDataKey) };
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
};

const ready = readyCrypto();

self.onmessage = async (event: MessageEvent<CryptoRequest>) => {
	const { id, op, argument } = event.data;
	let reply: CryptoResponse;
	let transfer: Transferable[] = [];
	try {
		await ready;
		const handler = handlers[op] as (argument: unknown) => unknown;
		if (!handler) throw new Error(`Unknown operation ${op}.`);
		const result = await handler(argument);
		// Encrypted voice notes are large: hand their buffer over instead of copying it.
		if (result && typeof result === 'object') {
			transfer = Object.values(result).filter((value): value is ArrayBuffer => value instanceof ArrayBuffer);
		}
		reply = { id, ok: true, result };
	} catch (cause) {
		const error = cause instanceof Error ? cause : new Error(String(cause));
		reply = { id, ok: false, error: { name: error.name, message: error.message } };
	}
	self.postMessage(reply, { transfer });
};
