import { getLocale } from '$lib/paraglide/runtime';
import { dictionary } from '$lib/server/i18n/dictionary';
import { islandFiles } from '$lib/server/islands';
import { deploymentSalt } from '$lib/server/settings/store';
import type { PageServerLoad } from './$types';

/**
 * Checking a receipt: the thread with the team, opened and answered in the browser. Its code is
 * the check itself, an island (see $lib/islands), without SvelteKit's client and router.
 */
export const csr = false;

export const load: PageServerLoad = () => ({
	text: dictionary(getLocale(), [
		'site_title',
		'check_',
		'budget_check_',
		'voice_',
		'crypto_',
		'send_failed',
		'sending_upload_progress',
		'pow_',
		'noscript_',
		'findings_'
	]),
	deploymentSalt: deploymentSalt(),
	island: islandFiles('check')
});
