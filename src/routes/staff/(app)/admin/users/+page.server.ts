import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { AccountError, disableUser, enableUser, resetTotp, setRoles, staffListing } from '$lib/server/accounts/manage';
import { requireAdmin } from '$lib/server/auth/guard';
import { serverConfig } from '$lib/server/config';
import { ROLES, channel } from '$lib/server/db/schema';
import { db } from '$lib/server/db';
import { InvitationError, createInvitation, openInvitations, revokeInvitation, type RoleGrant } from '$lib/server/accounts/enrolment';
import { readForm } from '$lib/server/http/forms';
import { issueMessage } from '$lib/server/http/issues';
import { ReenrolmentError } from '$lib/server/auth/reenrolment';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	return {
		people: staffListing(),
		channels: db().select({ id: channel.id, name: channel.name, country: channel.country }).from(channel).all(),
		invitations: openInvitations().map((item) => ({ ...item, expiresAt: item.expiresAt.toISOString(), createdAt: item.createdAt.toISOString() }))
	};
};

/** Checkbox values: "admin", "researcher", "moderator:<channel id>", "facilitator:<channel id>". */
function rolesFrom(form: FormData): RoleGrant[] {
	return form.getAll('role').map((value) => {
		const [role, channelId] = String(value).split(':');
		if (!(ROLES as readonly string[]).includes(role)) throw new InvitationError('Unknown role.', 400);
		return { role: role as RoleGrant['role'], channelId: channelId || null };
	});
}

const inviteForm = v.object({
	expiresInDays: v.pipe(v.string(), v.transform(Number), v.integer('Expiry must be whole days.'), v.minValue(1), v.maxValue(30, 'An invitation lasts at most 30 days.')),
	note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, 'Keep the note under 200 characters.')))
});
const userForm = v.object({ userId: v.pipe(v.string(), v.uuid('Unknown person.')) });
const statusForm = v.object({
	userId: v.pipe(v.string(), v.uuid('Unknown person.')),
	confirmUsername: v.pipe(v.string('Type the username to confirm.'), v.maxLength(64, 'Type the username to confirm.')),
	reason: v.pipe(
		v.string('Give a reason.'),
		v.trim(),
		v.minLength(3, 'Give a reason; the audit log keeps it.'),
		v.maxLength(500, 'Keep the reason under 500 characters.')
	)
});
const invitationForm = v.object({ invitationId: v.pipe(v.string(), v.uuid('Unknown invitation.')) });

/** Runs an admin action and turns the domain's refusals into a message on the page. */
function attempt<T>(work: () => T) {
	try {
		return work();
	} catch (cause) {
		if (cause instanceof AccountError || cause instanceof InvitationError || cause instanceof ReenrolmentError) {
			return fail(cause.status, { message: cause.message });
		}
		throw cause;
	}
}

export const actions: Actions = {
	invite: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const parsed = v.safeParse(inviteForm, { expiresInDays: form.get('expiresInDays'), note: form.get('note') ?? undefined });
		if (!parsed.success) return fail(400, { message: issueMessage(inviteForm, parsed.issues) });
		return attempt(() => {
			const { token, expiresAt } = createInvitation(admin.id, { roles: rolesFrom(form), ...parsed.output });
			return {
				message: 'Invitation created. Send this link to the person by a safe channel; it is shown only now.',
				link: `${serverConfig().origin}/staff/enrol#${token}`,
				expiresAt: expiresAt.toISOString()
			};
		});
	},
	revokeInvitation: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		const parsed = v.safeParse(invitationForm, Object.fromEntries(await readForm(request)));
		if (!parsed.success) return fail(400, { message: issueMessage(invitationForm, parsed.issues) });
		return attempt(() => {
			revokeInvitation(admin.id, parsed.output.invitationId);
			return { message: 'The invitation was withdrawn.' };
		});
	},
	disable: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		const parsed = v.safeParse(statusForm, Object.fromEntries(await readForm(request)));
		if (!parsed.success) return fail(400, { message: issueMessage(statusForm, parsed.issues) });
		return attempt(() => {
			const { userId, ...change } = parsed.output;
			const { channelIds } = disableUser(admin.id, userId, change);
			return {
				message:
					channelIds.length > 0
						? 'Disabled. Their sessions and key grants are gone. Rotate the keys of their channels on the Key grants page.'
						: 'Disabled. Their sessions and key grants are gone.'
			};
		});
	},
	enable: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		const parsed = v.safeParse(statusForm, Object.fromEntries(await readForm(request)));
		if (!parsed.success) return fail(400, { message: issueMessage(statusForm, parsed.issues) });
		return attempt(() => {
			const { userId, ...change } = parsed.output;
			enableUser(admin.id, userId, change);
			return { message: 'Enabled again. A colleague must grant their keys again on the Key grants page.' };
		});
	},
	resetTotp: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		const parsed = v.safeParse(userForm, Object.fromEntries(await readForm(request)));
		if (!parsed.success) return fail(400, { message: issueMessage(userForm, parsed.issues) });
		return attempt(() => {
			const { token, expiresAt } = resetTotp(admin.id, parsed.output.userId);
			return {
				message:
					'Two-factor authentication was reset and their sessions ended. Send them this re-enrolment link by a safe channel; it is shown only now. With it and their passphrase they set up a new authenticator.',
				link: `${serverConfig().origin}/staff/reenrol#${token}`,
				expiresAt: expiresAt.toISOString()
			};
		});
	},
	setRoles: async ({ locals, url, request }) => {
		const admin = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const parsed = v.safeParse(userForm, { userId: form.get('userId') });
		if (!parsed.success) return fail(400, { message: issueMessage(userForm, parsed.issues) });
		return attempt(() => {
			setRoles(admin.id, parsed.output.userId, rolesFrom(form));
			return { message: 'Roles saved.' };
		});
	}
};
