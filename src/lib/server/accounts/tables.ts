/** The accounts domain's tables: staff members, their roles and invitations. */
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bytes } from '../db/columns';
import { channel } from '../channels/tables';

export const staffUser = sqliteTable('staff_user', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	authKeyHash: bytes('auth_key_hash').notNull(),
	pwhashSalt: bytes('pwhash_salt').notNull(),
	pwhashOpsLimit: integer('pwhash_ops_limit').notNull(),
	pwhashMemLimit: integer('pwhash_mem_limit').notNull(),
	publicKey: bytes('public_key').notNull(),
	wrappedSecretKeyNonce: bytes('wrapped_secret_key_nonce').notNull(),
	wrappedSecretKey: bytes('wrapped_secret_key').notNull(),
	recoveryWrappedSecretKeyNonce: bytes('recovery_wrapped_secret_key_nonce').notNull(),
	recoveryWrappedSecretKey: bytes('recovery_wrapped_secret_key').notNull(),
	/** SHA-256 of the key derived from the printed recovery key, proving its possession. */
	recoveryAuthHash: bytes('recovery_auth_hash'),
	/** TOTP secret (20 bytes); null after an admin reset, until the person enrols again. */
	totpSecret: bytes('totp_secret'),
	/** The last TOTP time step accepted, so a code cannot be used twice. */
	totpLastStep: integer('totp_last_step').notNull().default(0),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
	/** The language of the staff pages this person chose; null: the browser's, as when signed out. */
	locale: text('locale')
});

/** A one-time link that lets a new staff member enrol with the roles it names. */
export const invitation = sqliteTable('invitation', {
	id: text('id').primaryKey(),
	tokenHash: text('token_hash').notNull().unique(),
	/** Roles to grant, each with its channel for per-channel roles. */
	roles: text('roles', { mode: 'json' }).$type<{ role: Role; channelId: string | null }[]>().notNull(),
	note: text('note'),
	/** The TOTP secret offered to the invitee while they enrol, verified before it counts. */
	pendingTotpSecret: bytes('pending_totp_secret'),
	createdBy: text('created_by').references(() => staffUser.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
	usedAt: integer('used_at', { mode: 'timestamp_ms' }),
	usedBy: text('used_by').references(() => staffUser.id, { onDelete: 'set null' }),
	revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
});

export const ROLES = ['admin', 'moderator', 'researcher', 'facilitator'] as const;
export type Role = (typeof ROLES)[number];

/** One row per role held; moderator and facilitator roles are per channel. */
export const staffRole = sqliteTable(
	'staff_role',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		staffUserId: text('staff_user_id')
			.notNull()
			.references(() => staffUser.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		channelId: text('channel_id').references(() => channel.id, { onDelete: 'cascade' })
	},
	(t) => [
		uniqueIndex('staff_role_global')
			.on(t.staffUserId, t.role)
			.where(sql`${t.channelId} is null`),
		uniqueIndex('staff_role_channel')
			.on(t.staffUserId, t.role, t.channelId)
			.where(sql`${t.channelId} is not null`)
	]
);

export type StaffUser = typeof staffUser.$inferSelect;
export type StaffRole = typeof staffRole.$inferSelect;
export type Invitation = typeof invitation.$inferSelect;
