/** The admin's settings forms. */
import * as v from 'valibot';
import {
	DEPLOYMENT_NAME_LENGTH,
	POW_DIFFICULTY_BOUNDS,
	REJECTIONS_PER_DAY_BOUNDS,
	RETENTION_DAYS_BOUNDS
} from './settings';
import { INTAKE_BUDGET_BOUNDS } from './intake-budgets';

/** Cancelling a pending change to a setting, named by its key. */
export const cancelForm = v.object({
	key: v.pipe(v.string('Choose a pending change.'), v.regex(/^[a-z_]{1,40}$/, 'Choose a pending change.'))
});

const days = (label: string) =>
	v.pipe(
		v.string(`${label} must be a number.`),
		v.trim(),
		v.regex(/^\d{1,6}$/, `${label} must be a whole number of days.`),
		v.transform(Number),
		v.minValue(RETENTION_DAYS_BOUNDS.min, `${label} must be at least ${RETENTION_DAYS_BOUNDS.min}.`),
		v.maxValue(RETENTION_DAYS_BOUNDS.max, `${label} must be at most ${RETENTION_DAYS_BOUNDS.max} (ten years).`)
	);

export const settingsForm = v.object({
	deploymentName: v.pipe(
		v.string('The name must be text.'),
		v.trim(),
		v.minLength(DEPLOYMENT_NAME_LENGTH.min, `The name must have at least ${DEPLOYMENT_NAME_LENGTH.min} characters.`),
		v.maxLength(DEPLOYMENT_NAME_LENGTH.max, `The name must have at most ${DEPLOYMENT_NAME_LENGTH.max} characters.`)
	),
	rawRetentionDays: days('Days to keep the original after approval'),
	unreviewedRetentionDays: days('Days to keep unreviewed testimonies'),
	deleteVoiceAfterTranscription: v.boolean(),
	powDifficulty: v.pipe(
		v.string('The proof-of-work difficulty must be a number.'),
		v.trim(),
		v.regex(/^\d{1,9}$/, 'The proof-of-work difficulty must be a whole number.'),
		v.transform(Number),
		v.minValue(
			POW_DIFFICULTY_BOUNDS.min,
			`The proof-of-work difficulty must be at least ${POW_DIFFICULTY_BOUNDS.min}.`
		),
		v.maxValue(POW_DIFFICULTY_BOUNDS.max, `The proof-of-work difficulty must be at most ${POW_DIFFICULTY_BOUNDS.max}.`)
	),
	rejectedGraceDays: days('Days a rejected testimony can be undone'),
	rejectionsPerDay: v.pipe(
		v.string('Rejections a moderator may make alone must be a number.'),
		v.trim(),
		v.regex(/^\d{1,3}$/, 'Rejections a moderator may make alone must be a whole number.'),
		v.transform(Number),
		v.maxValue(
			REJECTIONS_PER_DAY_BOUNDS.max,
			`Rejections a moderator may make alone must be at most ${REJECTIONS_PER_DAY_BOUNDS.max}.`
		)
	)
});

const budget = (label: string) =>
	v.optional(
		v.pipe(
			v.string(`${label} must be a number.`),
			v.trim(),
			v.regex(/^\d{1,7}$/, `${label} must be a whole number.`),
			v.transform(Number),
			v.minValue(INTAKE_BUDGET_BOUNDS.min, `${label} must be at least ${INTAKE_BUDGET_BOUNDS.min}.`),
			v.maxValue(INTAKE_BUDGET_BOUNDS.max, `${label} must be at most ${INTAKE_BUDGET_BOUNDS.max}.`)
		)
	);

/** Budget fields left out of a request keep their value. */
export const budgetsForm = v.object({
	testimoniesPerMinute: budget('Testimonies per minute'),
	testimoniesPerDay: budget('Testimonies per day'),
	messagesPerMinute: budget('Messages per minute'),
	messagesPerDay: budget('Messages per day'),
	megabytesPerMinute: budget('MiB per minute'),
	megabytesPerDay: budget('MiB per day')
});

export const budgetFields = Object.keys(budgetsForm.entries) as (keyof typeof budgetsForm.entries)[];
