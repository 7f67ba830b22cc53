import { languagePage } from '$lib/server/i18n/language-page';
import type { PageServerLoad } from './$types';

/**
 * The first page: languages and what this site is. Server-rendered with no script but the quick
 * exit, so it works without JavaScript and is a few kilobytes on a slow line (the kiosk page
 * reuses its component with its own code).
 */
export const csr = false;

export const load: PageServerLoad = ({ url }) => languagePage(url, ['language_', 'start_page_']);
