/** The research domain's tables: research records, the codebook, codings and memos. */
import {
	type AnySQLiteColumn,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { bytes } from '../db/columns';
import { staffUser } from '../accounts/tables';
import { corpusKey } from '../channels/tables';
import { submission } from '../intake/tables';

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
	// (month, id): the corpus's pages walk it backwards from a cursor, a constant cost per page.
	(t) => [index('research_record_month_id').on(t.approvedMonth, t.id)]
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
 * A code's name and description in another staff language than the codebook's base (English),
 * one row per code and locale, so that a new staff language needs no new column. Plaintext like
 * the code itself; a language without a row shows the base text.
 */
export const codeTranslation = sqliteTable(
	'code_translation',
	{
		codeId: text('code_id')
			.notNull()
			.references(() => code.id, { onDelete: 'cascade' }),
		locale: text('locale').notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default('')
	},
	(t) => [primaryKey({ columns: [t.codeId, t.locale] })]
);

/**
 * A blind-coding round: codings made while it is open are shown only to their own coder until
 * the team lead reveals the round, so agreement figures compare independent judgements. The
 * id is the round's number (1, 2, …); the next round opens with the first coding after a reveal.
 */
export const codingRound = sqliteTable('coding_round', {
	id: integer('id').primaryKey(),
	openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
	revealedAt: integer('revealed_at', { mode: 'timestamp_ms' }),
	revealedBy: text('revealed_by').references(() => staffUser.id, { onDelete: 'set null' })
});

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
		/** The blind round it was made in; null for codings made before blind coding, seen by all. */
		roundId: integer('round_id').references(() => codingRound.id, { onDelete: 'restrict' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('coding_record').on(t.researchRecordId),
		index('coding_by_round').on(t.roundId),
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

export type ResearchRecord = typeof researchRecord.$inferSelect;
export type CodeRow = typeof code.$inferSelect;
export type CodeTranslationRow = typeof codeTranslation.$inferSelect;
export type CodingRow = typeof coding.$inferSelect;
export type CodingRound = typeof codingRound.$inferSelect;
export type Memo = typeof memo.$inferSelect;

/**
 * A photo a moderator chose to include with a research record, blacked out where they drew
 * boxes and re-encoded in their browser, then encrypted under the corpus key (docs/crypto.md
 * §2.5). Never the survivor's original. Deleting the record (withdrawal, retention) deletes it.
 */
export const researchImage = sqliteTable(
	'research_image',
	{
		id: text('id').primaryKey(),
		recordId: text('record_id')
			.notNull()
			.references(() => researchRecord.id, { onDelete: 'cascade' }),
		/** Its place among the record's photos, from 1, as the moderator saw them. */
		position: integer('position').notNull(),
		corpusKeyId: integer('corpus_key_id')
			.notNull()
			.references(() => corpusKey.id, { onDelete: 'restrict' }),
		formatVersion: integer('format_version').notNull(),
		nonce: bytes('nonce').notNull(),
		ciphertext: bytes('ciphertext').notNull()
	},
	(t) => [index('research_image_record').on(t.recordId)]
);

export type ResearchImage = typeof researchImage.$inferSelect;
