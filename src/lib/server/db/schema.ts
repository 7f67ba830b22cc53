import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	type AnySQLiteColumn,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

const bytes = (name: string) => blob(name, { mode: 'buffer' });

/** Deployment-wide values: the receipt salt, the setup token hash, retention settings. */
export const setting = sqliteTable('setting', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});

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
	disabledAt: integer('disabled_at', { mode: 'timestamp_ms' })
});

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

export const SUBMISSION_STATUSES = [
	'new',
	'in_review',
	'waiting',
	'approved',
	'rejected',
	'withdrawn'
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** A facilitated session of a support group; testimonies given in it carry its id. */
export const facilitationSession = sqliteTable('facilitation_session', {
	id: text('id').primaryKey(),
	channelId: text('channel_id')
		.notNull()
		.references(() => channel.id, { onDelete: 'cascade' }),
	label: text('label').notNull(),
	createdBy: text('created_by').references(() => staffUser.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	startsDay: text('starts_day').notNull(),
	endsDay: text('ends_day').notNull(),
	closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
	/** Short code people type or scan to join; not secret, but unguessable and rate-limited. */
	joinCode: text('join_code').unique(),
	/** Languages offered first on the session's pages. */
	locales: text('locales', { mode: 'json' }).$type<string[]>(),
	expectedParticipants: integer('expected_participants'),
	/** Testimonies of this session later withdrawn: their rows are gone, so the count is kept here. */
	withdrawnCount: integer('withdrawn_count').notNull().default(0)
});

/**
 * A survivor's testimony as ciphertext. Deliberately absent: any time finer than the day, any
 * request metadata. The id is chosen by the browser and doubles as the idempotency key.
 */
export const submission = sqliteTable(
	'submission',
	{
		id: text('id').primaryKey(),
		channelId: text('channel_id')
			.notNull()
			.references(() => channel.id, { onDelete: 'restrict' }),
		channelKeyId: integer('channel_key_id')
			.notNull()
			.references(() => channelKey.id, { onDelete: 'restrict' }),
		formatVersion: integer('format_version').notNull(),
		nonce: bytes('nonce').notNull(),
		ciphertext: bytes('ciphertext').notNull(),
		sealedDataKey: bytes('sealed_data_key').notNull(),
		receiptLookupHash: bytes('receipt_lookup_hash').notNull(),
		replyPublicKey: bytes('reply_public_key').notNull(),
		/** UTC day, YYYY-MM-DD. */
		receivedDay: text('received_day').notNull(),
		status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('new'),
		/** The facilitated session it was given in: the only plaintext metadata a session adds. */
		facilitationSessionId: text('facilitation_session_id').references(() => facilitationSession.id, { onDelete: 'set null' }),
		/** Staff decision time (approval or rejection), the start of retention periods. */
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
		/** Set when retention deleted the raw intake of an approved testimony. */
		rawDeletedAt: integer('raw_deleted_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		uniqueIndex('submission_receipt_lookup').on(t.receiptLookupHash),
		index('submission_channel_day').on(t.channelId, t.receivedDay)
	]
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

export const QUESTION_KINDS = ['text', 'choice'] as const;

/**
 * A guided question, global or for one channel. Editing creates a new version; answers name
 * the version they answered, so old testimonies keep their wording.
 */
export const question = sqliteTable('question', {
	id: text('id').primaryKey(),
	channelId: text('channel_id').references(() => channel.id, { onDelete: 'cascade' }),
	/** Codebook domain the question belongs to, such as `housing`; null for open questions. */
	domain: text('domain'),
	kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
	/** 'guided', 'free' (the one-piece telling) or 'context' (coarse attributes). */
	section: text('section', { enum: ['guided', 'free', 'context'] }).notNull(),
	position: integer('position').notNull(),
	version: integer('version').notNull().default(1),
	/** Option ids for choice questions, in order; "prefer not to say" is always added. */
	options: text('options', { mode: 'json' }).$type<string[]>(),
	contentNote: integer('content_note', { mode: 'boolean' }).notNull().default(false),
	/** True while the wording is the shipped default, refreshed from messages/ at start. */
	isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(true),
	active: integer('active', { mode: 'boolean' }).notNull().default(true)
});

export const questionTranslation = sqliteTable(
	'question_translation',
	{
		questionId: text('question_id')
			.notNull()
			.references(() => question.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		locale: text('locale').notNull(),
		text: text('text').notNull(),
		/** Labels of the options of a choice question, by option id. */
		optionLabels: text('option_labels', { mode: 'json' }).$type<Record<string, string>>()
	},
	(t) => [primaryKey({ columns: [t.questionId, t.version, t.locale] })]
);

/**
 * An encrypted voice note. The row is declared with its testimony and the ciphertext arrives
 * in a separate upload; its key lives only inside the testimony's encrypted payload.
 */
export const attachment = sqliteTable(
	'attachment',
	{
		id: text('id').primaryKey(),
		submissionId: text('submission_id')
			.notNull()
			.references(() => submission.id, { onDelete: 'cascade' }),
		messageId: text('message_id').references(() => message.id, { onDelete: 'cascade' }),
		declaredBytes: integer('declared_bytes').notNull(),
		/** Every chunk of its ciphertext arrived (attachment_chunk); until then it is not served. */
		uploaded: integer('uploaded', { mode: 'boolean' }).notNull().default(false),
		/** A moderator confirmed its transcript; retention may then delete the recording. */
		transcriptConfirmedAt: integer('transcript_confirmed_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('attachment_submission').on(t.submissionId)]
);

/**
 * A voice note's ciphertext in pieces of at most 256 KiB, written as the upload arrives and read
 * back one at a time, so no voice note is ever held whole in the server's memory. The migration
 * makes it WITHOUT ROWID: rows are ordered by their key, not by arrival.
 */
export const attachmentChunk = sqliteTable(
	'attachment_chunk',
	{
		attachmentId: text('attachment_id')
			.notNull()
			.references(() => attachment.id, { onDelete: 'cascade' }),
		sequence: integer('sequence').notNull(),
		ciphertext: bytes('ciphertext').notNull()
	},
	(t) => [primaryKey({ columns: [t.attachmentId, t.sequence] })]
);

/**
 * A message in a testimony's thread: from the survivor (sealed to the channel like a
 * testimony) or from staff (sealed to the survivor's reply key).
 */
export const message = sqliteTable(
	'message',
	{
		id: text('id').primaryKey(),
		submissionId: text('submission_id')
			.notNull()
			.references(() => submission.id, { onDelete: 'cascade' }),
		direction: text('direction', { enum: ['from_survivor', 'to_survivor'] }).notNull(),
		authorId: text('author_id').references(() => staffUser.id, { onDelete: 'set null' }),
		channelKeyId: integer('channel_key_id').references(() => channelKey.id, { onDelete: 'restrict' }),
		formatVersion: integer('format_version').notNull(),
		nonce: bytes('nonce'),
		ciphertext: bytes('ciphertext').notNull(),
		sealedDataKey: bytes('sealed_data_key'),
		/** UTC day only, like testimonies. */
		sentDay: text('sent_day').notNull(),
		/** Order within the thread; a day alone cannot order two messages. */
		sequence: integer('sequence').notNull()
	},
	(t) => [index('message_submission').on(t.submissionId, t.sequence)]
);

/**
 * Moderators' work on a testimony (transcripts, translations, redactions and their change
 * log), encrypted and sealed to the channel like the testimony itself. `version` increases
 * with each save so two moderators cannot overwrite each other.
 */
export const moderationDraft = sqliteTable('moderation_draft', {
	submissionId: text('submission_id')
		.primaryKey()
		.references(() => submission.id, { onDelete: 'cascade' }),
	version: integer('version').notNull(),
	channelKeyId: integer('channel_key_id')
		.notNull()
		.references(() => channelKey.id, { onDelete: 'restrict' }),
	formatVersion: integer('format_version').notNull(),
	nonce: bytes('nonce').notNull(),
	ciphertext: bytes('ciphertext').notNull(),
	sealedDataKey: bytes('sealed_data_key').notNull(),
	updatedBy: text('updated_by').references(() => staffUser.id, { onDelete: 'set null' }),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * What researchers read: the redacted, translated testimony, encrypted under the corpus key.
 * It outlives the raw intake; deleting the testimony (withdrawal) deletes it too.
 */
export const researchRecord = sqliteTable(
	'research_record',
	{
		id: text('id').primaryKey(),
		submissionId: text('submission_id')
			.notNull()
			.unique()
			.references(() => submission.id, { onDelete: 'cascade' }),
		corpusKeyId: integer('corpus_key_id')
			.notNull()
			.references(() => corpusKey.id, { onDelete: 'restrict' }),
		formatVersion: integer('format_version').notNull(),
		nonce: bytes('nonce').notNull(),
		ciphertext: bytes('ciphertext').notNull(),
		/** Month approved (YYYY-MM): coarse enough for charts, too coarse to identify. */
		approvedMonth: text('approved_month').notNull(),
		createdBy: text('created_by').references(() => staffUser.id, { onDelete: 'set null' })
	},
	(t) => [index('research_record_month').on(t.approvedMonth)]
);

/**
 * The team's shared codebook. Code names and descriptions are plaintext: they are the
 * researchers' analytic vocabulary, not testimony (DESIGN §4).
 */
export const code = sqliteTable(
	'code',
	{
		id: text('id').primaryKey(),
		parentId: text('parent_id').references((): AnySQLiteColumn => code.id, { onDelete: 'set null' }),
		name: text('name').notNull(),
		colour: text('colour').notNull(),
		description: text('description').notNull().default(''),
		inclusion: text('inclusion').notNull().default(''),
		exclusion: text('exclusion').notNull().default(''),
		example: text('example').notNull().default(''),
		archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
		position: integer('position').notNull().default(0),
		createdBy: text('created_by').references(() => staffUser.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('code_parent').on(t.parentId)]
);

/**
 * One coder's code on a span of a research record's field: an address, never the text.
 * Offsets are Unicode code points, end exclusive, over LF text (DESIGN §9).
 */
export const coding = sqliteTable(
	'coding',
	{
		id: text('id').primaryKey(),
		researchRecordId: text('research_record_id')
			.notNull()
			.references(() => researchRecord.id, { onDelete: 'cascade' }),
		field: text('field').notNull(),
		start: integer('start').notNull(),
		end: integer('end').notNull(),
		codeId: text('code_id')
			.notNull()
			.references(() => code.id, { onDelete: 'cascade' }),
		coderId: text('coder_id')
			.notNull()
			.references(() => staffUser.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('coding_record').on(t.researchRecordId),
		index('coding_code').on(t.codeId),
		uniqueIndex('coding_unique').on(t.researchRecordId, t.field, t.start, t.end, t.codeId, t.coderId)
	]
);

export const MEMO_TARGETS = ['record', 'coding', 'code'] as const;
export type MemoTarget = (typeof MEMO_TARGETS)[number];

/** A researcher's note on a record, an excerpt (coding) or a code, encrypted under the corpus key. */
export const memo = sqliteTable(
	'memo',
	{
		id: text('id').primaryKey(),
		target: text('target', { enum: MEMO_TARGETS }).notNull(),
		researchRecordId: text('research_record_id').references(() => researchRecord.id, { onDelete: 'cascade' }),
		codingId: text('coding_id').references(() => coding.id, { onDelete: 'cascade' }),
		codeId: text('code_id').references(() => code.id, { onDelete: 'cascade' }),
		authorId: text('author_id')
			.notNull()
			.references(() => staffUser.id, { onDelete: 'cascade' }),
		corpusKeyId: integer('corpus_key_id')
			.notNull()
			.references(() => corpusKey.id, { onDelete: 'restrict' }),
		nonce: bytes('nonce').notNull(),
		ciphertext: bytes('ciphertext').notNull(),
		/** Bound into the additional data, so an old version cannot be replayed over a newer one. */
		version: integer('version').notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('memo_record').on(t.researchRecordId), index('memo_code').on(t.codeId)]
);

/** Canned, translatable replies a channel's moderators start from. */
export const replyTemplate = sqliteTable('reply_template', {
	id: text('id').primaryKey(),
	channelId: text('channel_id')
		.notNull()
		.references(() => channel.id, { onDelete: 'cascade' }),
	kind: text('kind', { enum: ['acknowledgement', 'clarification', 'referral'] }).notNull(),
	locale: text('locale').notNull(),
	text: text('text').notNull()
});

/**
 * Proofs of work already spent, so none serves twice. The key is a hash of the challenge's
 * signature; the expiry is kept to the hour (not the second a survivor wrote), and rows are
 * deleted once their challenge has expired, when it could not be replayed anyway.
 */
export const powSpent = sqliteTable(
	'pow_spent',
	{
		challengeHash: bytes('challenge_hash').primaryKey(),
		expiresHour: integer('expires_hour').notNull()
	},
	(t) => [index('pow_spent_expires').on(t.expiresHour)]
);

/** Staff actions only. Never survivor content, never an IP address or user agent. */
export const auditEvent = sqliteTable(
	'audit_event',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		actorId: text('actor_id').references(() => staffUser.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		subjectType: text('subject_type'),
		subjectId: text('subject_id'),
		detail: text('detail', { mode: 'json' }).$type<Record<string, string | number | boolean>>()
	},
	(t) => [index('audit_event_at').on(t.at)]
);

/**
 * Intake per UTC day, counts only (no time of day, nothing about who sent): what the global
 * budgets let through and what they or the disk-headroom check refused. A day with refusals is
 * a flood day; retention keeps its unreviewed testimonies until an admin releases it.
 */
export const intakeDay = sqliteTable('intake_day', {
	day: text('day').primaryKey(),
	testimonies: integer('testimonies').notNull().default(0),
	messages: integer('messages').notNull().default(0),
	bytes: integer('bytes').notNull().default(0),
	refusedOverBudget: integer('refused_over_budget').notNull().default(0),
	refusedLowDisk: integer('refused_low_disk').notNull().default(0),
	releasedAt: integer('released_at', { mode: 'timestamp_ms' }),
	releasedBy: text('released_by').references(() => staffUser.id, { onDelete: 'set null' })
});

export type Setting = typeof setting.$inferSelect;
export type StaffUser = typeof staffUser.$inferSelect;
export type StaffRole = typeof staffRole.$inferSelect;
export type StaffSession = typeof staffSession.$inferSelect;
export type Channel = typeof channel.$inferSelect;
export type ChannelKey = typeof channelKey.$inferSelect;
export type ChannelKeyGrant = typeof channelKeyGrant.$inferSelect;
export type CorpusKey = typeof corpusKey.$inferSelect;
export type CorpusKeyGrant = typeof corpusKeyGrant.$inferSelect;
export type Submission = typeof submission.$inferSelect;
export type AuditEvent = typeof auditEvent.$inferSelect;
export type ChannelText = typeof channelText.$inferSelect;
export type Question = typeof question.$inferSelect;
export type QuestionTranslation = typeof questionTranslation.$inferSelect;
export type Attachment = typeof attachment.$inferSelect;
export type Message = typeof message.$inferSelect;
export type Invitation = typeof invitation.$inferSelect;
export type TotpReenrolment = typeof totpReenrolment.$inferSelect;
export type AuthThrottle = typeof authThrottle.$inferSelect;
export type ModerationDraft = typeof moderationDraft.$inferSelect;
export type ResearchRecord = typeof researchRecord.$inferSelect;
export type ReplyTemplate = typeof replyTemplate.$inferSelect;
export type FacilitationSession = typeof facilitationSession.$inferSelect;
export type StaffRecoveryCode = typeof staffRecoveryCode.$inferSelect;
export type CodeRow = typeof code.$inferSelect;
export type CodingRow = typeof coding.$inferSelect;
export type Memo = typeof memo.$inferSelect;
export type IntakeDay = typeof intakeDay.$inferSelect;

/**
 * A moderator's rejection of a testimony. While `confirmedAt` is null it is only proposed (the
 * proposer went over the daily limit) and the testimony keeps its status; once confirmed the
 * testimony is `rejected` and retention deletes it after the grace period, unless a moderator
 * undoes it, which deletes this row and restores `priorStatus`.
 */
export const rejection = sqliteTable('rejection', {
	submissionId: text('submission_id')
		.primaryKey()
		.references(() => submission.id, { onDelete: 'cascade' }),
	reason: text('reason').notNull(),
	priorStatus: text('prior_status', { enum: SUBMISSION_STATUSES }).notNull(),
	proposedBy: text('proposed_by').references(() => staffUser.id, { onDelete: 'set null' }),
	proposedAt: integer('proposed_at', { mode: 'timestamp_ms' }).notNull(),
	confirmedBy: text('confirmed_by').references(() => staffUser.id, { onDelete: 'set null' }),
	confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' })
});

/**
 * A lowering of a retention period below its default, proposed by an admin and waiting out a
 * fixed delay so every other admin can see it and cancel it before anything is deleted early.
 */
export const pendingSettingChange = sqliteTable('pending_setting_change', {
	key: text('key').primaryKey(),
	value: text('value').notNull(),
	proposedBy: text('proposed_by').references(() => staffUser.id, { onDelete: 'set null' }),
	proposedAt: integer('proposed_at', { mode: 'timestamp_ms' }).notNull(),
	effectiveAt: integer('effective_at', { mode: 'timestamp_ms' }).notNull()
});

export type Rejection = typeof rejection.$inferSelect;
export type PendingSettingChange = typeof pendingSettingChange.$inferSelect;
