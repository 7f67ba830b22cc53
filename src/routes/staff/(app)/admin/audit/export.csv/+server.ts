import { error } from '@sveltejs/kit';
import { requireAdminApi } from '$lib/server/auth/guard';
import { auditPeople, exportAuditCsv, readAuditQuery } from '$lib/server/audit/log';
import type { RequestHandler } from './$types';

/** The audit log as CSV, with the page's filters. Downloading it is itself audited. */
export const GET: RequestHandler = ({ locals, url }) => {
	const staff = requireAdminApi(locals.staff);
	const { filter, problems } = readAuditQuery(url.searchParams, auditPeople());
	// A download has no page to show a notice on, so a bad filter refuses instead of widening the export.
	if (problems.length > 0) error(400, { message: problems.join(' ') });
	const { csv, filename } = exportAuditCsv(filter, staff.id);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
};
