/**
 * Group commit for the anonymous writes that arrive many at a time (testimonies under load).
 * Every commit syncs the WAL to disk (synchronous FULL, see ./index.ts), and that sync, not the
 * SQL, is most of what storing a testimony costs. Writes queued in the same turn of the event
 * loop therefore share one transaction and one sync: each still runs alone in a savepoint of
 * its own, and each is answered only after the shared commit has returned, so "stored" still
 * means on disk. Under no load a write is alone in its turn and commits as before, without
 * waiting for company.
 */
import { db } from './index';

type Queued = { work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Outcome = { value: unknown } | { error: unknown };

let queue: Queued[] = [];

/**
 * Runs `work` (synchronous, database writes only) in the next shared transaction. Resolves with
 * its result once committed; rejects with what it threw, having undone only its own writes; or,
 * should the commit itself fail, rejects every write of that transaction with the commit's error.
 */
export function commitShared<T>(work: () => T): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
		// After the poll phase, so that every request whose body arrived in it joins this commit.
		if (queue.length === 1) setImmediate(commitQueued);
	});
}

function commitQueued(): void {
	const batch = queue;
	queue = [];
	const outcomes: Outcome[] = [];
	try {
		db().transaction(() => {
			for (const { work } of batch) {
				try {
					// Nested, so a savepoint: a write that throws is undone alone.
					outcomes.push({ value: db().transaction(work) });
				} catch (error) {
					outcomes.push({ error });
				}
			}
		});
	} catch (error) {
		for (const { reject } of batch) reject(error);
		return;
	}
	batch.forEach(({ resolve, reject }, index) => {
		const outcome = outcomes[index];
		if ('error' in outcome) reject(outcome.error);
		else resolve(outcome.value);
	});
}
