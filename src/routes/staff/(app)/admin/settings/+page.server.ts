import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireAdmin } from '$lib/server/auth/guard';
import {
	DEFAULT_POW_DIFFICULTY,
	DEPLOYMENT_NAME_LENGTH,
	POW_DIFFICULTY_BOUNDS,
	RETENTION_DAYS_BOUNDS,
	SettingOutOfRange,
	deploymentSalt,
	deploymentSettings,
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
		pow: { bounds: POW_DIFFICULTY_BOUNDS, default: DEFAULT_POW_DIFFICULTY }
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
			powDifficulty: form.get('powDifficulty')
		});
		if (!parsed.success) return fail(400, { message: parsed.issues[0].message });
		try {
			const changed = updateDeploymentSettings(parsed.output, staff.id);
			return { saved: changed.length > 0 ? 'Settings saved.' : 'Nothing changed.' };
		} catch (cause) {
			if (cause instanceof SettingOutOfRange) return fail(400, { message: cause.message });
			throw cause;
		}
	}
};
