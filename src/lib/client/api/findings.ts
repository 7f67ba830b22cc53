/** Published findings, public text, for the check page. */
import type * as v from 'valibot';
import type { PublicFinding } from '$lib/server/findings/findings';
import type { channelFindingsRequest } from '$lib/server/findings/public-schemas';
import { postJson } from './http';

export type { PublicFinding } from '$lib/server/findings/findings';

export function channelFindings(
	request: v.InferInput<typeof channelFindingsRequest>
): Promise<{ findings: PublicFinding[] }> {
	return postJson('/api/findings', request);
}
