import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../db';
import { submission } from '../db/schema';
import { startRetentionSchedule } from './retention';
import { NOW, PAST_GRACE, addTestimony, submissionRow, useRetentionDeployment } from './fixtures';

useRetentionDeployment();

describe('startRetentionSchedule', () => {
	afterEach(() => {
		vi.useRealTimers();
		vi.restoreAllMocks();
	});

	it('runs shortly after start and then at every interval, logging counts only, until stopped', () => {
		vi.useFakeTimers();
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		const { id } = addTestimony({ status: 'rejected', decidedAt: PAST_GRACE });
		const stop = startRetentionSchedule({ intervalMs: 60_000, now: () => NOW });

		vi.advanceTimersByTime(4_999);
		expect(log).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(log).toHaveBeenCalledTimes(1);
		expect(log.mock.calls[0][0]).toMatch(/1 rejected/);
		expect(log.mock.calls[0][0]).not.toContain(id);
		expect(submissionRow(id)).toBeUndefined();

		vi.advanceTimersByTime(60_000);
		expect(log).toHaveBeenCalledTimes(2);
		expect(log.mock.calls[1][0]).toMatch(/0 rejected/);

		stop();
		vi.advanceTimersByTime(10 * 60_000);
		expect(log).toHaveBeenCalledTimes(2);
	});

	it('starts nothing when the command-line module is only imported', async () => {
		vi.useFakeTimers();
		const log = vi.spyOn(console, 'log').mockImplementation(() => {});
		addTestimony({ status: 'rejected', decidedAt: PAST_GRACE });

		await import('../../../cli/retention');
		vi.advanceTimersByTime(24 * 60 * 60 * 1000);

		expect(log).not.toHaveBeenCalled();
		expect(db().select().from(submission).all()).toHaveLength(1);
	});
});
