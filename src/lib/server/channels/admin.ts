import { and, asc, count, eq, inArray, isNull, max } from 'drizzle-orm';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { insertChannel } from './keys';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { DomainError, type Refusal } from '../http/errors';
import {
	SUBMISSION_STATUSES,
	channel,
	channelKey,
	channelKeyGrant,
	channelText,
	staffRole,
	staffUser,
	submission,
	type SubmissionStatus
} from '../db/schema';
import {
	CHANNEL_PUBLIC_KEY_BYTES,
	SEALED_KEY_BYTES,
	type ChannelEdit,
	type ChannelTextKind,
	type NewChannelInput
} from './options';
import { toBase64url } from '$lib/encoding/base64url';

/** A refusal an admin can act on: bad input (400) or an unknown channel (404). */
export class ChannelAdminError extends DomainError {
	declare readonly status: 400 | 404;

	constructor(refusal: Refusal, status: 400 | 404 = 400) {
		super(refusal, status);
	}
}

export type ChannelSummary = {
	id: string;
	name: string;
	country: string;
	organisation: string | null;
	active: boolean;
	keyVersion: number | null;
	moderators: number;
	testimonies: Record<SubmissionStatus, number>;
};

function activeModeratorCounts(): Map<string, number> {
	const rows = db()
		.select({ channelId: staffRole.channelId, moderators: count() })
		.from(staffRole)
		.innerJoin(staffUser, eq(staffUser.id, staffRole.staffUserId))
		.where(and(eq(staffRole.role, 'moderator'), isNull(staffUser.disabledAt)))
		.groupBy(staffRole.channelId)
		.all();
	return new Map(rows.map((row) => [row.channelId ?? '', row.moderators]));
}

/** Every channel with its current key version, moderator count and testimony counts by status. */
export function channelOverview(): ChannelSummary[] {
	const versions = new Map(
		db()
			.select({ channelId: channelKey.channelId, version: max(channelKey.version) })
			.from(channelKey)
			.where(eq(channelKey.pending, false))
			.groupBy(channelKey.channelId)
			.all()
			.map((row) => [row.channelId, row.version])
	);
	const moderators = activeModeratorCounts();
	const statusCounts = db()
		.select({ channelId: submission.channelId, status: submission.status, testimonies: count() })
		.from(submission)
		.groupBy(submission.channelId, submission.status)
		.all();
	return db()
		.select()
		.from(channel)
		.orderBy(asc(channel.createdAt))
		.all()
		.map((row) => {
			const testimonies = Object.fromEntries(SUBMISSION_STATUSES.map((status) => [status, 0])) as Record<
				SubmissionStatus,
				number
			>;
			for (const counted of statusCounts) {
				if (counted.channelId === row.id) testimonies[counted.status] = counted.testimonies;
			}
			return {
				id: row.id,
				name: row.name,
				country: row.country,
				organisation: row.organisation,
				active: row.active,
				keyVersion: versions.get(row.id) ?? null,
				moderators: moderators.get(row.id) ?? 0,
				testimonies
			};
		});
}

/** Active staff members with the public key a new channel key would be sealed to. */
export function grantableStaff(): { id: string; username: string; publicKey: string }[] {
	return db()
		.select({ id: staffUser.id, username: staffUser.username, publicKey: staffUser.publicKey })
		.from(staffUser)
		.where(isNull(staffUser.disabledAt))
		.orderBy(asc(staffUser.username))
		.all()
		.map((user) => ({ ...user, publicKey: toBase64url(user.publicKey) }));
}

/**
 * Creates a channel with key version 1, a grant of its sealed secret key and a moderator role
 * for each chosen person, all or nothing. Being admin grants nothing: only the people whose
 * public keys the browser sealed the key to can ever read the channel.
 */
export function createChannel(input: NewChannelInput, actorId: string, now = new Date()): { channelId: string } {
	if (input.publicKey.length !== CHANNEL_PUBLIC_KEY_BYTES) {
		throw new ChannelAdminError({
			key: 'staff_refusals_channel_public_key_size',
			params: { bytes: CHANNEL_PUBLIC_KEY_BYTES }
		});
	}
	if (input.grants.length === 0) {
		throw new ChannelAdminError({ key: 'staff_refusals_channel_needs_moderator' });
	}
	if (input.grants.some((grant) => grant.sealedKey.length !== SEALED_KEY_BYTES)) {
		throw new ChannelAdminError({ key: 'staff_refusals_sealed_key_size', params: { bytes: SEALED_KEY_BYTES } });
	}
	const userIds = input.grants.map((grant) => grant.userId);
	if (new Set(userIds).size !== userIds.length) throw new ChannelAdminError({ key: 'staff_refusals_moderator_once' });

	return db().transaction(() => {
		const active = db()
			.select({ id: staffUser.id })
			.from(staffUser)
			.where(and(inArray(staffUser.id, userIds), isNull(staffUser.disabledAt)))
			.all();
		if (active.length !== userIds.length) {
			throw new ChannelAdminError({ key: 'staff_refusals_moderators_active' });
		}
		const { channelId } = insertChannel({ ...input, grants: input.grants }, actorId, now);
		db()
			.insert(staffRole)
			.values(userIds.map((staffUserId) => ({ staffUserId, role: 'moderator' as const, channelId })))
			.run();
		recordAudit(
			{
				actorId,
				action: 'channel.created',
				subjectType: 'channel',
				subjectId: channelId,
				detail: { keyVersion: 1, moderators: userIds.length }
			},
			now
		);
		for (const staffUserId of userIds) {
			recordAudit(
				{
					actorId,
					action: 'grant.created',
					subjectType: 'staff_user',
					subjectId: staffUserId,
					detail: { channelId, keyVersion: 1, role: 'moderator' }
				},
				now
			);
		}
		return { channelId };
	});
}

export type ChannelDetails = {
	id: string;
	name: string;
	country: string;
	organisation: string | null;
	safeUrl: string;
	/** Null when every language is offered. */
	locales: Locale[] | null;
	active: boolean;
	createdAt: Date;
	keyVersion: number | null;
	moderators: { username: string; holdsCurrentKey: boolean }[];
	texts: { kind: ChannelTextKind; locale: string; text: string }[];
};

export function channelDetails(channelId: string): ChannelDetails | undefined {
	const row = db().select().from(channel).where(eq(channel.id, channelId)).get();
	if (!row) return undefined;
	const keyVersion =
		db()
			.select({ version: max(channelKey.version) })
			.from(channelKey)
			.where(and(eq(channelKey.channelId, channelId), eq(channelKey.pending, false)))
			.get()?.version ?? null;
	const currentKey = db()
		.select({ id: channelKey.id })
		.from(channelKey)
		.where(and(eq(channelKey.channelId, channelId), eq(channelKey.version, keyVersion ?? 0)))
		.get();
	const holders = new Set(
		currentKey
			? db()
					.select({ staffUserId: channelKeyGrant.staffUserId })
					.from(channelKeyGrant)
					.where(eq(channelKeyGrant.channelKeyId, currentKey.id))
					.all()
					.map((grant) => grant.staffUserId)
			: []
	);
	const moderators = db()
		.select({ id: staffUser.id, username: staffUser.username })
		.from(staffRole)
		.innerJoin(staffUser, eq(staffUser.id, staffRole.staffUserId))
		.where(and(eq(staffRole.role, 'moderator'), eq(staffRole.channelId, channelId), isNull(staffUser.disabledAt)))
		.orderBy(asc(staffUser.username))
		.all()
		.map((user) => ({ username: user.username, holdsCurrentKey: holders.has(user.id) }));
	const texts = db()
		.select({ kind: channelText.kind, locale: channelText.locale, text: channelText.text })
		.from(channelText)
		.where(eq(channelText.channelId, channelId))
		.all();
	const offered = row.locales?.filter((locale): locale is Locale => (locales as readonly string[]).includes(locale));
	return {
		id: row.id,
		name: row.name,
		country: row.country,
		organisation: row.organisation,
		safeUrl: row.safeUrl,
		locales: offered && offered.length > 0 ? offered : null,
		active: row.active,
		createdAt: row.createdAt,
		keyVersion,
		moderators,
		texts
	};
}

const sameLocales = (a: string[] | null, b: string[] | null) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Saves an admin's edit of a channel. Texts left empty are deleted; texts not in the edit are
 * kept. The audit entry names the fields and the (kind, locale) of texts that changed, never
 * what they say.
 */
export function updateChannel(
	channelId: string,
	edit: ChannelEdit,
	actorId: string,
	now = new Date()
): { fields: string[]; texts: string[] } {
	return db().transaction(() => {
		const current = db().select().from(channel).where(eq(channel.id, channelId)).get();
		if (!current) throw new ChannelAdminError({ key: 'staff_refusals_channel_not_found' }, 404);

		const next = {
			name: edit.name,
			country: edit.country,
			organisation: edit.organisation,
			safeUrl: edit.safeUrl,
			locales: edit.locales,
			active: edit.status === 'open'
		};
		const changedFields = (Object.keys(next) as (keyof typeof next)[]).filter((field) =>
			field === 'locales' ? !sameLocales(current.locales, next.locales) : current[field] !== next[field]
		);
		if (changedFields.length > 0) db().update(channel).set(next).where(eq(channel.id, channelId)).run();

		const existing = new Map(
			db()
				.select()
				.from(channelText)
				.where(eq(channelText.channelId, channelId))
				.all()
				.map((row) => [`${row.kind}.${row.locale}`, row.text])
		);
		const texts: string[] = [];
		for (const entry of edit.texts) {
			const id = `${entry.kind}.${entry.locale}`;
			const before = existing.get(id);
			if (entry.text === '' && before !== undefined) {
				db()
					.delete(channelText)
					.where(
						and(
							eq(channelText.channelId, channelId),
							eq(channelText.kind, entry.kind),
							eq(channelText.locale, entry.locale)
						)
					)
					.run();
				existing.delete(id);
				texts.push(id);
			} else if (entry.text !== '' && entry.text !== before) {
				db()
					.insert(channelText)
					.values({ channelId, kind: entry.kind, locale: entry.locale, text: entry.text })
					.onConflictDoUpdate({
						target: [channelText.channelId, channelText.kind, channelText.locale],
						set: { text: entry.text }
					})
					.run();
				existing.set(id, entry.text);
				texts.push(id);
			}
		}

		const fields: string[] = texts.length > 0 ? [...changedFields, 'texts'] : changedFields;
		if (fields.length > 0) {
			recordAudit(
				{
					actorId,
					action: 'channel.updated',
					subjectType: 'channel',
					subjectId: channelId,
					detail: texts.length > 0 ? { fields: fields.join(','), texts: texts.join(',') } : { fields: fields.join(',') }
				},
				now
			);
		}
		return { fields, texts };
	});
}
