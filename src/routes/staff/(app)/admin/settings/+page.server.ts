import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireAdmin } from '$lib/server/auth/guard';
import {
	DEPLOYMENT_NAME_LENGTH,
	REJECTIONS_PER_DAY_BOUNDS,
	RETENTION_DAYS_BOUNDS,
	WEAKENING_DELAY_DAYS,
	SettingOutOfRange,
	deploymentSalt,
	deploymentSettings,
	pendingSettingChanges,
	updateDeploymentSettings
} from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {
		settings: deploymentSettings(),
		receiptSalt: deploymentSalt(),
		nameLength: DEPLOYMENT_NAME_LENGTH,
		retentionBounds: RETENTION_DAYS_BOUNDS,
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
	rejectedGraceDays: days('Days a rejected testimony can be undone'),
	rejectionsPerDay: v.pipe(
		v.string('Rejections a moderator may make alone must be a number.'),
		v.trim(),
		v.regex(/^\d{1,3}$/, 'Rejections a moderator may make alone must be a whole number.'),
		v.transform(Number),
		v.maxValue(REJECTIONS_PER_DAY_BOUNDS.max, `Rejections a moderator may make alone must be at most ${REJECTIONS_PER_DAY_BOUNDS.max}.`)
	)
});

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			return fail(400, { message: 'The form could not be read; reload the page and try again.' });
		}
		const parsed = v.safeParse(settingsForm, {
			deploymentName: form.get('deploymentName'),
			rawRetentionDays: form.get('rawRetentionDays'),
			unreviewedRetentionDays: form.get('unreviewedRetentionDays'),
			deleteVoiceAfterTranscription: form.get('deleteVoiceAfterTranscription') === 'on',
			rejectedGraceDays: form.get('rejectedGraceDays'),
			rejectionsPerDay: form.get('rejectionsPerDay')
		});
		if (!parsed.success) return fail(400, { message: parsed.issues[0].message });
		try {
			const now = new Date();
			const pendingBefore = new Set(pendingSettingChanges(now).map((change) => `${change.key}=${change.value}`));
			const changed = updateDeploymentSettings(parsed.output, staff.id, now);
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
