import { describe, expect, it, vi } from 'vitest';
import { amina, code, coding, record, workspaceWith } from './testing';
import { WithdrawalCheck } from './withdrawals.svelte';

vi.mock('$lib/client/crypto-client', () => ({ cryptoWorker: { call: vi.fn(async () => ({})) } }));

const housing = code('code-housing', 'Housing');

function openCorpus(count: number) {
	const records = Array.from({ length: count }, (_, index) => record(`record-${index}`));
	return workspaceWith(records, {
		codes: [housing],
		codings: [coding('record-1', housing.id, amina.id, 0, 5), coding('record-2', housing.id, amina.id, 0, 5)],
		memos: []
	});
}

describe('re-checking withdrawals', () => {
	it('drops the records the server says have gone, with their codings, and counts them for the notice', async () => {
		const workspace = openCorpus(3);
		const ask = vi.fn(async (ids: string[]) => ({ gone: ids.filter((id) => id === 'record-1') }));
		const check = new WithdrawalCheck(workspace, ask);
		expect(await check.recheck()).toEqual(['record-1']);
		expect(workspace.records.map((held) => held.id)).toEqual(['record-0', 'record-2']);
		expect(workspace.recordsById.has('record-1')).toBe(false);
		expect(workspace.codings.map((held) => held.recordId)).toEqual(['record-2']);
		expect(check.dropped).toBe(1);
		check.reset();
		expect(check.dropped).toBe(0);
	});

	it('asks only about records this browser holds, a few thousand at a time', async () => {
		const workspace = openCorpus(12_001);
		const ask = vi.fn(async (ids: string[]) => ({ gone: ids.filter(() => false) }));
		await new WithdrawalCheck(workspace, ask).recheck();
		expect(ask.mock.calls.map(([ids]) => ids.length)).toEqual([5000, 5000, 2001]);
		expect(workspace.records).toHaveLength(12_001);
	});

	it('ignores an answer naming a record it did not ask about', async () => {
		const workspace = openCorpus(3);
		const check = new WithdrawalCheck(workspace, async () => ({ gone: ['record-2', 'record-0'] }));
		expect(await check.recheck(['record-0'])).toEqual(['record-0']);
		expect(workspace.records.map((held) => held.id)).toEqual(['record-1', 'record-2']);
	});

	it('throws when the server cannot be asked, and drops nothing', async () => {
		const workspace = openCorpus(2);
		const check = new WithdrawalCheck(workspace, async () => {
			throw new Error('offline');
		});
		await expect(check.recheck()).rejects.toThrow('offline');
		expect(workspace.records).toHaveLength(2);
		expect(check.dropped).toBe(0);
	});
});
