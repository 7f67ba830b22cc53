import { describe, expect, it } from 'vitest';
import {
	DEFAULT_COME_BACK_DAYS,
	MIN_REPLIED_TESTIMONIES,
	UNKNOWN_REPLY_TIME,
	medianDays,
	replyEstimate,
	roundReplyTime
} from './reply-time';

describe('the reply time a receipt states', () => {
	it.each([
		[0, 'receipt_reply_usual_day', 1, 1],
		[1, 'receipt_reply_usual_day', 1, 1],
		[2, 'receipt_reply_usual_days', 2, 2],
		[3, 'receipt_reply_usual_days', 3, 3],
		[6, 'receipt_reply_usual_days', 6, 6],
		[7, 'receipt_reply_usual_week', 1, 7],
		[8, 'receipt_reply_usual_weeks', 2, 14],
		[14, 'receipt_reply_usual_weeks', 2, 14],
		[15, 'receipt_reply_usual_weeks', 3, 21],
		[28, 'receipt_reply_usual_weeks', 4, 28],
		[29, 'receipt_reply_usual_month', 1, 30],
		[31, 'receipt_reply_usual_month', 1, 30],
		[32, 'receipt_reply_usual_months', 2, 60],
		[95, 'receipt_reply_usual_months', 4, 120]
	])('rounds %d days up to a plain figure (%s, %d), with the date %d days ahead', (days, key, count, ahead) => {
		expect(roundReplyTime(days)).toEqual({ key, count, days: ahead });
	});

	it('never states a figure for a nonsensical number of days', () => {
		expect(roundReplyTime(-1)).toEqual(UNKNOWN_REPLY_TIME);
		expect(roundReplyTime(Number.NaN)).toEqual(UNKNOWN_REPLY_TIME);
	});

	it('takes the upper median, so an even count errs towards waiting longer', () => {
		expect(medianDays([1, 9, 2])).toBe(2);
		expect(medianDays([1, 2, 3, 10])).toBe(3);
	});

	it('says nothing of timing below the threshold of replied testimonies, and suggests the default date', () => {
		const tooFew = Array.from({ length: MIN_REPLIED_TESTIMONIES - 1 }, () => 3);
		expect(replyEstimate(tooFew)).toEqual({
			key: 'receipt_reply_usual_unknown',
			count: 0,
			days: DEFAULT_COME_BACK_DAYS
		});
		expect(replyEstimate([])).toEqual(UNKNOWN_REPLY_TIME);
	});

	it('states the median once enough testimonies were replied to, unmoved by one slow outlier', () => {
		const enough = [2, 3, 3, 4, 90].slice(0, MIN_REPLIED_TESTIMONIES);
		expect(replyEstimate(enough)).toEqual({ key: 'receipt_reply_usual_days', count: 3, days: 3 });
	});
});
