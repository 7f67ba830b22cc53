/** Request bodies of facilitated sessions. */
import * as v from 'valibot';
import { staffIssue } from '../http/refusals';

export const sessionForm = v.object({
	channelId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_choose_your_channel'))),
	label: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(2, staffIssue('staff_refusals_session_label_short')),
		v.maxLength(80, staffIssue('staff_refusals_session_label_length'))
	),
	locales: v.pipe(v.array(v.string()), v.minLength(1, staffIssue('staff_refusals_session_choose_language'))),
	startsDay: v.pipe(v.string(), v.isoDate(staffIssue('staff_refusals_session_first_day'))),
	endsDay: v.pipe(v.string(), v.isoDate(staffIssue('staff_refusals_session_last_day'))),
	expectedParticipants: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)))
});
