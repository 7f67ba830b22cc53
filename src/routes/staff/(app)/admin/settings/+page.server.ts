import { requireAdmin } from '$lib/server/auth/guard';
import {
	DEFAULT_POW_DIFFICULTY,
	DEFAULT_REJECTED_GRACE_DAYS,
	DEFAULT_REJECTIONS_PER_DAY,
	DEPLOYMENT_NAME_LENGTH,
	POW_DIFFICULTY_BOUNDS,
	REJECTIONS_PER_DAY_BOUNDS,
	RETENTION_DAYS_BOUNDS,
	WEAKENING_DELAY_DAYS,
	deploymentSettings,
	saveAdminSettings,
	type SettingsSaved
} from '$lib/server/settings/settings';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import type { StaffLocale } from '$lib/staff-i18n';
import { INTAKE_BUDGET_BOUNDS, intakeBudgets } from '$lib/server/settings/intake-budgets';
import { deploymentSalt } from '$lib/server/settings/store';
import { budgetFields, budgetsForm, settingsForm } from '$lib/server/settings/schemas';
import { readForm } from '$lib/server/http/forms';
import { formAction } from '$lib/server/http/form-action';
import type { Actions, PageServerLoad } from './$types';

/** What the admin reads after saving: what changed now, then each change that waits and until when. */
function savedNotice(locale: StaffLocale, { changed, proposed }: SettingsSaved): string {
	const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
	const waits = proposed.map((change) =>
		staffText(locale, 'staff_admin_settings_change_waits', {
			setting: change.label ? staffText(locale, change.label) : change.key,
			value: change.value,
			day: day.format(change.effectiveAt)
		})
	);
	const saved = changed
		? staffText(locale, 'staff_admin_settings_saved')
		: proposed.length > 0
			? ''
			: staffText(locale, 'staff_admin_settings_unchanged');
	const delayed =
		waits.length > 0
			? staffText(locale, 'staff_admin_settings_delayed', { days: WEAKENING_DELAY_DAYS, changes: waits.join('; ') })
			: '';
	return `${saved} ${delayed}`.trim();
}

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
		rejectionDefaults: { graceDays: DEFAULT_REJECTED_GRACE_DAYS, perDay: DEFAULT_REJECTIONS_PER_DAY },
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
		const locale = staffLocaleFor(staff, url, request.headers);
		return formAction(settingsForm, values, (settings) =>
			formAction(budgetsForm, budgetValues, (budgets) => ({
				saved: savedNotice(locale, saveAdminSettings(settings, budgets, staff.id))
			}))
		);
	}
};
