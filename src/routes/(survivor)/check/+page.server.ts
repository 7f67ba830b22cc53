import { getLocale } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n/dictionary';
import { deploymentSalt } from '$lib/server/settings/store';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	text: dictionary(getLocale(), [
		'check_',
		'budget_check_',
		'voice_',
		'crypto_',
		'send_failed',
		'sending_upload_progress',
		'pow_',
		'noscript_'
	]),
	deploymentSalt: deploymentSalt()
});
