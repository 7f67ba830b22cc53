import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { db } from '../db';
import { preparedQuery } from '../db/prepared';
import {
	channel,
	channelKey,
	channelKeyGrant,
	channelText,
	corpusKey,
	corpusKeyGrant,
	type Channel,
	type ChannelKey,
	type CorpusKey
} from '../db/schema';

/** The neutral site the quick exit opens when a channel has not chosen its own. */
export const DEFAULT_SAFE_URL = 'https://www.timeanddate.com/weather/';

export type SealedGrant = { userId: string; sealedKey: Uint8Array };

/** Stores a channel key version's secret, sealed in a browser to each member. */
export function insertChannelKeyGrants(
	channelKeyId: number,
	grants: SealedGrant[],
	grantedBy: string,
	now = new Date()
): void {
	db()
		.insert(channelKeyGrant)
		.values(
			grants.map((grant) => ({
				channelKeyId,
				staffUserId: grant.userId,
				sealedSecretKey: Buffer.from(grant.sealedKey),
				grantedBy,
				createdAt: now
			}))
		)
		.run();
}

/** A new version of a channel's key: its public key, and its secret sealed to each member. */
export function insertChannelKey(
	channelId: string,
	version: number,
	publicKey: Uint8Array,
	grants: SealedGrant[],
	grantedBy: string,
	now = new Date()
): number {
	const key = db()
		.insert(channelKey)
		.values({ channelId, version, publicKey: Buffer.from(publicKey), createdAt: now })
		.returning({ id: channelKey.id })
		.get();
	insertChannelKeyGrants(key.id, grants, grantedBy, now);
	return key.id;
}

export type NewChannel = {
	name: string;
	country: string;
	organisation?: string | null;
	safeUrl?: string;
	publicKey: Uint8Array;
	/** The channel's secret key sealed to each first member's public key. */
	grants: SealedGrant[];
};

/** A channel with key version 1; the caller runs it in its transaction and adds the roles. */
export function insertChannel(
	input: NewChannel,
	createdBy: string,
	now = new Date()
): { channelId: string; channelKeyId: number } {
	const channelId = randomUUID();
	db()
		.insert(channel)
		.values({
			id: channelId,
			name: input.name,
			country: input.country,
			organisation: input.organisation ?? null,
			safeUrl: input.safeUrl ?? DEFAULT_SAFE_URL,
			active: true,
			createdAt: now
		})
		.run();
	const channelKeyId = insertChannelKey(channelId, 1, input.publicKey, input.grants, createdBy, now);
	return { channelId, channelKeyId };
}

export function insertCorpusKey(sealedKey: Uint8Array, firstMemberId: string, now = new Date()): number {
	const latest = db().select().from(corpusKey).orderBy(desc(corpusKey.version)).get();
	const row = db()
		.insert(corpusKey)
		.values({ version: (latest?.version ?? 0) + 1, createdAt: now })
		.returning({ id: corpusKey.id })
		.get();
	db()
		.insert(corpusKeyGrant)
		.values({
			corpusKeyId: row.id,
			staffUserId: firstMemberId,
			sealedKey: Buffer.from(sealedKey),
			grantedBy: firstMemberId,
			createdAt: now
		})
		.run();
	return row.id;
}

/** The channel survivors reach from the front page: the oldest active one. */
export function defaultIntakeChannel(): Channel | undefined {
	return db().select().from(channel).where(eq(channel.active, true)).orderBy(asc(channel.createdAt)).get();
}

export function activeChannel(channelId: string): Channel | undefined {
	return activeChannelById().get({ channelId });
}

/** Prepared once, as the next: both are read for every testimony that arrives. */
const activeChannelById = preparedQuery((database) =>
	database
		.select()
		.from(channel)
		.where(and(eq(channel.id, sql.placeholder('channelId')), eq(channel.active, true)))
		.prepare()
);

/**
 * Survivors always encrypt to the newest active key version of a channel; a rotated version
 * waiting for a colleague's confirmation is never served and never accepted.
 */
export function currentChannelKey(channelId: string): ChannelKey | undefined {
	return newestChannelKey().get({ channelId });
}

const newestChannelKey = preparedQuery((database) =>
	database
		.select()
		.from(channelKey)
		.where(and(eq(channelKey.channelId, sql.placeholder('channelId')), eq(channelKey.pending, false)))
		.orderBy(desc(channelKey.version))
		.limit(1)
		.prepare()
);

/** The corpus key new research records and memos are sealed under: the newest active version. */
export function currentCorpusKeyVersion(): CorpusKey | undefined {
	return db().select().from(corpusKey).where(eq(corpusKey.pending, false)).orderBy(desc(corpusKey.version)).get();
}

/** Versions of corpus keys by id, for data sealed under them (their additional data names the version). */
export function corpusKeyVersions(ids: number[]): Map<number, number> {
	if (ids.length === 0) return new Map();
	const rows = db()
		.select({ id: corpusKey.id, version: corpusKey.version })
		.from(corpusKey)
		.where(inArray(corpusKey.id, ids))
		.all();
	return new Map(rows.map((row) => [row.id, row.version]));
}

export function channelKeyById(id: number): ChannelKey | undefined {
	return db().select().from(channelKey).where(eq(channelKey.id, id)).get();
}

/** The sealed channel secret keys a staff member holds, for the given key ids. */
export function channelKeyGrantsFor(staffUserId: string, channelKeyIds: number[]) {
	if (channelKeyIds.length === 0) return [];
	return db()
		.select({
			channelKeyId: channelKeyGrant.channelKeyId,
			sealedSecretKey: channelKeyGrant.sealedSecretKey,
			publicKey: channelKey.publicKey,
			version: channelKey.version,
			channelId: channelKey.channelId
		})
		.from(channelKeyGrant)
		.innerJoin(channelKey, eq(channelKey.id, channelKeyGrant.channelKeyId))
		.where(and(eq(channelKeyGrant.staffUserId, staffUserId), inArray(channelKeyGrant.channelKeyId, channelKeyIds)))
		.all();
}

export function channelsByIds(ids: string[]): Channel[] {
	if (ids.length === 0) return [];
	return db().select().from(channel).where(inArray(channel.id, ids)).all();
}

/** Every channel by name, for pickers on admin pages (id, name, country, whether active). */
export function channelChoices(): { id: string; name: string; country: string; active: boolean }[] {
	return db()
		.select({ id: channel.id, name: channel.name, country: channel.country, active: channel.active })
		.from(channel)
		.orderBy(asc(channel.name))
		.all();
}

/** Channel names by id, for labelling rows that name a channel. */
export function channelNames(): Map<string, string> {
	return new Map(channelChoices().map((choice) => [choice.id, choice.name]));
}

/** The channel's own "help now" text in a locale, if its admin wrote one. */
export function referralText(channelId: string, locale: string): string | null {
	return (
		db()
			.select({ text: channelText.text })
			.from(channelText)
			.where(
				and(eq(channelText.channelId, channelId), eq(channelText.kind, 'referral'), eq(channelText.locale, locale))
			)
			.get()?.text ?? null
	);
}

/**
 * Someone loses access to keys: disabled (every channel they moderated, and the corpus), or a
 * role taken away. Their grants go, and the newest key of each channel they could read, and of
 * the corpus, is marked due for rotation: they may have kept a copy of the secret.
 */
export function withdrawKeyAccess(
	userId: string,
	from: { channelIds: string[]; corpus: boolean; allChannelGrants?: boolean },
	now = new Date()
): void {
	const ofChannels = from.allChannelGrants
		? db()
				.select({ id: channelKeyGrant.channelKeyId })
				.from(channelKeyGrant)
				.where(eq(channelKeyGrant.staffUserId, userId))
				.all()
		: from.channelIds.length === 0
			? []
			: db()
					.select({ id: channelKey.id })
					.from(channelKey)
					.innerJoin(channelKeyGrant, eq(channelKeyGrant.channelKeyId, channelKey.id))
					.where(and(eq(channelKeyGrant.staffUserId, userId), inArray(channelKey.channelId, from.channelIds)))
					.all();
	if (ofChannels.length > 0) {
		db()
			.delete(channelKeyGrant)
			.where(
				and(
					eq(channelKeyGrant.staffUserId, userId),
					inArray(
						channelKeyGrant.channelKeyId,
						ofChannels.map((row) => row.id)
					)
				)
			)
			.run();
	}
	for (const channelId of from.channelIds) {
		const newest = db()
			.select({ version: max(channelKey.version) })
			.from(channelKey)
			.where(eq(channelKey.channelId, channelId))
			.get();
		if (newest?.version == null) continue;
		db()
			.update(channelKey)
			.set({ rotationDueSince: now })
			.where(
				and(
					eq(channelKey.channelId, channelId),
					eq(channelKey.version, newest.version),
					isNull(channelKey.rotationDueSince)
				)
			)
			.run();
	}
	if (from.corpus) {
		db().delete(corpusKeyGrant).where(eq(corpusKeyGrant.staffUserId, userId)).run();
	}
}

/** Marks the newest corpus key due for rotation (someone who could read it was disabled). */
export function markCorpusKeyDue(now = new Date()): void {
	const newest = db()
		.select({ version: max(corpusKey.version) })
		.from(corpusKey)
		.get();
	if (newest?.version == null) return;
	db()
		.update(corpusKey)
		.set({ rotationDueSince: now })
		.where(and(eq(corpusKey.version, newest.version), isNull(corpusKey.rotationDueSince)))
		.run();
}

/** Channels whose newest key is marked due for rotation, by name. */
export function channelsWithKeyDue(): { channelId: string; name: string }[] {
	const due: { channelId: string; name: string }[] = [];
	for (const { id, name } of db().select({ id: channel.id, name: channel.name }).from(channel).all()) {
		const newest = db()
			.select()
			.from(channelKey)
			.where(eq(channelKey.channelId, id))
			.orderBy(desc(channelKey.version))
			.get();
		if (newest?.rotationDueSince) due.push({ channelId: id, name });
	}
	return due;
}

/** Whether the newest corpus key is marked due for rotation. */
export function corpusKeyDue(): boolean {
	return Boolean(db().select().from(corpusKey).orderBy(desc(corpusKey.version)).get()?.rotationDueSince);
}
