import { json } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit/record';
import { clearSessionCookie, invalidateSession } from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, cookies }) => {
	if (locals.staff) {
		invalidateSession(locals.staff.sessionId);
		recordAudit({ actorId: locals.staff.id, action: 'logout' });
	}
	clearSessionCookie(cookies);
	return json({ ok: true });
};
