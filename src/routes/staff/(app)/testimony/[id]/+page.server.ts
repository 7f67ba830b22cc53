import { error } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { channelsWithRole, requireStaffPage } from '$lib/server/auth/guard';
import { channelKeyGrantsFor } from '$lib/server/keys';
import { questionWordings } from '$lib/server/questions';
import { markInReview, sealedTestimony } from '$lib/server/submissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) => {
	const staff = requireStaffPage(locals.staff, url);
	const testimony = sealedTestimony(params.id, channelsWithRole(staff, 'moderator'));
	if (!testimony) error(404, { message: 'No testimony with this id in your channels.' });
	const [grant] = channelKeyGrantsFor(staff.id, [testimony.channelKeyId]);
	recordAudit({ actorId: staff.id, action: 'submission.opened', subjectType: 'submission', subjectId: testimony.id });
	markInReview(testimony.id);
	return {
		testimony,
		questions: questionWordings('en'),
		channelKey: grant
			? {
					publicKey: grant.publicKey.toString('base64url'),
					sealedSecretKey: grant.sealedSecretKey.toString('base64url')
				}
			: null
	};
};
