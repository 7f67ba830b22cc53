import { error } from '@sveltejs/kit';
import { promptAudio } from '$lib/server/prompts/prompts';
import type { RequestHandler } from './$types';

/**
 * A recorded reading of a survivor text. Its address is its content hash, so it never changes
 * and browsers may keep it; the page asks for it only when the person presses Listen.
 */
export const GET: RequestHandler = ({ params }) => {
	const prompt = promptAudio(params.file);
	if (!prompt) error(404, { message: 'There is no recording at this address.' });
	return new Response(prompt.audio as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': prompt.mimeType,
			'content-length': String(prompt.audio.byteLength),
			'cache-control': 'public, max-age=31536000, immutable'
		}
	});
};
