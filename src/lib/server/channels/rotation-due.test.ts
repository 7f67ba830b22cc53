import { randomBytes } from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { disableUser, setRoles } from '../accounts/manage';
import { insertStaffUser } from '../accounts/staff';
import { db, openDatabase } from '../db';
import { auditEvent, staffRole } from '../db/schema';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { channelsDueForRotation, corpusDueForRotation } from './grants';
import { insertChannel, insertChannelKey, insertCorpusKey } from './keys';

useTemporaryDatabase();

let adminId: string;
let firstChannel: string;

beforeAll(() => {
	const created = setUpTestDeployment({ admin: fakeStaffUser('admin.rotations') });
	adminId = created.adminId;
	firstChannel = created.channelId;
});

function newChannel(name: string): string {
	return insertChannel(
		{ name, country: 'FR', publicKey: randomBytes(32), grants: [{ userId: adminId, sealedKey: randomBytes(80) }] },
		adminId
	).channelId;
}

function moderatorOf(username: string, ...channelIds: string[]): string {
	const id = insertStaffUser(fakeStaffUser(username), { secret: randomBytes(20), step: 0 });
	db()
		.insert(staffRole)
		.values(channelIds.map((channelId) => ({ staffUserId: id, role: 'moderator' as const, channelId })))
		.run();
	return id;
}

const due = () =>
	channelsDueForRotation()
		.map((channel) => channel.name)
		.sort();

describe('the key rotation recommendation', () => {
	it('marks the channels of a disabled moderator and the corpus, and nothing else', () => {
		const lyon = newChannel('Lyon drop-in');
		const brno = newChannel('Brno centre');
		const moderator = moderatorOf('moderator.lyon', lyon);
		expect(due()).toEqual([]);
		// A reason that happens to name another channel's id must not flag that channel: the
		// recommendation used to be a text search of the audit entry, reason included.
		disableUser(adminId, moderator, {
			confirmUsername: 'moderator.lyon',
			reason: `left; was also asked about ${brno}`
		});
		expect(due()).toEqual(['Lyon drop-in']);
		expect(corpusDueForRotation()).toBe(true);
	});

	it('clears once the channel or corpus has a newer key', () => {
		const lyon = channelsDueForRotation().find((channel) => channel.name === 'Lyon drop-in')!.channelId;
		insertChannelKey(lyon, 2, randomBytes(32), [{ userId: adminId, sealedKey: randomBytes(80) }], adminId);
		expect(due()).toEqual([]);
		insertCorpusKey(randomBytes(80), adminId);
		expect(corpusDueForRotation()).toBe(false);
	});

	it('marks a channel whose moderator role is taken away, but not the corpus while they still read it', () => {
		const gent = newChannel('Gent shelter');
		const moderator = moderatorOf('moderator.gent', gent, firstChannel);
		setRoles(adminId, moderator, [{ role: 'moderator', channelId: firstChannel }]);
		expect(due()).toEqual(['Gent shelter']);
		expect(corpusDueForRotation()).toBe(false);
		const removal = db().select().from(auditEvent).where(eq(auditEvent.action, 'user.roles_changed')).all().at(-1);
		expect(removal?.detail).toMatchObject({ channels: gent });
	});
});

describe('the migration that turned the recommendation into state', () => {
	it('carries over channels and the corpus flagged by earlier removals, matching channel ids exactly', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-rotation-due-'));
		const before = path.join(dir, 'migrations');
		fs.cpSync(path.resolve('drizzle'), before, { recursive: true });
		const journalFile = path.join(before, 'meta', '_journal.json');
		const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
		const cut = journal.entries.findIndex((entry: { tag: string }) => entry.tag.endsWith('_rotation-due'));
		fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
		const file = path.join(dir, 'old.sqlite');
		const old = openDatabase(file, before).$client;
		const day = (n: number) => Date.UTC(2026, 0, n);
		old
			.prepare(
				"insert into channel (id, name, country, safe_url, created_at) values ('ch-a', 'A', 'FR', 'https://example.org', ?), ('ch-ab', 'AB', 'FR', 'https://example.org', ?)"
			)
			.run(day(1), day(1));
		const key = old.prepare(
			'insert into channel_key (channel_id, version, public_key, created_at) values (?, ?, ?, ?)'
		);
		key.run('ch-a', 1, randomBytes(32), day(1));
		key.run('ch-a', 2, randomBytes(32), day(3));
		key.run('ch-ab', 1, randomBytes(32), day(1));
		old.prepare('insert into corpus_key (version, created_at) values (1, ?)').run(day(1));
		const event = old.prepare('insert into audit_event (at, action, detail) values (?, ?, ?)');
		event.run(day(2), 'user.disabled', JSON.stringify({ channels: 'ch-a', reason: 'left' }));
		event.run(day(4), 'user.roles_changed', JSON.stringify({ roles: 'researcher', channels: 'ch-a' }));
		old.close();

		const migrated = openDatabase(file, path.resolve('drizzle')).$client;
		const marks = migrated
			.prepare('select channel_id, version, rotation_due_since from channel_key order by channel_id, version')
			.all();
		expect(marks).toEqual([
			{ channel_id: 'ch-a', version: 1, rotation_due_since: null },
			{ channel_id: 'ch-a', version: 2, rotation_due_since: day(4) },
			// "ch-a" is inside "ch-ab": a text search flagged both.
			{ channel_id: 'ch-ab', version: 1, rotation_due_since: null }
		]);
		expect(migrated.prepare('select rotation_due_since from corpus_key').pluck().get()).toBe(day(2));
		migrated.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});
});
