/// <reference lib="webworker" />
import {
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
	openSealed,
	readyCrypto,
	sealToPublicKey,
	toBase64url,
	unwrapSecretKey,
	wrapSecretKey,
	type StaffKeyPair,
	type WrappedKey
} from '$lib/crypto';
import type {
	CryptoOpName,
	CryptoOps,
	CryptoRequest,
	CryptoResponse,
	SealedBox
} from './crypto-protocol';

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
	unlocked.keyEncryptionKey?.fill(0);
	unlocked.staffKeyPair?.secretKey.fill(0);
	unlocked.keyEncryptionKey = null;
	unlocked.staffKeyPair = null;
}

function requireStaffKeyPair(): StaffKeyPair {
	if (!unlocked.staffKeyPair) throw new Error('Unlock with your passphrase first.');
	return unlocked.staffKeyPair;
}

type Handlers = { [K in CryptoOpName]: (argument: CryptoOps[K][0]) => CryptoOps[K][1] };

const handlers: Handlers = {
	'survivor.seal'({ payload, channelId, channelKeyVersion, channelPublicKey, deploymentSalt }) {
		const receipt = newReceipt();
		const receiptKeys = deriveReceiptKeys(receipt, fromBase64url(deploymentSalt));
		const envelope = encryptSubmission(payload, {
			channelId,
			channelKeyVersion,
			channelPublicKey: fromBase64url(channelPublicKey)
		});
		const upload = {
			id: randomId(),
			channelId,
			channelKeyVersion,
			formatVersion: envelope.formatVersion,
			nonce: toBase64url(envelope.nonce),
			ciphertext: toBase64url(envelope.ciphertext),
			sealedDataKey: toBase64url(envelope.sealedDataKey),
			receiptLookupToken: toBase64url(receiptKeys.lookupToken),
			replyPublicKey: toBase64url(receiptKeys.replyKeyPair.publicKey)
		};
		receiptKeys.replyKeyPair.secretKey.fill(0);
		return { receipt: formatReceipt(receipt), upload };
	},

	'staff.setup'({ passphrase }) {
		const salt = newPwhashSalt();
		const params = {
			algorithm: CRYPTO.staffPwhash.algorithm,
			opsLimit: CRYPTO.staffPwhash.opsLimit,
			memLimitBytes: CRYPTO.staffPwhash.memLimitBytes
		};
		const { authKey, keyEncryptionKey } = deriveStaffKeys(passphrase, salt, params);
		const staffKeyPair = newStaffKeyPair();
		const recovery = newRecoveryKey();
		const channelKeyPair = newChannelKeyPair();
		const corpusKey = newCorpusKey();
		const material = {
			admin: {
				pwhashSalt: toBase64url(salt),
				pwhashOpsLimit: params.opsLimit,
				pwhashMemLimit: params.memLimitBytes,
				authKey: toBase64url(authKey),
				publicKey: toBase64url(staffKeyPair.publicKey),
				wrappedSecretKey: wrapped(
					wrapSecretKey(staffKeyPair.secretKey, keyEncryptionKey, staffKeyPair.publicKey, 'passphrase')
				),
				recoveryWrappedSecretKey: wrapped(
					wrapSecretKey(staffKeyPair.secretKey, recovery.wrappingKey, staffKeyPair.publicKey, 'recovery')
				)
			},
			channel: {
				publicKey: toBase64url(channelKeyPair.publicKey),
				sealedSecretKey: toBase64url(sealToPublicKey(channelKeyPair.secretKey, staffKeyPair.publicKey))
			},
			sealedCorpusKey: toBase64url(sealToPublicKey(corpusKey, staffKeyPair.publicKey)),
			recoveryKey: recovery.recoveryKey
		};
		channelKeyPair.secretKey.fill(0);
		corpusKey.fill(0);
		recovery.wrappingKey.fill(0);
		lock();
		unlocked.keyEncryptionKey = keyEncryptionKey;
		unlocked.staffKeyPair = staffKeyPair;
		return material;
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
	try {
		await ready;
		const handler = handlers[op] as (argument: unknown) => unknown;
		if (!handler) throw new Error(`Unknown operation ${op}.`);
		reply = { id, ok: true, result: handler(argument) };
	} catch (cause) {
		const error = cause instanceof Error ? cause : new Error(String(cause));
		reply = { id, ok: false, error: { name: error.name, message: error.message } };
	}
	self.postMessage(reply);
};
