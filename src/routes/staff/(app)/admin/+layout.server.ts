import { requireAdmin } from '$lib/server/auth/guard';
import { pendingSettingChanges } from '$lib/server/settings/settings';
import { staffUserById } from '$lib/server/accounts/staff';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url, request }) => {
	requireAdmin(locals.staff, url);
	return {
		// Shown on every admin page: a change that lets testimonies be deleted sooner, still cancellable.
		pendingChanges: pendingSettingChanges().map((change) => ({
			key: change.key,
			label: change.label,
			value: change.value,
			// Null when the system proposed it; an account deleted since is named as a former admin.
			proposedBy: change.proposedBy
				? (staffUserById(change.proposedBy)?.username ??
					staffText(staffLocaleFor(locals.staff, url, request.headers), 'staff_admin_pending_by_former'))
				: null,
			proposedAt: change.proposedAt.toISOString(),
			effectiveAt: change.effectiveAt.toISOString()
		}))
	};
};
