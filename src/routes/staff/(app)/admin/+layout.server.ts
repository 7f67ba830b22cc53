import { requireAdmin } from '$lib/server/auth/guard';
import { pendingSettingChanges } from '$lib/server/settings/settings';
import { staffUserById } from '$lib/server/accounts/staff';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {
		// Shown on every admin page: a change that lets testimonies be deleted sooner, still cancellable.
		pendingChanges: pendingSettingChanges().map((change) => ({
			key: change.key,
			label: change.label,
			value: change.value,
			proposedBy: change.proposedBy ? (staffUserById(change.proposedBy)?.username ?? 'a former admin') : 'the system',
			proposedAt: change.proposedAt.toISOString().slice(0, 16).replace('T', ' '),
			effectiveAt: change.effectiveAt.toISOString().slice(0, 16).replace('T', ' ')
		}))
	};
};
