/**
 * Proofs of work for this page's anonymous writes. Each is minted in the crypto worker for one
 * write (its kind and id), started as early as that id exists so it is ready when the person
 * presses Send, and spent once. Nothing is kept beyond the page: a kiosk's outbox mints afresh
 * when the line returns (docs/crypto.md, "Proof of work").
 */
import type { ProofBinding, ProofPurpose } from '$lib/crypto/proof';
import { toBase64url } from '$lib/encoding/base64url';
import { ApiError } from './api/http';
import { requestChallenge } from './api/intake';
import { cryptoWorker } from './crypto-client';

/** Proofs being minted or ready, by kind and id. */
const minting = new Map<string, Promise<string>>();
const keyOf = ({ purpose, subject }: ProofBinding) => `${purpose}:${subject}`;

async function mint(binding: ProofBinding): Promise<string> {
	const challenge = await requestChallenge(binding);
	const { proof } = await cryptoWorker.call('proof.mint', { challenge });
	return proof;
}

/** Starts minting the proof for a write while the person is still writing; safe to call twice. */
export function startProof(purpose: ProofPurpose, subject: string): void {
	proofFor({ purpose, subject }).catch(() => {});
}

function proofFor(binding: ProofBinding): Promise<string> {
	const key = keyOf(binding);
	let proof = minting.get(key);
	if (!proof) {
		proof = mint(binding);
		minting.set(key, proof);
		// A failed mint (no line yet) is forgotten, so the next attempt starts over.
		proof.catch(() => minting.delete(key));
	}
	return proof;
}

/** True when the server refused the proof itself (428): a new one may succeed. */
export const isProofRefusal = (cause: unknown) => cause instanceof ApiError && cause.status === 428;

/**
 * Runs one write with its proof. A proof is spent by the server even when the answer is lost on
 * the way back, and expires after an hour: when the server refuses it, one new proof is minted
 * and the write tried again (the server recognises a write it already has).
 */
export async function withProof<T>(
	purpose: ProofPurpose,
	subject: string,
	write: (proof: string) => Promise<T>
): Promise<T> {
	const binding = { purpose, subject };
	const attempt = async () => {
		try {
			const result = await write(await proofFor(binding));
			minting.delete(keyOf(binding));
			return result;
		} catch (cause) {
			// Refused means spent or stale: never offered again. After a lost line it is kept, since
			// it may never have arrived; if it did, the retry is refused and minted afresh.
			if (isProofRefusal(cause)) minting.delete(keyOf(binding));
			throw cause;
		}
	};
	try {
		return await attempt();
	} catch (cause) {
		if (!isProofRefusal(cause)) throw cause;
		return await attempt();
	}
}

/** A fresh write id (16 random bytes, base64url), drawn by the page so its proof can start early. */
export function newWriteId(): string {
	return toBase64url(crypto.getRandomValues(new Uint8Array(16)));
}
