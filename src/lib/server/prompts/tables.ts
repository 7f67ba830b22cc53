/** The prompts domain's table: recorded readings of survivor texts, one per text and language. */
import { index, integer, primaryKey, sqliteTable, text, blob } from 'drizzle-orm/sqlite-core';
import { staffUser } from '../accounts/tables';

/**
 * A recording an admin made or uploaded of one survivor text in one language. Served to anyone
 * at an address named by its content hash, so a replaced recording gets a new address.
 */
export const audioPrompt = sqliteTable(
	'audio_prompt',
	{
		/** `safety`, `consent`, `receipt` or `question.<question id>` (see prompts/texts.ts). */
		textId: text('text_id').notNull(),
		locale: text('locale').notNull(),
		/** SHA-256 of the audio, hex: the file name it is served under. */
		contentHash: text('content_hash').notNull(),
		mimeType: text('mime_type').notNull(),
		audio: blob('audio', { mode: 'buffer' }).notNull(),
		byteLength: integer('byte_length').notNull(),
		updatedBy: text('updated_by').references(() => staffUser.id, { onDelete: 'set null' }),
		/** UTC day of the last change. */
		updatedOn: text('updated_on').notNull()
	},
	(t) => [primaryKey({ columns: [t.textId, t.locale] }), index('audio_prompt_content_hash').on(t.contentHash)]
);

export type AudioPrompt = typeof audioPrompt.$inferSelect;
