import { jsonEndpoint } from '$lib/server/http/endpoint';
import { survivorView } from '$lib/server/intake/receipts';
import { receiptStatusRequest } from '$lib/server/intake/schemas';
import { questionWordings } from '$lib/server/questionnaire/questions';
import type { RequestHandler } from './$types';

/**
 * The testimony's status and thread. When the survivor can read their testimony back, the
 * questions' wordings (every version, English where a translation is missing) come with it: the
 * server cannot tell which questions were answered, so it sends them all.
 */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, receiptStatusRequest, 1024, ({ lookupToken, locale }) => {
		const view = survivorView(lookupToken);
		if (!view.ownTestimony) return { ...view, questions: {} };
		const english = questionWordings('en');
		const wanted = questionWordings(locale ?? 'en');
		const questions = Object.fromEntries(
			Object.entries(english).map(([id, versions]) => [id, { ...versions, ...wanted[id] }])
		);
		return { ...view, questions };
	});
