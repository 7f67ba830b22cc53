import { describe, expect, it } from 'vitest';
import { useTemporaryDatabase } from '../testing';
import { db } from '.';
import { commitShared } from './shared-commit';

useTemporaryDatabase();

const insert = (key: string) =>
	db().$client.prepare('insert into setting (key, value) values (?, ?)').run(key, 'shared-commit test');
const stored = (prefix: string) =>
	db().$client.prepare('select key from setting where key like ? order by key').pluck().all(`${prefix}%`);
/** Frames in the WAL: every commit appends at least one, whatever it wrote. */
const walFrames = () => (db().$client.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0].log;

describe('writes queued in the same turn share one commit', () => {
	it('commits them together: one sync to disk for all, each answered after it', async () => {
		db().$client.pragma('wal_checkpoint(TRUNCATE)');
		const before = walFrames();
		const keys = Array.from({ length: 20 }, (_, index) => `together.${String(index).padStart(2, '0')}`);
		const answers = await Promise.all(keys.map((key) => commitShared(() => insert(key).changes)));
		expect(answers).toEqual(keys.map(() => 1));
		expect(stored('together.')).toEqual(keys);
		// Twenty commits of their own would have appended twenty frames or more.
		expect(walFrames() - before).toBeLessThan(5);
	});

	it('undoes a write that throws alone, and rejects only its promise', async () => {
		const failure = new Error('this write fails');
		const outcomes = await Promise.allSettled([
			commitShared(() => insert('alone.a')),
			commitShared(() => {
				insert('alone.b');
				throw failure;
			}),
			commitShared(() => insert('alone.c'))
		]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((outcomes[1] as PromiseRejectedResult).reason).toBe(failure);
		expect(stored('alone.')).toEqual(['alone.a', 'alone.c']);
	});

	it('rejects every write of a commit that fails, and keeps none of them', async () => {
		const outcomes = await Promise.allSettled([
			commitShared(() => insert('failed.a')),
			commitShared(() => {
				// Checked only as the transaction commits: the commit itself fails.
				db().$client.pragma('defer_foreign_keys = ON');
				db()
					.$client.prepare('insert into attachment (id, submission_id, declared_bytes) values (?, ?, ?)')
					.run('an-attachment', 'no-such-testimony', 1);
			}),
			commitShared(() => insert('failed.c'))
		]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
		expect(stored('failed.')).toEqual([]);
		expect(db().$client.inTransaction).toBe(false);
		// The next writes commit as usual.
		await commitShared(() => insert('failed.later'));
		expect(stored('failed.')).toEqual(['failed.later']);
	});
});
