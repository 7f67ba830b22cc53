import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { locales } from '$lib/paraglide/runtime';
import { db } from '../db';
import { auditEvent, channel, channelKey, channelKeyGrant, channelText, staffRole } from '../db/schema';
import {
	ChannelAdminError,
	channelDetails,
	channelOverview,
	createChannel,
	grantableStaff,
	updateChannel
} from './admin';
import { channelEditForm, newChannelRequest } from './options';
import { activeChannel } from './keys';
import { acceptSubmission } from '../intake/submissions';
import { incomingSubmission } from '../testing';
import {
	adminId,
	disabledId,
	edit,
	lastAudit,
	moderatorId,
	newChannel,
	setupChannelId,
	tableCounts,
	useChannelsDeployment
} from './fixtures';

useChannelsDeployment();

describe('createChannel', () => {
	it('creates the channel, key version 1, a grant and a moderator role per chosen person in one go', () => {
		const sealedForAdmin = randomBytes(80);
		const sealedForModerator = randomBytes(80);
		const { channelId } = createChannel(
			newChannel({
				grants: [
					{ userId: adminId, sealedKey: sealedForAdmin },
					{ userId: moderatorId, sealedKey: sealedForModerator }
				]
			}),
			adminId
		);

		const created = db().select().from(channel).where(eq(channel.id, channelId)).get()!;
		expect(created).toMatchObject({
			name: 'Lyon peer group',
			country: 'FR',
			organisation: 'Association Exemple',
			active: true
		});
		const keys = db().select().from(channelKey).where(eq(channelKey.channelId, channelId)).all();
		expect(keys.map((key) => key.version)).toEqual([1]);
		const grants = db().select().from(channelKeyGrant).where(eq(channelKeyGrant.channelKeyId, keys[0].id)).all();
		expect(grants).toHaveLength(2);
		expect(grants.every((grant) => grant.grantedBy === adminId)).toBe(true);
		expect(grants.find((grant) => grant.staffUserId === moderatorId)?.sealedSecretKey).toEqual(sealedForModerator);
		const roles = db().select().from(staffRole).where(eq(staffRole.channelId, channelId)).all();
		expect(roles.map((role) => [role.staffUserId, role.role]).sort()).toEqual(
			[
				[adminId, 'moderator'],
				[moderatorId, 'moderator']
			].sort()
		);
		const audit = db().select().from(auditEvent).where(eq(auditEvent.subjectId, channelId)).all();
		expect(audit.map((entry) => entry.action)).toEqual(['channel.created']);
		expect(audit[0].actorId).toBe(adminId);
	});

	it('gives the admin no key and no role when they do not choose themself', () => {
		const { channelId } = createChannel(newChannel(), adminId);
		const [key] = db().select().from(channelKey).where(eq(channelKey.channelId, channelId)).all();
		const holders = db().select().from(channelKeyGrant).where(eq(channelKeyGrant.channelKeyId, key.id)).all();
		expect(holders.map((grant) => grant.staffUserId)).toEqual([moderatorId]);
		const adminRoles = db().select().from(staffRole).where(eq(staffRole.staffUserId, adminId)).all();
		expect(adminRoles.some((role) => role.channelId === channelId)).toBe(false);
	});

	it('refuses an unknown user id and stores nothing at all', () => {
		const before = tableCounts();
		const unknown = newChannel({
			grants: [
				{ userId: moderatorId, sealedKey: randomBytes(80) },
				{ userId: '00000000-0000-4000-8000-000000000000', sealedKey: randomBytes(80) }
			]
		});
		expect(() => createChannel(unknown, adminId)).toThrow(ChannelAdminError);
		expect(tableCounts()).toEqual(before);
	});

	it('refuses a disabled staff member as moderator', () => {
		const before = tableCounts();
		expect(() =>
			createChannel(newChannel({ grants: [{ userId: disabledId, sealedKey: randomBytes(80) }] }), adminId)
		).toThrow(/active staff/);
		expect(tableCounts()).toEqual(before);
	});

	it('refuses a sealed key that is not 80 bytes, and a channel with no moderator', () => {
		const before = tableCounts();
		expect(() =>
			createChannel(newChannel({ grants: [{ userId: moderatorId, sealedKey: randomBytes(48) }] }), adminId)
		).toThrow(/80 bytes/);
		expect(() => createChannel(newChannel({ grants: [] }), adminId)).toThrow(/at least one moderator/);
		expect(tableCounts()).toEqual(before);
	});

	it('offers only active staff members as moderators, with their public keys', () => {
		const offered = grantableStaff();
		expect(offered.map((user) => user.username)).toEqual(['admin.one', 'moderator.lyon']);
		expect(Buffer.from(offered[0].publicKey, 'base64url')).toHaveLength(32);
	});
});

describe('newChannelRequest', () => {
	const body = (overrides: Record<string, unknown> = {}) => ({
		name: '  Ghent drop-in ',
		country: 'be',
		organisation: '',
		safeUrl: 'https://www.bbc.com/weather',
		publicKey: randomBytes(32).toString('base64url'),
		grants: [{ userId: moderatorId, sealedKey: randomBytes(80).toString('base64url') }],
		...overrides
	});

	it('accepts a well-formed request and normalises its fields', () => {
		const parsed = v.parse(newChannelRequest, body());
		expect(parsed).toMatchObject({
			name: 'Ghent drop-in',
			country: 'BE',
			organisation: null,
			safeUrl: 'https://www.bbc.com/weather'
		});
		expect(parsed.grants[0].sealedKey).toHaveLength(80);
	});

	it('refuses a sealed key of the wrong size or encoding', () => {
		const short = { userId: moderatorId, sealedKey: randomBytes(79).toString('base64url') };
		expect(v.safeParse(newChannelRequest, body({ grants: [short] })).success).toBe(false);
		const padded = { userId: moderatorId, sealedKey: randomBytes(80).toString('base64') };
		expect(v.safeParse(newChannelRequest, body({ grants: [padded] })).success).toBe(false);
	});

	it('refuses a quick-exit site that is not https, an unknown country and a repeated moderator', () => {
		expect(v.safeParse(newChannelRequest, body({ safeUrl: 'http://www.bbc.com/weather' })).success).toBe(false);
		expect(v.safeParse(newChannelRequest, body({ safeUrl: 'javascript:alert(1)' })).success).toBe(false);
		expect(v.safeParse(newChannelRequest, body({ country: 'ZZ' })).success).toBe(false);
		const grant = { userId: moderatorId, sealedKey: randomBytes(80).toString('base64url') };
		expect(v.safeParse(newChannelRequest, body({ grants: [grant, grant] })).success).toBe(false);
	});
});

describe('channelOverview', () => {
	it('counts moderators, the current key version and testimonies by status', () => {
		acceptSubmission(incomingSubmission(setupChannelId));
		const palermo = channelOverview().find((summary) => summary.id === setupChannelId)!;
		expect(palermo).toMatchObject({
			name: 'Palermo shelter',
			country: 'IT',
			active: true,
			keyVersion: 1,
			moderators: 1
		});
		expect(palermo.testimonies).toEqual({ new: 1, in_review: 0, waiting: 0, approved: 0, rejected: 0, withdrawn: 0 });
	});
});

describe('updateChannel', () => {
	it('saves changed fields and audits their names only', () => {
		const { channelId } = createChannel(newChannel({ name: 'Antwerp' }), adminId);
		const result = updateChannel(
			channelId,
			edit(channelId, { name: 'Antwerp women’s group', safeUrl: 'https://www.bbc.com/weather', organisation: null }),
			adminId
		);
		expect(result.fields.sort()).toEqual(['name', 'organisation', 'safeUrl']);
		expect(channelDetails(channelId)).toMatchObject({
			name: 'Antwerp women’s group',
			safeUrl: 'https://www.bbc.com/weather',
			organisation: null
		});
		expect(lastAudit()).toMatchObject({
			action: 'channel.updated',
			subjectId: channelId,
			detail: { fields: result.fields.join(',') }
		});
	});

	it('records nothing when nothing changed', () => {
		const { channelId } = createChannel(newChannel(), adminId);
		const before = tableCounts().audit;
		expect(updateChannel(channelId, edit(channelId), adminId)).toEqual({ fields: [], texts: [] });
		expect(tableCounts().audit).toBe(before);
	});

	it('closes a channel so that it accepts no testimonies', () => {
		const { channelId } = createChannel(newChannel(), adminId);
		expect(activeChannel(channelId)).toBeDefined();
		updateChannel(channelId, edit(channelId, { status: 'closed' }), adminId);
		expect(activeChannel(channelId)).toBeUndefined();
	});

	it('stores the languages offered in a fixed order, and every language as "all"', () => {
		const { channelId } = createChannel(newChannel(), adminId);
		const chosen = v.parse(channelEditForm, { ...edit(channelId), locales: ['ti', 'en', 'ar'] });
		updateChannel(channelId, chosen, adminId);
		expect(channelDetails(channelId)?.locales).toEqual(['en', 'ar', 'ti']);

		const all = v.parse(channelEditForm, { ...edit(channelId), locales: [...locales] });
		updateChannel(channelId, all, adminId);
		expect(channelDetails(channelId)?.locales).toBeNull();

		expect(v.safeParse(channelEditForm, { ...edit(channelId), locales: [] }).success).toBe(false);
		expect(v.safeParse(channelEditForm, { ...edit(channelId), locales: ['xx'] }).success).toBe(false);
	});

	it('inserts, replaces and deletes texts, and keeps their words out of the audit log', () => {
		const { channelId } = createChannel(newChannel(), adminId);
		const referral = 'Call 800 290 290, free, day and night.';
		updateChannel(
			channelId,
			edit(channelId, {
				texts: [
					{ kind: 'referral', locale: 'en', text: referral },
					{ kind: 'contact', locale: 'ar', text: 'اتصل بنا' },
					{ kind: 'referral', locale: 'fr', text: '' }
				]
			}),
			adminId
		);
		const stored = () =>
			db()
				.select({ kind: channelText.kind, locale: channelText.locale, text: channelText.text })
				.from(channelText)
				.where(eq(channelText.channelId, channelId))
				.all()
				.sort((a, b) => a.locale.localeCompare(b.locale));
		expect(stored()).toEqual([
			{ kind: 'contact', locale: 'ar', text: 'اتصل بنا' },
			{ kind: 'referral', locale: 'en', text: referral }
		]);
		expect(JSON.stringify(lastAudit().detail)).not.toContain('800 290');
		expect(lastAudit().detail).toEqual({ fields: 'texts', texts: 'referral.en,contact.ar' });

		const result = updateChannel(
			channelId,
			edit(channelId, {
				texts: [
					{ kind: 'referral', locale: 'en', text: 'Call 112 in an emergency.' },
					{ kind: 'contact', locale: 'ar', text: '' }
				]
			}),
			adminId
		);
		expect(result.texts).toEqual(['referral.en', 'contact.ar']);
		expect(stored()).toEqual([{ kind: 'referral', locale: 'en', text: 'Call 112 in an emergency.' }]);
	});

	it('refuses a text longer than 2000 characters and says which one', () => {
		const { channelId } = createChannel(newChannel(), adminId);
		const result = v.safeParse(channelEditForm, {
			...edit(channelId),
			locales: ['en', 'so'],
			texts: [{ kind: 'contact', locale: 'so', text: 'a'.repeat(2001) }]
		});
		expect(result.success).toBe(false);
		expect(result.issues?.[0].message).toBe('The “Contact” text in Somali (so) must have at most 2000 characters.');
	});

	it('answers 404 for an unknown channel', () => {
		const known = createChannel(newChannel(), adminId).channelId;
		expect(() => updateChannel('00000000-0000-4000-8000-000000000000', edit(known), adminId)).toThrow(
			expect.objectContaining({ name: 'ChannelAdminError', status: 404 })
		);
	});
});
