import { languagePage } from '$lib/server/language-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => languagePage(url, ['language_', 'start_page_']);
