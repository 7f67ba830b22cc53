import { createHmac, randomBytes } from 'node:crypto';
import { verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpTestDeployment, useTemporaryDatabase } from '../testing';

useTemporaryDatabase();

const { mintProof } = await import('$lib/crypto/proof-mint');
const { PROOF_HEADER } = await import('$lib/crypto/proof');
const {
	CHALLENGE_LIFETIME_SECONDS,
	ProofRefused,
	checkProof,
	issueChallenge,
	pruneSpentProofs,
	requireProof,
	spendProof
} = await import('./proof-of-work');
const { updateDeploymentSettings, powDifficulty, DEFAULT_POW_DIFFICULTY } = await import('../settings/settings');
const { readSetting, serverSecret, writeSetting } = await import('../settings/store');
const { db } = await import('../db');
const { auditEvent, powSpent } = await import('../db/schema');

const newId = () => randomBytes(16).toString('base64url');
const withProof = (proof: string | null) =>
	new Request('http://localhost/api/submissions', { method: 'POST', headers: proof ? { [PROOF_HEADER]: proof } : {} });

async function minted(purpose: 'submission' | 'attachment' | 'message' | 'withdraw', subject: string) {
	return mintProof(await issueChallenge({ purpose, subject }));
}

/** The refusal `attempt` throws or rejects with. */
async function refusal(attempt: () => unknown): Promise<InstanceType<typeof ProofRefused>> {
	const cause = await Promise.resolve()
		.then(attempt)
		.then(
			() => null,
			(error: unknown) => error
		);
	expect(cause).toBeInstanceOf(ProofRefused);
	return cause as InstanceType<typeof ProofRefused>;
}

describe('proof of work on anonymous writes', () => {
	beforeAll(() => {
		// Low, so the tests mint in milliseconds; the checks are the same at any level.
		writeSetting('pow_difficulty', '2000');
	});

	it('accepts a proof minted for the write it pays for, once', async () => {
		const id = newId();
		const proof = await minted('submission', id);
		await requireProof(withProof(proof), { purpose: 'submission', subject: id });
		const replay = await refusal(() => requireProof(withProof(proof), { purpose: 'submission', subject: id }));
		expect(replay.status).toBe(428);
		expect(replay.message).toMatch(/already used/);
	});

	it('refuses a request without a proof, with a message that does not echo input', async () => {
		const missing = await refusal(() => checkProof(withProof(null), 'submission'));
		expect(missing.status).toBe(428);
		const junk = 'PAYLOAD_' + 'A'.repeat(100);
		const malformed = await refusal(() => checkProof(withProof(junk), 'submission'));
		expect(malformed.message).not.toContain('PAYLOAD_');
	});

	it('refuses a proof minted for another id or another kind of write', async () => {
		const proof = await minted('submission', newId());
		const other = await refusal(() => requireProof(withProof(proof), { purpose: 'submission', subject: newId() }));
		expect(other.message).toMatch(/another request/);
		const attachment = await minted('attachment', newId());
		await refusal(() => checkProof(withProof(attachment), 'submission'));
	});

	it('refuses a proof whose work was not done, or whose challenge was altered', async () => {
		const id = newId();
		const challenge = await issueChallenge({ purpose: 'submission', subject: id });
		const lazy = Buffer.from(
			JSON.stringify({ challenge, solution: { counter: 0, derivedKey: '00'.repeat(32) } })
		).toString('base64url');
		expect((await refusal(() => checkProof(withProof(lazy), 'submission'))).message).toMatch(/not valid/);

		const proof = await minted('submission', id);
		const payload = JSON.parse(Buffer.from(proof, 'base64url').toString('utf8'));
		payload.challenge.parameters.data.subject = newId();
		const altered = Buffer.from(JSON.stringify(payload)).toString('base64url');
		await refusal(() => checkProof(withProof(altered), 'submission'));
	});

	it("agrees with altcha-lib's own check on good, lazy and altered proofs", async () => {
		const derive = (label: string) =>
			createHmac('sha256', serverSecret()).update(`trips-voice:v1:pow:${label}`).digest('hex');
		const libraryVerdict = async (proof: string) => {
			const { challenge, solution } = JSON.parse(Buffer.from(proof, 'base64url').toString('utf8'));
			const result = await verifySolution({
				challenge,
				solution,
				deriveKey,
				hmacSignatureSecret: derive('challenge'),
				hmacKeySignatureSecret: derive('derived-key')
			});
			return result.verified;
		};
		const ourVerdict = (proof: string) => {
			try {
				checkProof(withProof(proof), 'submission');
				return true;
			} catch (cause) {
				expect(cause).toBeInstanceOf(ProofRefused);
				return false;
			}
		};
		const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
		const good = await minted('submission', newId());
		const other = JSON.parse(Buffer.from(await minted('submission', newId()), 'base64url').toString('utf8'));
		const alter = (change: (payload: typeof other) => void) => {
			const payload = JSON.parse(Buffer.from(good, 'base64url').toString('utf8'));
			change(payload);
			return encode(payload);
		};
		const cases = {
			good,
			'keys in another order': alter((payload) => {
				const { data, ...rest } = payload.challenge.parameters;
				payload.challenge.parameters = { ...Object.fromEntries(Object.entries(rest).reverse()), data };
			}),
			'another derived key': alter((payload) => (payload.solution.derivedKey = other.solution.derivedKey)),
			'another key signature': alter(
				(payload) => (payload.challenge.parameters.keySignature = other.challenge.parameters.keySignature)
			),
			'another salt': alter((payload) => (payload.challenge.parameters.salt = other.challenge.parameters.salt)),
			'another signature': alter((payload) => (payload.challenge.signature = other.challenge.signature))
		};
		const verdicts = await Promise.all(
			Object.entries(cases).map(async ([name, proof]) => [name, ourVerdict(proof), await libraryVerdict(proof)])
		);
		for (const [name, ours, library] of verdicts) expect({ name, ours }).toEqual({ name, ours: library });
		expect(verdicts.filter(([, ours]) => ours).map(([name]) => name)).toEqual(['good', 'keys in another order']);
	});

	it('signs with the current server secret: a proof made under a replaced one is refused', async () => {
		const before = await minted('submission', newId());
		checkProof(withProof(before), 'submission');
		const previous = readSetting('server_secret')!;
		writeSetting('server_secret', randomBytes(32).toString('base64url'));
		try {
			expect((await refusal(() => checkProof(withProof(before), 'submission'))).message).toMatch(/not valid/);
			checkProof(withProof(await minted('submission', newId())), 'submission');
		} finally {
			writeSetting('server_secret', previous);
		}
	});

	it('refuses a proof after its challenge expired', async () => {
		const proof = await minted('submission', newId());
		const later = new Date(Date.now() + (CHALLENGE_LIFETIME_SECONDS + 60) * 1000);
		expect((await refusal(() => checkProof(withProof(proof), 'submission', later))).message).toMatch(/expired/);
	});

	it('refuses a proof minted before an admin raised the difficulty', async () => {
		const id = newId();
		const easy = await minted('submission', id);
		const { adminId } = setUpTestDeployment();
		updateDeploymentSettings({ powDifficulty: 4000 }, adminId);
		try {
			expect(powDifficulty()).toBe(4000);
			expect((await refusal(() => checkProof(withProof(easy), 'submission'))).message).toMatch(/too easy/);
			const audit = db()
				.select()
				.from(auditEvent)
				.all()
				.find((event) => event.action === 'settings.pow_difficulty');
			expect(audit).toMatchObject({ actorId: adminId, detail: { from: 2000, to: 4000 } });
			// A proof minted at the new level is accepted.
			await requireProof(withProof(await minted('submission', id)), { purpose: 'submission', subject: id });
		} finally {
			writeSetting('pow_difficulty', '2000');
		}
	});

	it('keeps spent proofs on disk until their challenge expired, then prunes them', async () => {
		const id = newId();
		const checked = checkProof(withProof(await minted('message', id)), 'message');
		spendProof(checked, id);
		const rows = db().select().from(powSpent).all();
		expect(rows.length).toBeGreaterThan(0);
		// Hour precision only: never the second a survivor wrote.
		for (const row of rows) expect(Number.isInteger(row.expiresHour)).toBe(true);
		expect(pruneSpentProofs(new Date())).toBe(0);
		const afterExpiry = new Date(Date.now() + (CHALLENGE_LIFETIME_SECONDS + 2 * 3600) * 1000);
		expect(pruneSpentProofs(afterExpiry)).toBe(rows.length);
		expect(db().select().from(powSpent).all()).toHaveLength(0);
	});

	it('draws a new secret counter below the difficulty for every challenge', async () => {
		const a = await issueChallenge({ purpose: 'submission', subject: newId() });
		const b = await issueChallenge({ purpose: 'submission', subject: newId() });
		expect(a.parameters.keyPrefix).not.toBe(b.parameters.keyPrefix);
		expect(a.parameters.data).toMatchObject({ purpose: 'submission', difficulty: 2000 });
		expect(DEFAULT_POW_DIFFICULTY).toBeGreaterThan(2000);
	});
});
