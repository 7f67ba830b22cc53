import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireAdmin } from '$lib/server/auth/guard';
import {
	DEFAULT_POW_DIFFICULTY,
	DEPLOYMENT_NAME_LENGTH,
	INTAKE_BUDGET_BOUNDS,
	POW_DIFFICULTY_BOUNDS,
	REJECTIONS_PER_DAY_BOUNDS,
	RETENTION_DAYS_BOUNDS,
	WEAKENING_DELAY_DAYS,
	SettingOutOfRange,
	deploymentSalt,
	deploymentSettings,
	intakeBudgets,
	pendingSettingChanges,
	updateDeploymentSettings,
	updateIntakeBudgets
} from '$lib/server/settings/settings';
import { readForm } from '$lib/server/http/forms';
import { issueMessage } from '$lib/server/http/issues';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {
		settings: deploymentSettings(),
		receiptSalt: deploymentSalt(),
		nameLength: DEPLOYMENT_NAME_LENGTH,
		retentionBounds: RETENTION_DAYS_BOUNDS,
		budgets: intakeBudgets(),
		budgetBounds: INTAKE_BUDGET_BOUNDS,
		pow: { bounds: POW_DIFFICULTY_BOUNDS, default: DEFAULT_POW_DIFFICULTY },
		rejectionLimitBounds: REJECTIONS_PER_DAY_BOUNDS,
		weakeningDelayDays: WEAKENING_DELAY_DAYS
	};
};

const days = (label: string) =>
	v.pipe(
		v.string(`${label} must be a number.`),
		v.trim(),
		v.regex(/^\d{1,6}$/, `${label} must be a whole number of days.`),
		v.transform(Number),
		v.minValue(RETENTION_DAYS_BOUNDS.min, `${label} must be at least ${RETENTION_DAYS_BOUNDS.min}.`),
		v.maxValue(RETENTION_DAYS_BOUNDS.max, `${label} must be at most ${RETENTION_DAYS_BOUNDS.max} (ten years).`)
	);

const settingsForm = v.object({
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
		v.minValue(POW_DIFFICULTY_BOUNDS.min, `The proof-of-work difficulty must be at least ${POW_DIFFICULTY_BOUNDS.min}.`),
		v.maxValue(POW_DIFFICULTY_BOUNDS.max, `The proof-of-work difficulty must be at most ${POW_DIFFICULTY_BOUNDS.max}.`)
	),
	rejectedGraceDays: days('Days a rejected testimony can be undone'),
	rejectionsPerDay: v.pipe(
		v.string('Rejections a moderator may make alone must be a number.'),
		v.trim(),
		v.regex(/^\d{1,3}$/, 'Rejections a moderator may make alone must be a whole number.'),
		v.transform(Number),
		v.maxValue(REJECTIONS_PER_DAY_BOUNDS.max, `Rejections a moderator may make alone must be at most ${REJECTIONS_PER_DAY_BOUNDS.max}.`)
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
const budgetsForm = v.object({
	testimoniesPerMinute: budget('Testimonies per minute'),
	testimoniesPerDay: budget('Testimonies per day'),
	messagesPerMinute: budget('Messages per minute'),
	messagesPerDay: budget('Messages per day'),
	megabytesPerMinute: budget('MiB per minute'),
	megabytesPerDay: budget('MiB per day')
});

const budgetFields = Object.keys(budgetsForm.entries) as (keyof typeof budgetsForm.entries)[];

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const parsed = v.safeParse(settingsForm, {
			deploymentName: form.get('deploymentName'),
			rawRetentionDays: form.get('rawRetentionDays'),
			unreviewedRetentionDays: form.get('unreviewedRetentionDays'),
			deleteVoiceAfterTranscription: form.get('deleteVoiceAfterTranscription') === 'on',
			powDifficulty: form.get('powDifficulty'),
			rejectedGraceDays: form.get('rejectedGraceDays'),
			rejectionsPerDay: form.get('rejectionsPerDay')
		});
		if (!parsed.success) return fail(400, { message: issueMessage(settingsForm, parsed.issues) });
		const budgets = v.safeParse(
			budgetsForm,
			Object.fromEntries(budgetFields.map((field) => [field, form.get(field) ?? undefined]))
		);
		if (!budgets.success) return fail(400, { message: issueMessage(budgetsForm, budgets.issues) });
		const newBudgets = Object.fromEntries(Object.entries(budgets.output).filter(([, value]) => value !== undefined));
		try {
			const now = new Date();
			const pendingBefore = new Set(pendingSettingChanges(now).map((change) => `${change.key}=${change.value}`));
			const changed = [...updateDeploymentSettings(parsed.output, staff.id, now), ...updateIntakeBudgets(newBudgets, staff.id)];
			const proposed = pendingSettingChanges(now).filter((change) => !pendingBefore.has(`${change.key}=${change.value}`));
			const waits = proposed.map((change) => `“${change.label}” becomes ${change.value} on ${change.effectiveAt.toISOString().slice(0, 10)}`);
			const saved = changed.length > 0 ? 'Settings saved.' : proposed.length > 0 ? '' : 'Nothing changed.';
			const delayed = waits.length > 0 ? `Deleting sooner waits ${WEAKENING_DELAY_DAYS} days so every admin can see it and cancel it: ${waits.join('; ')}.` : '';
			return { saved: `${saved} ${delayed}`.trim() };
		} catch (cause) {
			if (cause instanceof SettingOutOfRange) return fail(400, { message: cause.message });
			throw cause;
		}
	}
};
