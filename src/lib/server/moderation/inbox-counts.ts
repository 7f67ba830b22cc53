/** The inbox's counts: the numbers above the list, loaded with the inbox and polled while it is on screen. */
import type { SubmissionStatus } from '../db/schema';
import { inboxActivity, type InboxActivity } from '../intake/inbox';
import { rejectionsOfChannels } from './rejections';
import { statusCounts } from './review';

export type InboxCounts = {
	counts: Record<SubmissionStatus, number>;
	activity: InboxActivity;
	proposedRejections: number;
};

/** Numbers only, never a testimony: by status, what this staff member has not read, what waits. */
export function inboxCounts(staffId: string, channelIds: string[]): InboxCounts {
	const rejections = [...rejectionsOfChannels(channelIds).values()];
	return {
		counts: statusCounts(channelIds),
		activity: inboxActivity(staffId, channelIds),
		proposedRejections: rejections.filter((item) => item.state === 'proposed').length
	};
}
