/** Column types shared by every domain's tables. */
import { sql, type SQL } from 'drizzle-orm';
import { blob, type SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** Binary values (keys, nonces, ciphertext) as Node Buffers. */
export const bytes = (name: string) => blob(name, { mode: 'buffer' });

/**
 * A column SQLite must not use an index for (`+column`, SQLite's own way to say so). For
 * lookups of a list of ids that are then limited to the caller's channels: without statistics
 * the planner prefers the channel index, and reads every testimony of a channel (50,000 rows,
 * a quarter of a second) instead of the fifty asked for.
 */
export const withoutIndex = (column: SQLiteColumn): SQL => sql`+${column}`;
