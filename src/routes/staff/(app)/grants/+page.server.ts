import { channelsWithRole, hasRole, requireStaffPage } from '$lib/server/auth/guard';
import { channelsByIds } from '$lib/server/channels/keys';
import {
	channelsDueForRotation,
	corpusDueForRotation,
	pendingGrants,
	rotationRecipients
} from '$lib/server/channels/grants';
import { pendingRotations } from '$lib/server/channels/rotations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const staff = requireStaffPage(locals.staff, url);
	const pending = pendingGrants(staff.id);
	const isAdmin = hasRole(staff, 'admin');
	const moderated = new Set(channelsWithRole(staff, 'moderator'));
	const mayRotate = (channelId: string) => isAdmin || moderated.has(channelId);
	const due = new Set(channelsDueForRotation().map((channel) => channel.channelId));
	const readsCorpus = hasRole(staff, 'researcher') || hasRole(staff, 'moderator');
	const rotations = pendingRotations({ id: staff.id, isAdmin, channelIds: [...moderated], readsCorpus });
	return {
		/** New key versions waiting for a colleague's confirmation; every one for an admin. */
		rotations,
		/** Grants this person can make: they hold the key, someone else needs it. */
		grantable: pending.filter((grant) => grant.granterSealedKey && grant.userId !== staff.id),
		/** Keys this person is still waiting for. */
		waiting: pending.filter((grant) => grant.userId === staff.id),
		channels: channelsByIds([...new Set([...moderated, ...(isAdmin ? [...due] : [])])])
			.filter((channel) => mayRotate(channel.id))
			.map((channel) => ({
				id: channel.id,
				name: channel.name,
				due: due.has(channel.id),
				pending: rotations.some((rotation) => rotation.channelId === channel.id),
				recipients: rotationRecipients({ channelId: channel.id })
			})),
		corpus:
			readsCorpus || isAdmin
				? {
						due: corpusDueForRotation(),
						pending: rotations.some((rotation) => rotation.kind === 'corpus'),
						recipients: rotationRecipients('corpus')
					}
				: null
	};
};
