import { inArray } from 'drizzle-orm';
import { db } from '../db';
import { researchRecord } from '../db/schema';

/** Ids a browser may ask about at once; a larger open corpus asks in several requests. */
export const HELD_RECORDS_PER_CHECK = 5000;
/** Comfortably under SQLite's limit on bound parameters. */
const QUERY_CHUNK = 500;

/**
 * Of the research records a reader already holds open, the ones no longer in the corpus: withdrawn
 * by their author, or deleted by retention. The answer is a subset of what was asked, so it reveals
 * nothing the reader did not already have (not the ids of records approved since, nor why one went).
 */
export function goneRecords(heldIds: readonly string[]): string[] {
	const asked = [...new Set(heldIds)];
	const present = new Set<string>();
	for (let start = 0; start < asked.length; start += QUERY_CHUNK) {
		const rows = db()
			.select({ id: researchRecord.id })
			.from(researchRecord)
			.where(inArray(researchRecord.id, asked.slice(start, start + QUERY_CHUNK)))
			.all();
		for (const row of rows) present.add(row.id);
	}
	return asked.filter((id) => !present.has(id));
}
