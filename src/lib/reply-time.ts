/**
 * How long a channel's team usually takes to reply, said in plain words on the receipt. The
 * server measures it in whole days; this rounds it to a figure a person would say, and names
 * the catalogue key that words it. Shared by the server (which rounds) and the receipt step.
 */

/** Fewer replied testimonies than this and the portal says nothing about its timing. */
export const MIN_REPLIED_TESTIMONIES = 5;

/** The most recent replied testimonies the median is taken over. */
export const RECENT_REPLIED_TESTIMONIES = 30;

/** When there is too little to go on, the receipt suggests coming back after this many days. */
export const DEFAULT_COME_BACK_DAYS = 14;

export type ReplyTimeKey =
	| 'receipt_reply_usual_day'
	| 'receipt_reply_usual_days'
	| 'receipt_reply_usual_week'
	| 'receipt_reply_usual_weeks'
	| 'receipt_reply_usual_month'
	| 'receipt_reply_usual_months'
	| 'receipt_reply_usual_unknown';

/** What the receipt says, and how many days ahead the date to write down lies. */
export type ReplyEstimate = { key: ReplyTimeKey; count: number; days: number };

export const UNKNOWN_REPLY_TIME: ReplyEstimate = {
	key: 'receipt_reply_usual_unknown',
	count: 0,
	days: DEFAULT_COME_BACK_DAYS
};

/** The median of whole days, the upper one of an even count: it errs towards waiting longer. */
export function medianDays(days: number[]): number {
	const sorted = [...days].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Rounds a typical number of days up to a plain figure: within a day, within 2 to 6 days, about
 * a week, about 2 to 4 weeks, about a month, then about N months. Rounding up, so a survivor
 * who comes back on the date written down is more likely to find the reply there.
 */
export function roundReplyTime(days: number): ReplyEstimate {
	if (!Number.isFinite(days) || days < 0) return UNKNOWN_REPLY_TIME;
	const whole = Math.ceil(days);
	if (whole <= 1) return { key: 'receipt_reply_usual_day', count: 1, days: 1 };
	if (whole <= 6) return { key: 'receipt_reply_usual_days', count: whole, days: whole };
	if (whole <= 7) return { key: 'receipt_reply_usual_week', count: 1, days: 7 };
	if (whole <= 28) {
		const weeks = Math.ceil(whole / 7);
		return { key: 'receipt_reply_usual_weeks', count: weeks, days: weeks * 7 };
	}
	if (whole <= 31) return { key: 'receipt_reply_usual_month', count: 1, days: 30 };
	const months = Math.ceil(whole / 30);
	return { key: 'receipt_reply_usual_months', count: months, days: months * 30 };
}

/**
 * From the days each recent replied testimony waited for its first reply to what the receipt
 * says. Below the threshold it says nothing of timing, also so that the first few replies of a
 * new channel cannot be read off it one by one.
 */
export function replyEstimate(waits: number[]): ReplyEstimate {
	if (waits.length < MIN_REPLIED_TESTIMONIES) return UNKNOWN_REPLY_TIME;
	return roundReplyTime(medianDays(waits));
}
