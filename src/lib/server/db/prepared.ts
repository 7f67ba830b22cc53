import { db, type Db } from './index';

/**
 * A query built and compiled once per open database, then run with new values through its
 * placeholders. Drizzle builds a query's SQL, and SQLite compiles it, on every call: tens of
 * microseconds each, which the anonymous endpoints would pay several times per request. Only
 * for the queries on those hot paths; the rest read better as plain drizzle calls.
 */
export function preparedQuery<Query>(build: (database: Db) => Query): () => Query {
	let builtFor: Db | null = null;
	let query: Query | null = null;
	return () => {
		const current = db();
		if (current !== builtFor || query === null) {
			query = build(current);
			builtFor = current;
		}
		return query;
	};
}
