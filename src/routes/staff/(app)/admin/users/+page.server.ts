import { disableUser, enableUser, resetTotp, setRoles, staffListing } from '$lib/server/accounts/manage';
import { requireAdmin } from '$lib/server/auth/guard';
import { serverConfig } from '$lib/server/config';
import { ROLES } from '$lib/server/db/schema';
import { channelChoices } from '$lib/server/channels/keys';
import {
	InvitationError,
	createInvitation,
	openInvitations,
	revokeInvitation,
	type RoleGrant
} from '$lib/server/accounts/enrolment';
import { readForm } from '$lib/server/http/forms';
import { formAction } from '$lib/server/http/form-action';
import { invitationForm, inviteForm, statusForm, userForm } from '$lib/server/accounts/schemas';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {
		people: staffListing(),
		channels: channelChoices().map(({ id, name, country }) => ({ id, name, country })),
		invitations: openInvitations().map((item) => ({
			...item,
			expiresAt: item.expiresAt.toISOString(),
			createdAt: item.createdAt.toISOString()
		}))
	};
};

/** Checkbox values: "admin", "researcher", "moderator:<channel id>", "facilitator:<channel id>". */
function rolesFrom(form: FormData): RoleGrant[] {
	return form.getAll('role').map((value) => {
		const [role, channelId] = String(value).split(':');
		if (!(ROLES as readonly string[]).includes(role))
			throw new InvitationError({ key: 'staff_refusals_invitation_unknown_role' }, 400);
		return { role: role as RoleGrant['role'], channelId: channelId || null };
	});
}

export const actions: Actions = {
	invite: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const values = { expiresInDays: form.get('expiresInDays'), note: form.get('note') ?? undefined };
		return formAction(inviteForm, values, (input) => {
			const { token, expiresAt } = createInvitation(admin.id, { roles: rolesFrom(form), ...input });
			return {
				message: staffText(staffLocaleFor(admin, url, request.headers), 'staff_admin_users_invited'),
				link: `${serverConfig().origin}/staff/enrol#${token}`,
				expiresAt: expiresAt.toISOString()
			};
		});
	},
	revokeInvitation: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		return formAction(invitationForm, Object.fromEntries(await readForm(request)), ({ invitationId }) => {
			revokeInvitation(admin.id, invitationId);
			return { message: staffText(staffLocaleFor(admin, url, request.headers), 'staff_admin_users_withdrawn') };
		});
	},
	disable: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		return formAction(statusForm, Object.fromEntries(await readForm(request)), ({ userId, ...change }) => {
			const { channelIds } = disableUser(admin.id, userId, change);
			const notice = channelIds.length > 0 ? 'staff_admin_users_disabled_rotate' : 'staff_admin_users_disabled_done';
			return { message: staffText(staffLocaleFor(admin, url, request.headers), notice) };
		});
	},
	enable: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		return formAction(statusForm, Object.fromEntries(await readForm(request)), ({ userId, ...change }) => {
			enableUser(admin.id, userId, change);
			return { message: staffText(staffLocaleFor(admin, url, request.headers), 'staff_admin_users_enabled') };
		});
	},
	resetTotp: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		return formAction(userForm, Object.fromEntries(await readForm(request)), ({ userId }) => {
			const { token, expiresAt } = resetTotp(admin.id, userId);
			return {
				message: staffText(staffLocaleFor(admin, url, request.headers), 'staff_admin_users_totp_reset'),
				link: `${serverConfig().origin}/staff/reenrol#${token}`,
				expiresAt: expiresAt.toISOString()
			};
		});
	},
	setRoles: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		return formAction(userForm, { userId: form.get('userId') }, ({ userId }) => {
			setRoles(admin.id, userId, rolesFrom(form));
			return { message: staffText(staffLocaleFor(admin, url, request.headers), 'staff_admin_users_roles_saved') };
		});
	}
};
