import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	// With a live session but a locked key, the staff layout asks for the passphrase instead.
	if (locals.staff) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

/** Only paths inside the staff area, so the login page cannot be used as an open redirect. */
function safeNext(next: string | null): string {
	return next && /^\/staff(\/[A-Za-z0-9/_-]*)?$/.test(next) ? next : '/staff';
}
