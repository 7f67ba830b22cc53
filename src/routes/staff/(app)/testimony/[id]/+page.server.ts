import { error } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit/record';
import { markSeen } from '$lib/server/intake/inbox';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { ModerationError, moderationView } from '$lib/server/moderation/review';
import { contextLabels, questionDomains, questionWordingsByLocale } from '$lib/server/questionnaire/questions';
import { replyTemplates } from '$lib/server/moderation/reply-templates';
import type { PageServerLoad } from './$types';

/**
 * The testimony itself, recorded as opened each time it is sent. A decision reloads only the
 * decision state (`testimony:decision`, in the layout), so it does not count as opening again.
 */
export const load: PageServerLoad = ({ locals, url, params }) => {
	const staff = requireStaffPage(locals.staff, url);
	let view;
	try {
		view = moderationView(params.id, staff.id, channelsWithRole(staff, 'moderator'));
	} catch (cause) {
		if (cause instanceof ModerationError) error(cause.status, { message: cause.message });
		throw cause;
	}
	recordAudit({ actorId: staff.id, action: 'submission.opened', subjectType: 'submission', subjectId: view.id });
	markSeen(staff.id, view.id);
	return {
		view,
		me: staff.username,
		questions: questionWordingsByLocale(),
		domains: questionDomains(),
		contextLabels: contextLabels(),
		templates: replyTemplates(view.channel.id)
	};
};
