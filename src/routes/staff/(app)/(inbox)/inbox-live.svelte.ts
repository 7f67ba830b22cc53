import type { InboxCounts } from '$lib/client/api/inbox';
import { LivePoll, type LivePage, type LiveTimers } from '$lib/client/live-poll.svelte';

export { POLL_MS } from '$lib/client/live-poll.svelte';

/** The inbox's live counts (see LivePoll). */
export class InboxLive extends LivePoll<InboxCounts> {
	constructor(read: () => Promise<InboxCounts>, page?: LivePage, timers?: LiveTimers) {
		super(
			read,
			{
				failed: 'The counts could not be refreshed. Trying again shortly.',
				ended: 'Your session has ended: the counts are no longer updated. Sign in again.'
			},
			page,
			timers
		);
	}
}
