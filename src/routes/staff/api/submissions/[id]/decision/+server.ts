import { error } from '@sveltejs/kit';
import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { jsonEndpoint } from '$lib/server/http/endpoint';
import { decide } from '$lib/server/moderation/review';
import { confirmRejection, rejectTestimony, undoRejection, withdrawProposal } from '$lib/server/moderation/rejections';
import { MAX_DECISION_BODY_BYTES, decisionUpload } from '$lib/server/moderation/schemas';
import { sealedTestimony } from '$lib/server/intake/submissions';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	const channelIds = channelsWithRole(staff, 'moderator');
	if (!sealedTestimony(params.id, channelIds)) {
		error(404, { message: 'No testimony with this id in your channels.' });
	}
	return jsonEndpoint(request, decisionUpload, MAX_DECISION_BODY_BYTES, (input) => {
		switch (input.kind) {
			case 'reject':
				return rejectTestimony(params.id, staff.id, channelIds, input.reason);
			case 'confirm_rejection':
				return { state: 'rejected', ...confirmRejection(params.id, staff.id, channelIds) };
			case 'withdraw_rejection':
				withdrawProposal(params.id, staff.id, channelIds);
				return { state: 'withdrawn' };
			case 'undo_rejection':
				return { state: 'undone', status: undoRejection(params.id, staff.id, channelIds) };
			default:
				return { status: decide(params.id, staff.id, channelIds, input) };
		}
	});
};
