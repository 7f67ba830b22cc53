/** Request bodies of facilitated sessions. */
import * as v from 'valibot';

export const sessionForm = v.object({
	channelId: v.pipe(v.string(), v.uuid('Choose one of your channels.')),
	label: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(2, 'Give the session a short label.'),
		v.maxLength(80, 'Keep the label under 80 characters.')
	),
	locales: v.pipe(v.array(v.string()), v.minLength(1, 'Choose at least one language.')),
	startsDay: v.pipe(v.string(), v.isoDate('Choose the first day.')),
	endsDay: v.pipe(v.string(), v.isoDate('Choose the last day.')),
	expectedParticipants: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)))
});
