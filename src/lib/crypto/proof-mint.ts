/**
 * Minting a proof of work, in the survivor's crypto worker (and in the tests, which mint
 * through this very code). See proof.ts for the format.
 */
import { solveChallenge, type Challenge, type DeriveKeyFunction } from 'altcha-lib';
import { encodeProof } from './proof';
import { readySodium, sodiumInstance } from './sodium';

/**
 * ALTCHA's "SHA-256" key derivation with cost 1, SHA-256(salt ‖ nonce ‖ counter), computed
 * with libsodium's synchronous SHA-256: the worker already holds libsodium, and WebCrypto's
 * asynchronous digest costs more in call overhead than in hashing.
 */
export const deriveSha256Key: DeriveKeyFunction = async (parameters, salt, password) => {
	const sodium = sodiumInstance();
	const input = new Uint8Array(salt.length + password.length);
	input.set(salt, 0);
	input.set(password, salt.length);
	let key = sodium.crypto_hash_sha256(input);
	for (let round = 1; round < parameters.cost; round++) key = sodium.crypto_hash_sha256(key);
	return { derivedKey: key.subarray(0, parameters.keyLength ?? 32) };
};

/** Gives up after this long; the caller then fetches a new challenge. */
const MINT_TIMEOUT_MS = 5 * 60 * 1000;

/** Finds the challenge's counter and returns the proof as it is sent in the `x-proof` header. */
export async function mintProof(challenge: Challenge): Promise<string> {
	await readySodium();
	const solution = await solveChallenge({ challenge, deriveKey: deriveSha256Key, timeout: MINT_TIMEOUT_MS });
	if (!solution) throw new Error('The proof of work took too long.');
	return encodeProof({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } });
}
