import { mintProof } from '$lib/crypto/proof-mint';
import type { ProofPurpose } from '$lib/crypto/proof';

/**
 * A proof of work for one anonymous write, as a survivor's browser makes it: a challenge from
 * the portal, minted by the same code the crypto worker runs.
 */
export async function mintedProof(origin: string, purpose: ProofPurpose, subject: string): Promise<string> {
	const response = await fetch(`${origin}/api/proofs`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ purpose, subject })
	});
	if (response.status !== 200) throw new Error(`No challenge: ${response.status} ${await response.text()}`);
	return mintProof(await response.json());
}
