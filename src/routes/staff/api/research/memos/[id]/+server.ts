import { domainAnswer } from '$lib/server/http/endpoint';
import { deleteMemo } from '$lib/server/research/workspace';
import { requireResearcher } from '$lib/server/auth/guard';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) => {
	const staff = requireResearcher(locals.staff);
	return domainAnswer(() => {
		deleteMemo(staff.id, params.id);
		return { ok: true };
	});
};
