import { domainAnswer } from '$lib/server/endpoint';
import { deleteMemo } from '$lib/server/research';
import { requireResearcher } from '$lib/server/research-guard';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) => {
	const staff = requireResearcher(locals.staff);
	return domainAnswer(() => {
		deleteMemo(staff.id, params.id);
		return { ok: true };
	});
};
