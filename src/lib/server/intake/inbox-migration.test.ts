import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { insertStandInRow } from '../db/stand-in-rows';
import { parseReference } from '$lib/moderation/reference';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function temporaryDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-inbox-migration-'));
	dirs.push(dir);
	return dir;
}

/** The migrations folder as it was before the inbox migration. */
function migrationsBeforeInbox(): string {
	const dir = temporaryDir();
	fs.cpSync(path.resolve('drizzle'), dir, { recursive: true });
	const journalFile = path.join(dir, 'meta', '_journal.json');
	const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
	journal.entries = journal.entries.slice(
		0,
		journal.entries.findIndex((entry: { tag: string }) => entry.tag.endsWith('_inbox'))
	);
	fs.writeFileSync(journalFile, JSON.stringify(journal));
	return dir;
}

describe('the inbox migration', () => {
	it('backfills references, message counts, what waits for a reply, and what moderators have read', () => {
		const file = path.join(temporaryDir(), 'test.sqlite');
		const old = openDatabase(file, migrationsBeforeInbox()).$client;
		insertStandInRow(old, 'staff_user', { id: 'moderator', username: 'moderator.one' });
		insertStandInRow(old, 'staff_user', { id: 'admin', username: 'admin.one' });
		insertStandInRow(old, 'channel', { id: 'channel-1' });
		insertStandInRow(old, 'staff_role', {
			id: 1,
			staff_user_id: 'moderator',
			role: 'moderator',
			channel_id: 'channel-1'
		});
		insertStandInRow(old, 'staff_role', { id: 2, staff_user_id: 'admin', role: 'admin', channel_id: null });
		insertStandInRow(old, 'channel_key', { id: 1, channel_id: 'channel-1', version: 1 });
		const ids = Array.from({ length: 300 }, (_, index) => `testimony-${String(index).padStart(3, '0')}`);
		for (const [index, id] of ids.entries()) {
			insertStandInRow(old, 'submission', {
				id,
				channel_id: 'channel-1',
				channel_key_id: 1,
				receipt_lookup_hash: Buffer.from(id),
				received_day: '2026-01-01',
				status: index === 0 ? 'new' : 'in_review'
			});
		}
		const message = (id: string, submissionId: string, direction: string, sequence: number, day: string) =>
			insertStandInRow(old, 'message', {
				id,
				submission_id: submissionId,
				direction,
				channel_key_id: direction === 'from_survivor' ? 1 : null,
				sequence,
				sent_day: day
			});
		// ids[1]: answered, then two more survivor messages. ids[2]: the survivor's word, then a reply.
		message('m1', ids[1], 'from_survivor', 1, '2026-01-02');
		message('m2', ids[1], 'to_survivor', 2, '2026-01-03');
		message('m3', ids[1], 'from_survivor', 3, '2026-01-04');
		message('m4', ids[1], 'from_survivor', 4, '2026-01-05');
		message('m5', ids[2], 'from_survivor', 1, '2026-01-02');
		message('m6', ids[2], 'to_survivor', 2, '2026-01-06');
		old.close();

		const client = openDatabase(file, path.resolve('drizzle')).$client;
		const rows = client
			.prepare('select id, reference, survivor_messages, unanswered_since_day from submission order by id')
			.all() as { id: string; reference: string; survivor_messages: number; unanswered_since_day: string | null }[];
		for (const item of rows) expect(parseReference(item.reference)).toBe(item.reference);
		expect(new Set(rows.map((item) => item.reference)).size).toBe(ids.length);
		expect(rows[1]).toMatchObject({ survivor_messages: 3, unanswered_since_day: '2026-01-04' });
		expect(rows[2]).toMatchObject({ survivor_messages: 1, unanswered_since_day: null });
		expect(rows[3]).toMatchObject({ survivor_messages: 0, unanswered_since_day: null });
		// Read already: everything someone opened, by the channel's moderators only, never the new one.
		const seen = client.prepare('select staff_user_id, submission_id from inbox_seen').all() as {
			staff_user_id: string;
			submission_id: string;
		}[];
		expect(seen).toHaveLength(ids.length - 1);
		expect(new Set(seen.map((item) => item.staff_user_id))).toEqual(new Set(['moderator']));
		expect(seen.some((item) => item.submission_id === ids[0])).toBe(false);
		expect(client.prepare("select sql from sqlite_master where name = 'inbox_seen'").pluck().get()).toMatch(
			/\) WITHOUT ROWID$/
		);
		expect(() =>
			client.prepare('update submission set reference = ? where id = ?').run(rows[0].reference, ids[5])
		).toThrow(/UNIQUE/);
		client.close();
	});
});
