/** Form bodies of findings. Lengths are checked again by the module, which the forms cannot skip. */
import * as v from 'valibot';
import { locales } from '$lib/paraglide/runtime';
import { staffIssue } from '../http/refusals';

export const FINDING_TITLE_MAX = 120;
export const FINDING_PART_MAX = 2000;
export const FINDING_NOTE_MAX = 1000;
export const FINDING_COUNT_MAX = 100_000;

const plain = (max: number) =>
	v.pipe(
		v.string(),
		v.trim(),
		v.maxLength(
			max,
			staffIssue('staff_refusals_findings_text_length', { title: FINDING_TITLE_MAX, part: FINDING_PART_MAX })
		)
	);

export const findingText = v.object({
	title: plain(FINDING_TITLE_MAX),
	heard: plain(FINDING_PART_MAX),
	changed: plain(FINDING_PART_MAX)
});

const survivorLocale = v.picklist(locales, staffIssue('staff_refusals_findings_language_from_list'));

const findingBody = {
	baseLocale: survivorLocale,
	texts: v.record(survivorLocale, findingText),
	peopleCount: v.nullable(
		v.pipe(
			v.number(staffIssue('staff_refusals_findings_count_range', { max: FINDING_COUNT_MAX })),
			v.integer(staffIssue('staff_refusals_findings_count_range', { max: FINDING_COUNT_MAX })),
			v.minValue(0, staffIssue('staff_refusals_findings_count_range', { max: FINDING_COUNT_MAX })),
			v.maxValue(FINDING_COUNT_MAX, staffIssue('staff_refusals_findings_count_range', { max: FINDING_COUNT_MAX }))
		)
	)
};

export const newFindingForm = v.object({
	channelId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_findings_choose_channel'))),
	...findingBody
});

export const findingEditForm = v.object({
	findingId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_findings_not_found'))),
	...findingBody
});

export const findingStepForm = v.object({
	findingId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_findings_not_found')))
});

export const findingReturnForm = v.object({
	findingId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_findings_not_found'))),
	note: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, staffIssue('staff_refusals_findings_note_missing')),
		v.maxLength(FINDING_NOTE_MAX, staffIssue('staff_refusals_findings_note_length', { max: FINDING_NOTE_MAX }))
	)
});

export type NewFinding = v.InferOutput<typeof newFindingForm>;
export type FindingEdit = v.InferOutput<typeof findingEditForm>;
