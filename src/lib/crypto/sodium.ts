import sodium from 'libsodium-wrappers-sumo';
import { CryptoError } from './errors';

export type Sodium = typeof sodium;

let sodiumIsReady = false;

/** Loads the libsodium WebAssembly module. Safe to call more than once. */
export async function readySodium(): Promise<void> {
	await sodium.ready;
	sodiumIsReady = true;
}

/** The initialised libsodium instance; throws a CryptoError before readySodium() resolved. */
export function sodiumInstance(): Sodium {
	if (!sodiumIsReady) {
		throw new CryptoError('The crypto module is not ready: await readyCrypto() first');
	}
	return sodium;
}
