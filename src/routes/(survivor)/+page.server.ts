import { languagePage } from '$lib/server/i18n/language-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => languagePage(url, ['language_', 'start_page_']);
