import { json } from '@sveltejs/kit';
import { domainAnswer, jsonEndpoint } from '$lib/server/http/endpoint';
import { recodeCoding, removeCoding } from '$lib/server/research/codings';
import { requireResearcher } from '$lib/server/auth/guard';
import { recodeRequest } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

/** Changes the code of one's own coding. */
export const PATCH: RequestHandler = ({ request, locals, params }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, recodeRequest, 1024, (input) => {
		recodeCoding(staff.id, params.id, input.codeId);
		return json({ ok: true });
	});
};

export const DELETE: RequestHandler = ({ locals, params }) => {
	const staff = requireResearcher(locals.staff);
	return domainAnswer(() => {
		removeCoding(staff.id, params.id);
		return { ok: true };
	});
};
