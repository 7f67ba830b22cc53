import type { InboxCounts } from '$lib/client/api/inbox';
import { LivePoll, type LivePage, type LiveTimers } from '$lib/client/live-poll.svelte';
import type { StaffTranslate } from '$lib/staff-i18n';

export { POLL_MS } from '$lib/client/live-poll.svelte';

/** The inbox's live counts (see LivePoll), its notices in the reader's language (`text`). */
export class InboxLive extends LivePoll<InboxCounts> {
	constructor(read: () => Promise<InboxCounts>, text: StaffTranslate, page?: LivePage, timers?: LiveTimers) {
		super(
			read,
			{
				failed: text('staff_moderation_inbox_live_failed'),
				ended: text('staff_moderation_inbox_live_ended')
			},
			page,
			timers
		);
	}
}
