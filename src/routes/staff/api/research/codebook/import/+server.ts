import { json } from '@sveltejs/kit';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { requireResearcher } from '$lib/server/auth/guard';
import { importCodebook, previewCodebookImport } from '$lib/server/research/codebook-import';
import { codebookImportRequest, CODEBOOK_IMPORT_BODY_BYTES } from '$lib/server/research/schemas';
import type { RequestHandler } from './$types';

/**
 * A REFI-QDA codebook from another tool: without `confirm`, the preview of what would be added,
 * already there or skipped (nothing written); with it, the import itself.
 */
export const POST: RequestHandler = ({ request, locals }) => {
	const staff = requireResearcher(locals.staff);
	return jsonEndpoint(request, codebookImportRequest, CODEBOOK_IMPORT_BODY_BYTES, (input) =>
		json(input.confirm ? importCodebook(staff.id, input.xml) : previewCodebookImport(input.xml))
	);
};
