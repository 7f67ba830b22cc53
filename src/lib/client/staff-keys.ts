import { logIn, logOut, loginParams } from './api/auth';
import { cryptoWorker } from './crypto-client';
import type { StaffKeyMaterial } from './crypto-protocol';

/** Unlocks the staff private key inside the worker; the passphrase goes no further. */
export async function unlockWithPassphrase(passphrase: string, material: StaffKeyMaterial): Promise<void> {
	await cryptoWorker.call('staff.derive', { passphrase, pwhash: material.pwhash });
	await cryptoWorker.call('staff.unlock', { material });
}

/**
 * Signs in: the browser derives the auth key from the passphrase with Argon2id, the server sees
 * only that key, and the answer's wrapped private key is unlocked in the worker.
 */
export async function signIn(username: string, passphrase: string, code: string): Promise<void> {
	const authKey = await deriveAuthKey(username, passphrase);
	const { material } = await logIn({ username, authKey, code });
	await cryptoWorker.call('staff.unlock', { material });
}

/** The auth key for a username and passphrase, derived in the worker from the login parameters. */
export async function deriveAuthKey(username: string, passphrase: string): Promise<string> {
	const pwhash = await loginParams(username);
	const { authKey } = await cryptoWorker.call('staff.derive', { passphrase, pwhash });
	return authKey;
}

export async function signOut(): Promise<void> {
	cryptoWorker.terminate();
	await logOut();
}
