import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeStaffUser, incomingSubmission, queryPlan, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { db } from '../db';
import { submission } from '../db/schema';
import { insertStaffUser } from '../accounts/staff';
import { acceptSubmission, inboxEnvelopes, inboxEnvelopesQuery } from './submissions';
import { addStaffReply, addSurvivorMessage } from './receipts';
import {
	INBOX_PAGE_SIZE,
	daysBetween,
	inboxActivity,
	inboxListQuery,
	inboxPage,
	markSeen,
	testimonyByReference
} from './inbox';

useTemporaryDatabase();

let channelId: string;
let me: string;
let colleague: string;

beforeAll(() => {
	const setup = setUpTestDeployment({ admin: fakeStaffUser('inbox.moderator') });
	channelId = setup.channelId;
	me = setup.adminId;
	colleague = insertStaffUser(fakeStaffUser('inbox.colleague'), { secret: randomBytes(20), step: 0 });
});

/** A testimony as intake stores it, received on `day`; returns its id and receipt lookup token. */
function arrive(day: string) {
	const id = randomBytes(16).toString('base64url');
	const token = randomBytes(32);
	acceptSubmission(incomingSubmission(channelId, { id, receiptLookupToken: token }), new Date(`${day}T12:00:00Z`));
	return { id, token };
}

function survivorWrites(token: Uint8Array, day: string) {
	addSurvivorMessage(
		token,
		{
			id: randomBytes(16).toString('base64url'),
			channelKeyVersion: 1,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext: randomBytes(528),
			sealedDataKey: randomBytes(80)
		},
		new Date(`${day}T08:00:00Z`)
	);
}

const TODAY = '2026-03-20';
const page = (staffId: string, filters = {}, number = 1) => inboxPage(staffId, [channelId], filters, number, TODAY);
const entry = (staffId: string, id: string, filters = {}) =>
	page(staffId, filters).entries.find((item) => item.id === id);

describe('the inbox', () => {
	it('marks a new testimony unread for each moderator until they open it', () => {
		const { id } = arrive('2026-03-10');
		expect(entry(me, id)?.unread).toBe('testimony');
		expect(entry(colleague, id)?.unread).toBe('testimony');
		markSeen(me, id);
		expect(entry(me, id)?.unread).toBeNull();
		expect(entry(colleague, id)?.unread).toBe('testimony');
	});

	it('flags a survivor’s new messages on a testimony already read, with how many', () => {
		const { id, token } = arrive('2026-03-01');
		markSeen(me, id);
		const before = inboxActivity(me, [channelId]);
		survivorWrites(token, '2026-03-05');
		survivorWrites(token, '2026-03-06');
		expect(entry(me, id)).toMatchObject({ unread: 'messages', newMessages: 2 });
		expect(inboxActivity(me, [channelId]).unreadMessages).toBe(before.unreadMessages + 1);
		markSeen(me, id);
		expect(entry(me, id)).toMatchObject({ unread: null, newMessages: 0 });
	});

	it('lists what the survivor waits for, longest waiting first, with the days waited', () => {
		const { id: undecided } = arrive('2026-02-01');
		const { id: answered, token } = arrive('2026-01-15');
		db().update(submission).set({ status: 'approved' }).where(eq(submission.id, answered)).run();
		expect(entry(me, answered)?.waitingDays).toBeNull();
		survivorWrites(token, '2026-03-11');
		expect(entry(me, answered)?.waitingDays).toBe(9);
		const waiting = page(me, { waiting: true }).entries;
		expect(waiting.map((item) => item.id).indexOf(undecided)).toBeLessThan(
			waiting.map((item) => item.id).indexOf(answered)
		);
		expect(waiting.find((item) => item.id === undecided)?.waitingDays).toBe(daysBetween('2026-02-01', TODAY));
		addStaffReply(answered, me, randomBytes(600));
		expect(page(me, { waiting: true }).entries.some((item) => item.id === answered)).toBe(false);
		expect(entry(me, answered)?.waitingDays).toBeNull();
	});

	it('leaves rejected testimonies out of what waits and what is unread', () => {
		const { id } = arrive('2026-03-02');
		const before = inboxActivity(me, [channelId]);
		db().update(submission).set({ status: 'rejected' }).where(eq(submission.id, id)).run();
		const after = inboxActivity(me, [channelId]);
		expect(after.waiting).toBe(before.waiting - 1);
		expect(after.unreadTestimonies).toBe(before.unreadTestimonies - 1);
		expect(page(me, { unread: true }).entries.some((item) => item.id === id)).toBe(false);
	});

	it('pages in a stable order that neither approvals nor filters renumber', () => {
		for (let index = 0; index < INBOX_PAGE_SIZE + 10; index++) arrive(`2026-01-0${1 + (index % 5)}`);
		const first = page(me);
		expect(first.entries).toHaveLength(INBOX_PAGE_SIZE);
		expect(first.pages).toBe(Math.ceil(first.total / INBOX_PAGE_SIZE));
		const all = Array.from({ length: first.pages }, (_, index) => page(me, {}, index + 1).entries).flat();
		expect(new Set(all.map((item) => item.id)).size).toBe(first.total);
		const days = all.map((item) => item.receivedDay);
		expect(days).toEqual([...days].sort().reverse());
		const references = new Map(all.map((item) => [item.id, item.reference]));
		db().update(submission).set({ status: 'approved' }).where(eq(submission.id, all[3].id)).run();
		const again = page(me, { status: 'new' }).entries;
		for (const item of again) expect(item.reference).toBe(references.get(item.id));
		expect(page(me, {}, 9999).page).toBe(first.pages);
	});

	it('finds a testimony by its reference only in the moderator’s channels', () => {
		const { id } = arrive('2026-03-03');
		const reference = db().select().from(submission).where(eq(submission.id, id)).get()!.reference!;
		expect(testimonyByReference(reference, [channelId])).toBe(id);
		expect(testimonyByReference(reference, [])).toBeUndefined();
		expect(testimonyByReference(reference, ['00000000-0000-4000-8000-000000000000'])).toBeUndefined();
	});

	it('finds testimonies asked for by id through their own index, not by reading the whole channel', () => {
		// A page's worth: for two ids the planner takes their index anyway.
		const ids = Array.from({ length: INBOX_PAGE_SIZE }, (_, index) => arrive(`2026-04-${10 + (index % 9)}`).id);
		const byId = /^SEARCH submission USING PRIMARY KEY \(id=\?\)$/;
		expect(queryPlan(inboxEnvelopesQuery(ids, [channelId]))).toEqual([expect.stringMatching(byId)]);
		expect(queryPlan(inboxListQuery(me, [channelId], { ids }))).toContainEqual(expect.stringMatching(byId));
		// The channel still sieves: another channel's moderator gets nothing.
		expect(
			inboxEnvelopes(ids, [channelId])
				.map((envelope) => envelope.id)
				.sort()
		).toEqual([...ids].sort());
		expect(inboxEnvelopes(ids, ['00000000-0000-4000-8000-000000000000'])).toEqual([]);
		expect(
			page(me, { ids })
				.entries.map((entry) => entry.id)
				.sort()
		).toEqual([...ids].sort());
		expect(inboxPage(me, ['00000000-0000-4000-8000-000000000000'], { ids }, 1, '2026-04-03').total).toBe(0);
	});

	it('counts whole UTC days', () => {
		expect(daysBetween('2026-03-11', '2026-03-20')).toBe(9);
		expect(daysBetween('2026-03-20', '2026-03-20')).toBe(0);
		expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
	});
});
