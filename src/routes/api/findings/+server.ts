import { jsonEndpoint } from '$lib/server/http/endpoint';
import { channelFindings } from '$lib/server/findings/findings';
import { channelFindingsRequest } from '$lib/server/findings/public-schemas';
import type { RequestHandler } from './$types';

/** A channel's newest published findings, for the check page. Public text; stores nothing. */
export const POST: RequestHandler = ({ request }) =>
	jsonEndpoint(request, channelFindingsRequest, 256, ({ channelId, locale }) => ({
		findings: channelFindings(channelId, locale)
	}));
