import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { mintProof } from '$lib/crypto/proof-mint';
import { incomingSubmission, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { db } from '../db';
import { intakeDay, powSpent, submission } from '../db/schema';
import { DEFAULT_INTAKE_BUDGETS, updateIntakeBudgets } from '../settings/intake-budgets';
import { writeSetting } from '../settings/store';
import { IntakeRefused, forgetIntakeMemory } from './budget';
import { ProofRefused, checkProof, issueChallenge } from './proof-of-work';
import { SubmissionRejected, acceptPaidSubmission, type IncomingSubmission } from './submissions';

useTemporaryDatabase();

let adminId: string;
let channelId: string;

beforeAll(() => {
	({ adminId, channelId } = setUpTestDeployment());
	writeSetting('pow_difficulty', '1000');
});

beforeEach(() => {
	db().delete(intakeDay).run();
	forgetIntakeMemory();
	updateIntakeBudgets({ ...DEFAULT_INTAKE_BUDGETS }, adminId);
});

/** A testimony and the proof a survivor's browser minted for it, checked as the endpoint checks it. */
async function paid(overrides: Partial<IncomingSubmission> = {}) {
	const input = incomingSubmission(channelId, overrides);
	const proof = await mintProof(await issueChallenge({ purpose: 'submission', subject: input.id }));
	const checked = checkProof(new Request('http://localhost/', { headers: { [PROOF_HEADER]: proof } }), 'submission');
	return { input, checked };
}

const spentProofs = () => db().select().from(powSpent).all().length;
const testimoniesToday = () => db().select().from(intakeDay).get()?.testimonies ?? 0;
const stored = (id: string) => db().select().from(submission).where(eq(submission.id, id)).get();

describe('acceptPaidSubmission', () => {
	it('spends the proof, counts the testimony and stores it', async () => {
		const { input, checked } = await paid();
		const before = spentProofs();
		await expect(acceptPaidSubmission(checked, input)).resolves.toEqual({ created: true });
		expect(spentProofs()).toBe(before + 1);
		expect(testimoniesToday()).toBe(1);
		expect(stored(input.id)).toBeDefined();
	});

	it('writes nothing for a replayed proof', async () => {
		const { input, checked } = await paid();
		await acceptPaidSubmission(checked, input);
		const before = { spent: spentProofs(), today: testimoniesToday() };
		await expect(acceptPaidSubmission(checked, input)).rejects.toThrow(ProofRefused);
		expect({ spent: spentProofs(), today: testimoniesToday() }).toEqual(before);
	});

	it('keeps the proof spent when the budget refuses, so it cannot be sent again', async () => {
		updateIntakeBudgets({ testimoniesPerMinute: 1 }, adminId);
		const first = await paid();
		await acceptPaidSubmission(first.checked, first.input);
		const { input, checked } = await paid();
		const before = spentProofs();
		await expect(acceptPaidSubmission(checked, input)).rejects.toThrow(IntakeRefused);
		expect(spentProofs()).toBe(before + 1);
		expect(stored(input.id)).toBeUndefined();
		updateIntakeBudgets({ testimoniesPerMinute: 30 }, adminId);
		await expect(acceptPaidSubmission(checked, input)).rejects.toThrow(ProofRefused);
	});

	it('keeps the proof and the budget spent when the testimony is refused', async () => {
		const { input, checked } = await paid({ channelKeyVersion: 99 });
		const before = spentProofs();
		await expect(acceptPaidSubmission(checked, input)).rejects.toThrow(SubmissionRejected);
		expect(spentProofs()).toBe(before + 1);
		expect(testimoniesToday()).toBe(1);
		expect(stored(input.id)).toBeUndefined();
	});
});
