/**
 * The moderators' inbox: one page of testimonies at a time, filtered and counted in SQL, with
 * each staff member's unread markers and what waits for a reply. Metadata only: the server
 * never reads a testimony, so the language filter happens in the browser.
 */
import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { db } from '../db';
import { preparedQuery } from '../db/prepared';
import { withoutIndex } from '../db/columns';
import { inboxSeen, submission, type SubmissionStatus } from '../db/schema';
import { DAY_MS } from '../dates';
import { isDiskFull } from '../db/disk-space';
import { REFERENCE_ALPHABET, REFERENCE_LENGTH } from '$lib/moderation/reference';

export const INBOX_PAGE_SIZE = 50;

/** A new random reference; the caller checks it is free (see acceptSubmission). */
export function newReference(): string {
	let reference = '';
	for (let index = 0; index < REFERENCE_LENGTH; index++)
		reference += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
	return reference;
}

export function referenceTaken(reference: string): boolean {
	return Boolean(submissionByReference().get({ reference }));
}

/** Prepared once: every testimony that arrives draws a reference and checks it. */
const submissionByReference = preparedQuery((database) =>
	database
		.select({ id: submission.id })
		.from(submission)
		.where(eq(submission.reference, sql.placeholder('reference')))
		.prepare()
);

/** Decided or gone: the survivor no longer waits for a decision, nor for a reply. */
const CLOSED: SubmissionStatus[] = ['rejected', 'withdrawn'];
const UNDECIDED: SubmissionStatus[] = ['new', 'in_review'];

/**
 * The UTC day since which the survivor waits for us, or null: an undecided testimony waits
 * since it arrived; a survivor's message no staff reply has followed waits since it was sent.
 */
const waitingSince = sql<string | null>`case
	when ${submission.status} in ('rejected', 'withdrawn') then null
	when ${submission.status} in ('new', 'in_review')
		then min(${submission.receivedDay}, coalesce(${submission.unansweredSinceDay}, ${submission.receivedDay}))
	else ${submission.unansweredSinceDay} end`;

const waitingForUs = and(
	notInArray(submission.status, CLOSED),
	or(inArray(submission.status, UNDECIDED), sql`${submission.unansweredSinceDay} is not null`)
)!;

/** Not opened by this staff member, or opened before the survivor's latest message. */
const unreadBy = or(
	isNull(inboxSeen.submissionId),
	sql`${submission.survivorMessages} > ${inboxSeen.survivorMessagesSeen}`
)!;

export type InboxFilters = {
	status?: SubmissionStatus;
	day?: string;
	session?: string;
	/** Only testimonies or messages the survivor waits on us for; longest waiting first. */
	waiting?: boolean;
	/** Only what this staff member has not read. */
	unread?: boolean;
	/** Only these testimonies (those with a proposed rejection, say). */
	ids?: string[];
};

export type InboxEntry = {
	id: string;
	reference: string | null;
	channelId: string;
	receivedDay: string;
	status: SubmissionStatus;
	sessionId: string | null;
	/** 'testimony': never opened by this staff member; 'messages': new survivor messages since. */
	unread: 'testimony' | 'messages' | null;
	/** Survivor messages this staff member has not seen. */
	newMessages: number;
	/** Whole days the survivor has waited for us (null if not waiting). */
	waitingDays: number | null;
};

export type InboxPage = { entries: InboxEntry[]; total: number; page: number; pages: number; pageSize: number };

function conditions(channelIds: string[], filters: InboxFilters): SQL {
	return and(
		// Given ids, their own index finds them; the channel index would read the whole channel.
		filters.ids ? inArray(withoutIndex(submission.channelId), channelIds) : inArray(submission.channelId, channelIds),
		filters.status ? eq(submission.status, filters.status) : undefined,
		filters.day ? eq(submission.receivedDay, filters.day) : undefined,
		filters.session ? eq(submission.facilitationSessionId, filters.session) : undefined,
		filters.ids ? inArray(submission.id, filters.ids) : undefined,
		filters.waiting ? waitingForUs : undefined,
		filters.unread ? and(notInArray(submission.status, CLOSED), unreadBy) : undefined
	)!;
}

const seenByMe = (staffId: string) =>
	and(eq(inboxSeen.submissionId, submission.id), eq(inboxSeen.staffUserId, staffId));

/** Whole days between two UTC days (YYYY-MM-DD). */
export function daysBetween(fromDay: string, toDay: string): number {
	return Math.max(0, Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS));
}

/**
 * One page of the inbox, newest day first (the waiting filter: longest waiting first). Within a
 * day the order follows the random ids, which reveals nothing and does not move between views.
 */
export function inboxPage(
	staffId: string,
	channelIds: string[],
	filters: InboxFilters,
	requestedPage: number,
	today: string
): InboxPage {
	const empty = { entries: [], total: 0, page: 1, pages: 1, pageSize: INBOX_PAGE_SIZE };
	if (channelIds.length === 0 || filters.ids?.length === 0) return empty;
	const where = conditions(channelIds, filters);
	const total =
		db().select({ n: count() }).from(submission).leftJoin(inboxSeen, seenByMe(staffId)).where(where).get()?.n ?? 0;
	const pages = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
	const page = Math.min(Math.max(1, requestedPage), pages);
	const rows = inboxListQuery(staffId, channelIds, filters)
		.limit(INBOX_PAGE_SIZE)
		.offset((page - 1) * INBOX_PAGE_SIZE)
		.all();
	return {
		entries: rows.map((row) => {
			const newMessages = row.seen === null ? row.survivorMessages : Math.max(0, row.survivorMessages - row.seen);
			return {
				id: row.id,
				reference: row.reference,
				channelId: row.channelId,
				receivedDay: row.receivedDay,
				status: row.status,
				sessionId: row.sessionId,
				unread: row.seen === null ? 'testimony' : newMessages > 0 ? 'messages' : null,
				newMessages,
				waitingDays: row.waitingSince ? daysBetween(row.waitingSince, today) : null
			};
		}),
		total,
		page,
		pages,
		pageSize: INBOX_PAGE_SIZE
	};
}

/** Every entry the filters let through, in the inbox's order; the caller takes one page. */
export function inboxListQuery(staffId: string, channelIds: string[], filters: InboxFilters) {
	const order = filters.waiting
		? [asc(waitingSince), asc(submission.id)]
		: [desc(submission.receivedDay), asc(submission.id)];
	return db()
		.select({
			id: submission.id,
			reference: submission.reference,
			channelId: submission.channelId,
			receivedDay: submission.receivedDay,
			status: submission.status,
			sessionId: submission.facilitationSessionId,
			survivorMessages: submission.survivorMessages,
			seen: inboxSeen.survivorMessagesSeen,
			waitingSince
		})
		.from(submission)
		.leftJoin(inboxSeen, seenByMe(staffId))
		.where(conditions(channelIds, filters))
		.orderBy(...order);
}

export type InboxActivity = {
	/** Every testimony in the staff member's channels. */
	total: number;
	/** Testimonies (not rejected) this staff member never opened. */
	unreadTestimonies: number;
	/** Opened testimonies with survivor messages this staff member has not seen. */
	unreadMessages: number;
	/** Testimonies or messages the survivor waits on us for. */
	waiting: number;
};

/** The inbox's live counts: numbers only, polled while the inbox is on screen. */
export function inboxActivity(staffId: string, channelIds: string[]): InboxActivity {
	if (channelIds.length === 0) return { total: 0, unreadTestimonies: 0, unreadMessages: 0, waiting: 0 };
	const open = notInArray(submission.status, CLOSED);
	const row = db()
		.select({
			total: count(),
			unreadTestimonies: sql<number>`coalesce(sum(${and(open, isNull(inboxSeen.submissionId))}), 0)`,
			unreadMessages: sql<number>`coalesce(sum(${and(
				open,
				sql`${inboxSeen.submissionId} is not null`,
				sql`${submission.survivorMessages} > ${inboxSeen.survivorMessagesSeen}`
			)}), 0)`,
			waiting: sql<number>`coalesce(sum(${waitingForUs}), 0)`
		})
		.from(submission)
		.leftJoin(inboxSeen, seenByMe(staffId))
		.where(inArray(submission.channelId, channelIds))
		.get();
	return {
		total: row?.total ?? 0,
		unreadTestimonies: row?.unreadTestimonies ?? 0,
		unreadMessages: row?.unreadMessages ?? 0,
		waiting: row?.waiting ?? 0
	};
}

/** The testimony a reference names, if it is in one of these channels. */
export function testimonyByReference(reference: string, channelIds: string[]): string | undefined {
	if (channelIds.length === 0) return undefined;
	return db()
		.select({ id: submission.id })
		.from(submission)
		.where(and(eq(submission.reference, reference), inArray(submission.channelId, channelIds)))
		.get()?.id;
}

/**
 * This staff member has the testimony and its survivor messages so far on screen: it is read.
 * Only a count is kept, never when.
 */
export function markSeen(staffId: string, submissionId: string): void {
	const row = db()
		.select({ survivorMessages: submission.survivorMessages })
		.from(submission)
		.where(eq(submission.id, submissionId))
		.get();
	if (!row) return;
	try {
		db()
			.insert(inboxSeen)
			.values({ staffUserId: staffId, submissionId, survivorMessagesSeen: row.survivorMessages })
			.onConflictDoUpdate({
				target: [inboxSeen.staffUserId, inboxSeen.submissionId],
				set: { survivorMessagesSeen: row.survivorMessages }
			})
			.run();
	} catch (cause) {
		// A marker is a courtesy: on a full disk the testimony still opens, and stays marked unread.
		if (!isDiskFull(cause)) throw cause;
	}
}
