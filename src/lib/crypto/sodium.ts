import sodium from 'libsodium-wrappers-sumo';
import { CryptoError } from './errors';

export type Sodium = typeof sodium;

let readyInstance: Sodium | null = null;

/**
 * Loads libsodium. Safe to call more than once.
 *
 * Where WebAssembly is off (Tor Browser at "Safer", Chromium with --jitless) the WebAssembly
 * build cannot start, so the same library compiled to plain JavaScript is fetched instead: the
 * same functions and the same bytes out, many times slower. Browsers with WebAssembly never
 * download it.
 */
export async function readySodium(): Promise<void> {
	if (readyInstance) return;
	try {
		await sodium.ready;
		readyInstance = sodium;
	} catch (cause) {
		if (typeof WebAssembly !== 'undefined') throw cause;
		const { default: plainSodium } = await import('libsodium-wrappers-sumo-without-webassembly');
		await plainSodium.ready;
		readyInstance = plainSodium;
	}
}

/** The initialised libsodium instance; throws a CryptoError before readySodium() resolved. */
export function sodiumInstance(): Sodium {
	if (!readyInstance) {
		throw new CryptoError('The crypto module is not ready: await readyCrypto() first');
	}
	return readyInstance;
}
