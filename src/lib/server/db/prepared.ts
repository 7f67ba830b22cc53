import { db, type Db } from './index';

/**
 * A query built and compiled once per open database, then run with new values through its
 * placeholders. Drizzle builds a query's SQL, and SQLite compiles it, on every call: tens of
 * microseconds each, which the anonymous endpoints would pay several times per request. Only
 * for the queries on those hot paths; the rest read better as plain drizzle calls.
 */
export function preparedQuery<Query>(build: (database: Db) => Query): () => Query {
	let built: { database: Db; query: Query } | null = null;
	return () => {
		const database = db();
		if (built?.database !== database) built = { database, query: build(database) };
		return built.query;
	};
}
