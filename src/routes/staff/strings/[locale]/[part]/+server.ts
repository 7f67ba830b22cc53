import { error, json } from '@sveltejs/kit';
import { staffStringPart } from '$lib/server/i18n/staff';
import { isStaffLocale, isStaffStringPart } from '$lib/staff-i18n';
import type { RequestHandler } from './$types';

/**
 * One part of the staff strings in one language (src/lib/staff-strings.ts fetches them). The
 * catalogue is public, so signed-out pages (sign-in, enrolment) read it too; it carries nothing
 * of anyone's.
 */
export const GET: RequestHandler = ({ params }) => {
	if (!isStaffLocale(params.locale) || !isStaffStringPart(params.part)) {
		error(404, { message: 'The staff pages have no such strings.' });
	}
	return json(staffStringPart(params.locale, params.part));
};
