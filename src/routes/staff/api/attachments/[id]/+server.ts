import { channelsWithRole, requireStaffApi } from '$lib/server/auth/guard';
import { domainAnswer } from '$lib/server/http/endpoint';
import { voiceNoteForModerator } from '$lib/server/moderation/review';
import type { RequestHandler } from './$types';

/**
 * A voice note's ciphertext, decrypted only in the moderator's browser. It is streamed chunk by
 * chunk from the database (pulled as the connection takes it), never loaded whole.
 */
export const GET: RequestHandler = ({ locals, params }) => {
	const staff = requireStaffApi(locals.staff);
	return domainAnswer(() => {
		const note = voiceNoteForModerator(params.id, channelsWithRole(staff, 'moderator'));
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				const next = note.chunks.next();
				if (next.done) controller.close();
				else controller.enqueue(new Uint8Array(next.value));
			}
		});
		return new Response(body, {
			headers: {
				'content-type': 'application/octet-stream',
				'content-length': String(note.bytes),
				'cache-control': 'no-store'
			}
		});
	});
};
