import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { ModerationError, attachmentCiphertext } from '$lib/server/moderation';
import { refuse } from '$lib/server/validation';
import type { RequestHandler } from './$types';

/** A voice note's ciphertext, decrypted only in the moderator's browser. */
export const GET: RequestHandler = ({ locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	try {
		const ciphertext = attachmentCiphertext(params.id, channelsWithRole(staff, 'moderator'));
		return new Response(new Uint8Array(ciphertext), {
			headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }
		});
	} catch (cause) {
		if (cause instanceof ModerationError) return refuse(cause.status, cause.message);
		throw cause;
	}
};
