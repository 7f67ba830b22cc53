import { json } from '@sveltejs/kit';
import { refuse } from '$lib/server/validation';
import { ResearchError, deleteMemo } from '$lib/server/research';
import { requireResearcher } from '$lib/server/research-guard';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) => {
	const staff = requireResearcher(locals.staff);
	try {
		deleteMemo(staff.id, params.id);
		return json({ ok: true });
	} catch (cause) {
		if (cause instanceof ResearchError) return refuse(cause.status, cause.message);
		throw cause;
	}
};
