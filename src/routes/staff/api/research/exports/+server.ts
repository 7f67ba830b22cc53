import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { recordExport } from '$lib/server/research/workspace';
import { requireCorpusReader } from '$lib/server/auth/guard';
import { exportNotice } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

/** Records that an export was built in the browser: kind and number of records, never content. */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireCorpusReader(locals.staff);
	return jsonEndpoint(request, exportNotice, 1024, (input) => {
		recordExport(staff.id, input.kind, input.records);
		return json({ ok: true }, { status: 201 });
	});
};
