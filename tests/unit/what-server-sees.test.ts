/**
 * docs/crypto.md §9 lists every column of every table with what kind of thing it holds. This
 * reads the tables from the drizzle schema and from a freshly migrated database (so a table made
 * by a hand-written migration counts too), and fails when a column is missing from the list or
 * the list names one that no longer exists: a new column cannot go unlisted.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { is } from 'drizzle-orm';
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core';
import * as schema from '$lib/server/db/schema';
import { db } from '$lib/server/db';
import { useTemporaryDatabase } from '$lib/server/testing';

useTemporaryDatabase();

const KINDS = ['plaintext metadata', 'ciphertext', 'hash', 'key material'];

type Listed = { table: string; column: string; kind: string; why: string };

/** The rows of the table in "## 9. What the server sees", up to the next section. */
function listedColumns(): Listed[] {
	const doc = fs.readFileSync('docs/crypto.md', 'utf8');
	const start = doc.indexOf('\n## 9. What the server sees');
	expect(start, 'docs/crypto.md has a section "## 9. What the server sees"').toBeGreaterThan(0);
	const end = doc.indexOf('\n## ', start + 1);
	const section = doc.slice(start, end === -1 ? undefined : end);
	const rows: Listed[] = [];
	for (const line of section.split('\n')) {
		const cells = /^\|\s*`([a-z_]+)`\s*\|\s*`([a-z_]+)`\s*\|([^|]*)\|([^|]*)\|\s*$/.exec(line);
		if (cells) rows.push({ table: cells[1], column: cells[2], kind: cells[3].trim(), why: cells[4].trim() });
	}
	return rows;
}

function schemaColumns(): string[] {
	return Object.values(schema)
		.filter((value) => is(value, SQLiteTable))
		.flatMap((table) => {
			const config = getTableConfig(table as SQLiteTable);
			return config.columns.map((column) => `${config.name}.${column.name}`);
		});
}

function databaseColumns(): string[] {
	const client = db().$client;
	const tables = client
		.prepare(
			"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations'"
		)
		.pluck()
		.all() as string[];
	return tables.flatMap((table) =>
		(client.pragma(`table_info(${JSON.stringify(table)})`) as { name: string }[]).map(
			(column) => `${table}.${column.name}`
		)
	);
}

describe('docs/crypto.md, "What the server sees"', () => {
	it('lists every column of the drizzle schema, and only those', () => {
		const listed = listedColumns().map((row) => `${row.table}.${row.column}`);
		expect(listed.length).toBeGreaterThan(100);
		expect([...listed].sort()).toEqual([...new Set(schemaColumns())].sort());
	});

	it('lists each column once', () => {
		const listed = listedColumns().map((row) => `${row.table}.${row.column}`);
		expect(listed.filter((name, index) => listed.indexOf(name) !== index)).toEqual([]);
	});

	it('covers the migrated database too: no table or column made outside the schema', () => {
		expect(databaseColumns().sort()).toEqual([...new Set(schemaColumns())].sort());
	});

	it('marks every column with one of the four kinds and says why', () => {
		for (const row of listedColumns()) {
			expect(KINDS, `${row.table}.${row.column}`).toContain(row.kind);
			expect(row.why.length, `${row.table}.${row.column}`).toBeGreaterThan(2);
		}
	});

	it('marks the columns that hold secrets as anything but plaintext', () => {
		const kinds = new Map(listedColumns().map((row) => [`${row.table}.${row.column}`, row.kind]));
		for (const sealed of [
			'submission.ciphertext',
			'message.ciphertext',
			'moderation_draft.ciphertext',
			'research_record.ciphertext',
			'memo.ciphertext',
			'research_image.ciphertext',
			'attachment_chunk.ciphertext',
			'staff_user.totp_secret',
			'invitation.pending_totp_secret',
			'staff_user.wrapped_secret_key',
			'staff_user.recovery_wrapped_secret_key'
		]) {
			expect(kinds.get(sealed), sealed).toBe('ciphertext');
		}
		for (const hashed of [
			'staff_user.auth_key_hash',
			'staff_user.recovery_auth_hash',
			'submission.receipt_lookup_hash'
		]) {
			expect(kinds.get(hashed), hashed).toBe('hash');
		}
	});
});
