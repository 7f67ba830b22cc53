import { requireAdmin } from '$lib/server/auth/guard';
import {
	DEFAULT_POW_DIFFICULTY,
	DEPLOYMENT_NAME_LENGTH,
	POW_DIFFICULTY_BOUNDS,
	REJECTIONS_PER_DAY_BOUNDS,
	RETENTION_DAYS_BOUNDS,
	WEAKENING_DELAY_DAYS,
	deploymentSettings,
	saveAdminSettings
} from '$lib/server/settings/settings';
import { INTAKE_BUDGET_BOUNDS, intakeBudgets } from '$lib/server/settings/intake-budgets';
import { deploymentSalt } from '$lib/server/settings/store';
import { budgetFields, budgetsForm, settingsForm } from '$lib/server/settings/schemas';
import { readForm } from '$lib/server/http/forms';
import { formAction } from '$lib/server/http/form-action';
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

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const values = {
			deploymentName: form.get('deploymentName'),
			rawRetentionDays: form.get('rawRetentionDays'),
			unreviewedRetentionDays: form.get('unreviewedRetentionDays'),
			deleteVoiceAfterTranscription: form.get('deleteVoiceAfterTranscription') === 'on',
			powDifficulty: form.get('powDifficulty'),
			rejectedGraceDays: form.get('rejectedGraceDays'),
			rejectionsPerDay: form.get('rejectionsPerDay')
		};
		const budgetValues = Object.fromEntries(budgetFields.map((field) => [field, form.get(field) ?? undefined]));
		return formAction(settingsForm, values, (settings) =>
			formAction(budgetsForm, budgetValues, (budgets) => ({ saved: saveAdminSettings(settings, budgets, staff.id) }))
		);
	}
};
