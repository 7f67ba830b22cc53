/** The channels domain's tables: channels, their texts, and the channel and corpus keys with their grants. */
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bytes } from '../db/columns';
import { staffUser } from '../accounts/tables';

export const channel = sqliteTable('channel', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	country: text('country').notNull(),
	/** Neutral public site the quick exit goes to. */
	safeUrl: text('safe_url').notNull(),
	organisation: text('organisation'),
	/** Locales offered first to this channel's survivors; all locales when empty. */
	locales: text('locales', { mode: 'json' }).$type<string[]>(),
	active: integer('active', { mode: 'boolean' }).notNull().default(true),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * A rotated key version waits, pending, until a member other than the one who proposed it
 * proves in their browser that their grant opens it: one moderator alone cannot switch a
 * channel (or the corpus) to a key only they hold. Versions made before this existed, and
 * first versions, are active (pending false).
 */
const rotationColumns = () => ({
	pending: integer('pending', { mode: 'boolean' }).notNull().default(false),
	proposedBy: text('proposed_by').references(() => staffUser.id, { onDelete: 'set null' }),
	/** SHA-256 of the random challenge sealed to the new key; only its holders can open it. */
	challengeHash: bytes('challenge_hash'),
	sealedChallenge: bytes('sealed_challenge'),
	confirmedBy: text('confirmed_by').references(() => staffUser.id, { onDelete: 'set null' }),
	confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
	/**
	 * Set when someone who may hold this key loses access to it (disabled, or their role taken
	 * away): a new key should be made. Only the newest version's mark counts.
	 */
	rotationDueSince: integer('rotation_due_since', { mode: 'timestamp_ms' })
});

export const channelKey = sqliteTable(
	'channel_key',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		channelId: text('channel_id')
			.notNull()
			.references(() => channel.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		publicKey: bytes('public_key').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		...rotationColumns()
	},
	(t) => [uniqueIndex('channel_key_version').on(t.channelId, t.version)]
);

export const channelKeyGrant = sqliteTable(
	'channel_key_grant',
	{
		channelKeyId: integer('channel_key_id')
			.notNull()
			.references(() => channelKey.id, { onDelete: 'cascade' }),
		staffUserId: text('staff_user_id')
			.notNull()
			.references(() => staffUser.id, { onDelete: 'cascade' }),
		sealedSecretKey: bytes('sealed_secret_key').notNull(),
		grantedBy: text('granted_by').references(() => staffUser.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.channelKeyId, t.staffUserId] })]
);

export const corpusKey = sqliteTable('corpus_key', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	version: integer('version').notNull().unique(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	/**
	 * X25519 public key derived from the corpus key (docs/crypto.md, key confirmation): lets the
	 * server seal a challenge only a holder of the symmetric key can open. Null before rotation
	 * confirmation existed.
	 */
	checkPublicKey: bytes('check_public_key'),
	...rotationColumns()
});

export const corpusKeyGrant = sqliteTable(
	'corpus_key_grant',
	{
		corpusKeyId: integer('corpus_key_id')
			.notNull()
			.references(() => corpusKey.id, { onDelete: 'cascade' }),
		staffUserId: text('staff_user_id')
			.notNull()
			.references(() => staffUser.id, { onDelete: 'cascade' }),
		sealedKey: bytes('sealed_key').notNull(),
		grantedBy: text('granted_by').references(() => staffUser.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.corpusKeyId, t.staffUserId] })]
);

/**
 * Texts a channel shows survivors in each language, editable by admins (referral information:
 * who to call for help now).
 */
export const channelText = sqliteTable(
	'channel_text',
	{
		channelId: text('channel_id')
			.notNull()
			.references(() => channel.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['referral', 'contact'] }).notNull(),
		locale: text('locale').notNull(),
		text: text('text').notNull()
	},
	(t) => [primaryKey({ columns: [t.channelId, t.kind, t.locale] })]
);

export type Channel = typeof channel.$inferSelect;
export type ChannelKey = typeof channelKey.$inferSelect;
export type ChannelKeyGrant = typeof channelKeyGrant.$inferSelect;
export type CorpusKey = typeof corpusKey.$inferSelect;
export type CorpusKeyGrant = typeof corpusKeyGrant.$inferSelect;
export type ChannelText = typeof channelText.$inferSelect;
