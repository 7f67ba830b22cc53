import type Database from 'better-sqlite3';

/*
 * Rows for migration tests written straight into an older database file, whose tables the
 * current drizzle schema no longer describes: only what a test names is given, the rest stands in.
 */

/** Inserts a row, giving every other NOT NULL column without a default a stand-in of its type. */
export function insertStandInRow(client: Database.Database, table: string, values: Record<string, unknown>): void {
	const info = client.prepare(`pragma table_info(${table})`).all() as {
		name: string;
		type: string;
		notnull: number;
		dflt_value: unknown;
		pk: number;
	}[];
	const filled: Record<string, unknown> = {};
	for (const column of info) {
		if (column.name in values) filled[column.name] = values[column.name];
		else if (column.notnull && column.dflt_value === null && !(column.pk && column.type === 'integer')) {
			filled[column.name] =
				column.type === 'blob' ? Buffer.alloc(32, 7) : column.type === 'integer' ? 1 : `${table}-${column.name}`;
		}
	}
	const columns = Object.keys(filled);
	client
		.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => '@' + c).join(', ')})`)
		.run(filled);
}
