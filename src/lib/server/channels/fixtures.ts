/** The channel administration tests' deployment, its staff members, and helpers to build and edit channels. */
import { randomBytes } from 'node:crypto';
import { beforeAll } from 'vitest';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { db } from '../db';
import { auditEvent, channel, channelKey, channelKeyGrant, staffRole } from '../db/schema';
import { disableUser } from '../accounts/manage';
import { insertStaffUser } from '../accounts/staff';
import { channelDetails } from './admin';
import { type ChannelEdit, type NewChannelInput } from './options';
import { DEFAULT_SAFE_URL } from './keys';

export let adminId: string;
export let setupChannelId: string;
export let moderatorId: string;
export let disabledId: string;

/**
 * A temporary database with one deployment (its admin and channel), a moderator and a disabled staff
 * member, set up before the file's tests.
 */
export function useChannelsDeployment(): void {
	useTemporaryDatabase();
	beforeAll(() => {
		({ adminId, channelId: setupChannelId } = setUpTestDeployment({ admin: fakeStaffUser('admin.one') }));
		const enrol = (username: string) => insertStaffUser(fakeStaffUser(username), { secret: randomBytes(20), step: 0 });
		moderatorId = enrol('moderator.lyon');
		disabledId = enrol('moderator.gone');
		disableUser(adminId, disabledId, { confirmUsername: 'moderator.gone', reason: 'Left the organisation' });
	});
}

export function newChannel(overrides: Partial<NewChannelInput> = {}): NewChannelInput {
	return {
		name: 'Lyon peer group',
		country: 'FR',
		organisation: 'Association Exemple',
		safeUrl: DEFAULT_SAFE_URL,
		publicKey: randomBytes(32),
		grants: [{ userId: moderatorId, sealedKey: randomBytes(80) }],
		...overrides
	};
}

export function tableCounts() {
	return {
		channels: db().select().from(channel).all().length,
		keys: db().select().from(channelKey).all().length,
		grants: db().select().from(channelKeyGrant).all().length,
		roles: db().select().from(staffRole).all().length,
		audit: db().select().from(auditEvent).all().length
	};
}

export function edit(channelId: string, overrides: Partial<ChannelEdit> = {}): ChannelEdit {
	const current = channelDetails(channelId)!;
	return {
		name: current.name,
		country: current.country,
		organisation: current.organisation,
		safeUrl: current.safeUrl,
		locales: current.locales,
		status: current.active ? 'open' : 'closed',
		texts: [],
		...overrides
	};
}

export function lastAudit() {
	return db().select().from(auditEvent).all().at(-1)!;
}
