/**
 * The staff member's keys inside the staff worker: the key-encryption key derived from the
 * passphrase and the unlocked key pair, with the account material built from them (a new
 * account, a new passphrase). They never leave the worker and vanish with it or on lock.
 */
import {
	CRYPTO,
	deriveStaffKeys,
	newPwhashSalt,
	newRecoveryKey,
	newStaffKeyPair,
	toBase64url,
	wrapSecretKey,
	type StaffKeyPair,
	type WrappedKey
} from '$lib/crypto';
import type { SealedBox } from '../crypto-protocol';
import { forgetCorpus } from './research-ops';

/** Keys unlocked in this worker. They never leave it and vanish with it. */
export const unlocked: { keyEncryptionKey: Uint8Array | null; staffKeyPair: StaffKeyPair | null } = {
	keyEncryptionKey: null,
	staffKeyPair: null
};

const wrapped = (box: WrappedKey): SealedBox => ({
	nonce: toBase64url(box.nonce),
	ciphertext: toBase64url(box.ciphertext)
});

export function lock(): void {
	forgetCorpus();
	unlocked.keyEncryptionKey?.fill(0);
	unlocked.staffKeyPair?.secretKey.fill(0);
	unlocked.keyEncryptionKey = null;
	unlocked.staffKeyPair = null;
}

export function requireStaffKeyPair(): StaffKeyPair {
	if (!unlocked.staffKeyPair) throw new Error('Unlock with your passphrase first.');
	return unlocked.staffKeyPair;
}

const STAFF_PWHASH = {
	algorithm: CRYPTO.staffPwhash.algorithm,
	opsLimit: CRYPTO.staffPwhash.opsLimit,
	memLimitBytes: CRYPTO.staffPwhash.memLimitBytes
};

/** A fresh salt and Argon2id run for a passphrase, wrapping the given private key. */
export function passphraseMaterial(passphrase: string, staffKeyPair: StaffKeyPair) {
	const salt = newPwhashSalt();
	const { authKey, keyEncryptionKey } = deriveStaffKeys(passphrase, salt, STAFF_PWHASH);
	const material = {
		pwhashSalt: toBase64url(salt),
		pwhashOpsLimit: STAFF_PWHASH.opsLimit,
		pwhashMemLimit: STAFF_PWHASH.memLimitBytes,
		authKey: toBase64url(authKey),
		wrappedSecretKey: wrapped(
			wrapSecretKey(staffKeyPair.secretKey, keyEncryptionKey, staffKeyPair.publicKey, 'passphrase')
		)
	};
	authKey.fill(0);
	return { material, keyEncryptionKey };
}

/** A staff member's key pair, passphrase material and recovery key; left unlocked here. */
export function newAccount(passphrase: string) {
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
