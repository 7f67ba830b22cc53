import { createChallenge, verifySolution } from 'altcha-lib';
import { deriveKey as altchaSha256 } from 'altcha-lib/algorithms/sha';
import { describe, expect, it } from 'vitest';
import { encodeProof } from './proof';
import { deriveSha256Key, mintProof } from './proof-mint';
import { readySodium } from './sodium';

describe('proof of work minting', () => {
	it('derives exactly the key of ALTCHA’s SHA-256 algorithm (cost 1), with libsodium', async () => {
		await readySodium();
		const parameters = { algorithm: 'SHA-256', nonce: '', salt: '', cost: 1, keyLength: 32, keyPrefix: '00' };
		for (const counter of [0, 1, 255, 65_536, 4_294_967_295]) {
			const salt = crypto.getRandomValues(new Uint8Array(16));
			const password = new Uint8Array(20);
			password.set(crypto.getRandomValues(new Uint8Array(16)));
			new DataView(password.buffer).setUint32(16, counter, false);
			const ours = await deriveSha256Key(parameters, salt, password);
			const theirs = await altchaSha256(parameters, salt, password);
			expect(Buffer.from(ours.derivedKey).toString('hex')).toBe(Buffer.from(theirs.derivedKey).toString('hex'));
		}
	});

	it('finds the counter the server chose, in the format the server checks', async () => {
		const secrets = { hmacSignatureSecret: 'challenge-secret', hmacKeySignatureSecret: 'key-secret' };
		const challenge = await createChallenge({
			algorithm: 'SHA-256',
			cost: 1,
			counter: 1234,
			deriveKey: altchaSha256,
			data: { purpose: 'submission', subject: 'AAAAAAAAAAAAAAAAAAAAAA', difficulty: 2000 },
			...secrets
		});
		const proof = await mintProof(challenge);
		expect(proof).toMatch(/^[A-Za-z0-9_-]+$/);
		const payload = JSON.parse(Buffer.from(proof, 'base64url').toString('utf8'));
		expect(payload.solution.counter).toBe(1234);
		expect(encodeProof(payload)).toBe(proof);
		expect((await verifySolution({ ...payload, deriveKey: altchaSha256, ...secrets })).verified).toBe(true);
	});
});
