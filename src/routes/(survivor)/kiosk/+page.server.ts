import { error } from '@sveltejs/kit';
import { languagePage } from '$lib/server/i18n/language-page';
import type { PageServerLoad } from './$types';

/**
 * The language page of a facilitator's shared device: the same page, plus the offline worker
 * and the count of testimonies waiting to be sent. Kept apart so the public first page carries
 * none of that code.
 */
export const load: PageServerLoad = ({ url }) => {
	const page = languagePage(url, ['language_', 'start_page_', 'kiosk_']);
	if (!page.session?.kiosk)
		error(404, { message: 'This page is for a session’s shared device. Use the session’s link or code.' });
	return page;
};
