/**
 * The survivor side's request for findings. Like every survivor endpoint, its refusals are plain
 * sentences: survivor pages translate a refusal by its status, never by its text.
 */
import * as v from 'valibot';
import { locales } from '$lib/paraglide/runtime';

/** The check page's question: a channel's newest findings, in the page's language. */
export const channelFindingsRequest = v.object({
	channelId: v.pipe(v.string(), v.uuid('channelId must be a channel id.')),
	locale: v.picklist(locales, 'locale must be one of the portal’s languages.')
});
