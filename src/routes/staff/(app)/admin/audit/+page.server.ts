import { requireAdmin } from '$lib/server/auth/guard';
import { auditLogPage, auditPeople, auditQueryString, readAuditQuery } from '$lib/server/audit/log';
import { AUDIT_ACTIONS } from '$lib/server/audit/record';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	const people = auditPeople();
	const { filter, page, problems } = readAuditQuery(url.searchParams, people);
	const log = auditLogPage(filter, page);
	return {
		people,
		actions: [...AUDIT_ACTIONS],
		filter,
		problems,
		log,
		exportHref: `/staff/admin/audit/export.csv${auditQueryString(filter)}`,
		previousHref: page > 1 ? `/staff/admin/audit${auditQueryString(filter, Math.min(page - 1, log.pageCount))}` : null,
		nextHref: page < log.pageCount ? `/staff/admin/audit${auditQueryString(filter, page + 1)}` : null
	};
};
