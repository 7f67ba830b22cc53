/** The inbox's live counts: numbers only, polled while the inbox is on screen. */
import type { InboxCounts } from '$lib/server/moderation/inbox-counts';
import { getJson } from './http';

export type { InboxCounts };

export function inboxCounts(signal?: AbortSignal): Promise<InboxCounts> {
	return getJson('/staff/api/inbox/counts', 'The counts could not be read.', signal);
}
