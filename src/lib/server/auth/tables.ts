/** The auth domain's tables: sign-in sessions, recovery codes, re-enrolment links and failure counts. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { staffUser } from '../accounts/tables';

/** One-time 2FA recovery codes, stored as hashes. */
export const staffRecoveryCode = sqliteTable(
	'staff_recovery_code',
	{
		codeHash: text('code_hash').primaryKey(),
		staffUserId: text('staff_user_id')
			.notNull()
			.references(() => staffUser.id, { onDelete: 'cascade' }),
		usedAt: integer('used_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('staff_recovery_code_user').on(t.staffUserId)]
);

/**
 * A one-time link an admin hands over after resetting someone's authenticator: with it and
 * their passphrase the person binds a new authenticator. Only the token's hash is kept.
 */
export const totpReenrolment = sqliteTable(
	'totp_reenrolment',
	{
		id: text('id').primaryKey(),
		staffUserId: text('staff_user_id')
			.notNull()
			.references(() => staffUser.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull().unique(),
		createdBy: text('created_by').references(() => staffUser.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('totp_reenrolment_user').on(t.staffUserId)]
);

/**
 * Sign-in and recovery failures, counted in windows: one row per scope for wrong passphrases
 * from anyone, and one per account for right passphrases with wrong codes. Nothing here is
 * keyed by a name a stranger can make up, so the table stays as small as the staff list.
 */
export const authThrottle = sqliteTable('auth_throttle', {
	/** "<scope>:*" for the global budget, "<scope>:<staff user id>" for one account. */
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	windowStartedAt: integer('window_started_at', { mode: 'timestamp_ms' }).notNull(),
	blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' }).notNull(),
	/** The audit entry that carries this window's count, updated instead of adding rows. */
	auditEventId: integer('audit_event_id')
});

export const staffSession = sqliteTable(
	'staff_session',
	{
		/** SHA-256 of the session token, hex: a stolen database yields no usable session. */
		id: text('id').primaryKey(),
		staffUserId: text('staff_user_id')
			.notNull()
			.references(() => staffUser.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('staff_session_user').on(t.staffUserId)]
);

export type StaffSession = typeof staffSession.$inferSelect;
export type TotpReenrolment = typeof totpReenrolment.$inferSelect;
export type AuthThrottle = typeof authThrottle.$inferSelect;
export type StaffRecoveryCode = typeof staffRecoveryCode.$inferSelect;
