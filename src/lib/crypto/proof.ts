/**
 * Proof of work for anonymous writes (ALTCHA v2 challenges, `altcha-lib`). The server signs a
 * challenge whose secret counter it chose below the difficulty; the writer finds the counter by
 * trying them in order, and sends the challenge with the key it derived. The server checks two
 * HMACs and nothing else, so verifying costs it almost nothing while minting costs the writer
 * on average half the difficulty in SHA-256 attempts. This part is shared by server and browser;
 * minting is in proof-mint.ts. Format: docs/crypto.md, "Proof of work".
 */
import type { Payload } from 'altcha-lib';
import { toBase64url } from '$lib/encoding/base64url';

/** The request header that carries a proof on every anonymous write. */
export const PROOF_HEADER = 'x-proof';

/** What a proof may pay for; each is bound to one id (see `ProofBinding`). */
export const PROOF_PURPOSES = ['submission', 'attachment', 'message', 'withdraw'] as const;
export type ProofPurpose = (typeof PROOF_PURPOSES)[number];

/**
 * The write a challenge was issued for: a submission, attachment or message id, or for a
 * withdrawal the receipt's lookup token. Signed into the challenge, so one proof pays for one
 * write only.
 */
export type ProofBinding = { purpose: ProofPurpose; subject: string };

/** Longest proof header accepted (a proof is about 560 characters). */
export const MAX_PROOF_CHARS = 2048;

/** base64url (no padding) of the UTF-8 JSON `{ challenge, solution }`: ALTCHA's own payload. */
export function encodeProof(payload: Payload): string {
	return toBase64url(new TextEncoder().encode(JSON.stringify(payload)));
}
