/** The inbox's live counts: numbers only, polled while the inbox is on screen. */
import type { InboxCounts } from '$lib/server/moderation/inbox-counts';
import { ApiError } from './http';

export type { InboxCounts };

export async function inboxCounts(signal?: AbortSignal): Promise<InboxCounts> {
	const response = await fetch('/staff/api/inbox/counts', { credentials: 'same-origin', signal });
	const answer = await response.json().catch(() => ({}));
	if (!response.ok) {
		throw new ApiError(
			typeof answer?.message === 'string' ? answer.message : 'The counts could not be read.',
			response.status
		);
	}
	return answer as InboxCounts;
}
