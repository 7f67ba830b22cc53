import { and, desc, eq, isNotNull, min, sql } from 'drizzle-orm';
import { db, type Db } from '../db';
import { message, submission } from '../db/schema';
import { DAY_MS, utcDay } from '../dates';
import { RECENT_REPLIED_TESTIMONIES, replyEstimate, type ReplyEstimate } from '$lib/reply-time';

/**
 * Days from each of a channel's most recent replied testimonies' received day to its first
 * reply, newest first. The channel's day index is read backwards and each testimony's thread
 * through the message index, stopping at the N-th replied one: no table scan at any size.
 */
export function recentReplyWaits(channelId: string, limit = RECENT_REPLIED_TESTIMONIES): number[] {
	return recentRepliesQuery(channelId, limit)
		.all()
		.map((row) =>
			Math.max(0, Math.round((Date.parse(row.firstReplyDay as string) - Date.parse(row.receivedDay)) / DAY_MS))
		);
}

/** The query behind `recentReplyWaits`, apart so a test can read SQLite's plan for it. */
export function recentRepliesQuery(channelId: string, limit: number) {
	const firstReply = db()
		.select({ day: min(message.sentDay) })
		.from(message)
		.where(and(eq(message.submissionId, submission.id), eq(message.direction, 'to_survivor')));
	return db()
		.select({ receivedDay: submission.receivedDay, firstReplyDay: sql<string | null>`(${firstReply})` })
		.from(submission)
		.where(and(eq(submission.channelId, channelId), isNotNull(sql`(${firstReply})`)))
		.orderBy(desc(submission.receivedDay))
		.limit(limit);
}

/** One estimate per channel per UTC day, so a page load costs a map lookup after the first. */
const cache = new Map<string, { database: Db; day: string; estimate: ReplyEstimate }>();

/** What the receipt says of a channel's reply time today (see $lib/reply-time for the rounding). */
export function channelReplyEstimate(channelId: string, now = new Date()): ReplyEstimate {
	const day = utcDay(now);
	const database = db();
	const cached = cache.get(channelId);
	if (cached && cached.day === day && cached.database === database) return cached.estimate;
	const estimate = replyEstimate(recentReplyWaits(channelId));
	cache.set(channelId, { database, day, estimate });
	return estimate;
}
