import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { domainAnswer } from '$lib/server/endpoint';
import { attachmentCiphertext } from '$lib/server/moderation';
import type { RequestHandler } from './$types';

/** A voice note's ciphertext, decrypted only in the moderator's browser. */
export const GET: RequestHandler = ({ locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	return domainAnswer(
		() =>
			new Response(new Uint8Array(attachmentCiphertext(params.id, channelsWithRole(staff, 'moderator'))), {
				headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }
			})
	);
};
