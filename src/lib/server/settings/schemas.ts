/** The admin's settings forms. */
import * as v from 'valibot';
import type { RefusalKey } from '../http/errors';
import { staffIssue } from '../http/refusals';
import {
	DEPLOYMENT_NAME_LENGTH,
	POW_DIFFICULTY_BOUNDS,
	REJECTIONS_PER_DAY_BOUNDS,
	RETENTION_DAYS_BOUNDS
} from './settings';
import { INTAKE_BUDGET_BOUNDS } from './intake-budgets';

/** Cancelling a pending change to a setting, named by its key. */
export const cancelForm = v.object({
	key: v.pipe(
		v.string(staffIssue('staff_refusals_setting_choose_pending')),
		v.regex(/^[a-z_]{1,40}$/, staffIssue('staff_refusals_setting_choose_pending'))
	)
});

type Bounds = { min: number; max: number };

/**
 * A whole number typed into a settings field, from `bounds.min` to `bounds.max`. Each way of
 * missing it gets the field's one sentence, which names the range: that is what the admin needs.
 */
const wholeNumber = (key: RefusalKey, bounds: Bounds, digits: number) => {
	const refusal = staffIssue(key, { min: bounds.min, max: bounds.max });
	return v.pipe(
		v.string(refusal),
		v.trim(),
		v.regex(new RegExp(`^\\d{1,${digits}}$`), refusal),
		v.transform(Number),
		v.minValue(bounds.min, refusal),
		v.maxValue(bounds.max, refusal)
	);
};

const nameRefusal = staffIssue('staff_refusals_setting_deployment_name', DEPLOYMENT_NAME_LENGTH);

export const settingsForm = v.object({
	deploymentName: v.pipe(
		v.string(nameRefusal),
		v.trim(),
		v.minLength(DEPLOYMENT_NAME_LENGTH.min, nameRefusal),
		v.maxLength(DEPLOYMENT_NAME_LENGTH.max, nameRefusal)
	),
	rawRetentionDays: wholeNumber('staff_refusals_setting_raw_retention', RETENTION_DAYS_BOUNDS, 6),
	unreviewedRetentionDays: wholeNumber('staff_refusals_setting_unreviewed_retention', RETENTION_DAYS_BOUNDS, 6),
	deleteVoiceAfterTranscription: v.boolean(),
	powDifficulty: wholeNumber('staff_refusals_setting_pow_difficulty', POW_DIFFICULTY_BOUNDS, 9),
	rejectedGraceDays: wholeNumber('staff_refusals_setting_rejected_grace', RETENTION_DAYS_BOUNDS, 6),
	rejectionsPerDay: wholeNumber('staff_refusals_setting_rejections_per_day', REJECTIONS_PER_DAY_BOUNDS, 3)
});

const budget = () => v.optional(wholeNumber('staff_refusals_setting_intake_budget', INTAKE_BUDGET_BOUNDS, 7));

/** Budget fields left out of a request keep their value. */
export const budgetsForm = v.object({
	testimoniesPerMinute: budget(),
	testimoniesPerDay: budget(),
	messagesPerMinute: budget(),
	messagesPerDay: budget(),
	megabytesPerMinute: budget(),
	megabytesPerDay: budget()
});

export const budgetFields = Object.keys(budgetsForm.entries) as (keyof typeof budgetsForm.entries)[];
