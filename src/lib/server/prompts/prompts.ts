/**
 * Recorded readings of survivor texts (issue "Listen instead of read"). A prompt is spoken
 * to survivors in the wording's stead, so it follows the questionnaire's rule for changing that
 * wording: one admin may replace or remove it, and every change is audited.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { isLocale, type Locale } from '$lib/paraglide/runtime';
import { recordAudit } from '../audit/record';
import { utcDay } from '../dates';
import { db } from '../db';
import { audioPrompt } from '../db/schema';
import { StaffRefusal } from '../http/errors';
import { findQuestion } from '../questionnaire/admin';
import { QuestionNotFound } from '../questionnaire/errors';
import { PROMPT_FORMATS, PROMPT_MAX_BYTES, sniffPromptFormat } from './sniff';

/** The texts of the survivor pages a prompt can read, besides each question. */
export const PAGE_TEXT_IDS = ['safety', 'consent', 'receipt'] as const;
export type PageTextId = (typeof PAGE_TEXT_IDS)[number];
const QUESTION_PREFIX = 'question.';

export const questionTextId = (questionId: string) => `${QUESTION_PREFIX}${questionId}`;

/** The public address of a prompt: its content hash, so a browser may keep it for good. */
export const promptUrl = (contentHash: string, mimeType: string) =>
	`/api/prompts/${contentHash}.${PROMPT_FORMATS.find((format) => format.mimeType === mimeType)?.extension ?? 'ogg'}`;

function checkTarget(textId: string, locale: string): Locale {
	if (!isLocale(locale)) throw new StaffRefusal({ key: 'staff_refusals_prompt_unknown_locale' }, 400);
	if ((PAGE_TEXT_IDS as readonly string[]).includes(textId)) return locale;
	if (textId.startsWith(QUESTION_PREFIX)) {
		try {
			findQuestion(textId.slice(QUESTION_PREFIX.length));
			return locale;
		} catch (cause) {
			if (!(cause instanceof QuestionNotFound)) throw cause;
		}
	}
	throw new StaffRefusal({ key: 'staff_refusals_prompt_unknown_text' }, 400);
}

/** Stores (or replaces) the recording of one text in one language, after checking what it is. */
export function savePrompt(
	textId: string,
	locale: string,
	audio: Uint8Array,
	actorId: string | null,
	now = new Date()
): { url: string; replaced: boolean } {
	const target = checkTarget(textId, locale);
	if (audio.byteLength === 0) throw new StaffRefusal({ key: 'staff_refusals_prompt_empty' }, 400);
	if (audio.byteLength > PROMPT_MAX_BYTES) {
		throw new StaffRefusal(
			{ key: 'staff_refusals_prompt_too_large', params: { megabytes: PROMPT_MAX_BYTES / 1024 / 1024 } },
			413
		);
	}
	const format = sniffPromptFormat(audio);
	if (!format) throw new StaffRefusal({ key: 'staff_refusals_prompt_not_audio' }, 415);
	const contentHash = createHash('sha256').update(audio).digest('hex');
	return db().transaction(() => {
		const before = db()
			.select({ contentHash: audioPrompt.contentHash })
			.from(audioPrompt)
			.where(and(eq(audioPrompt.textId, textId), eq(audioPrompt.locale, target)))
			.get();
		const row = {
			contentHash,
			mimeType: format.mimeType,
			audio: Buffer.from(audio),
			byteLength: audio.byteLength,
			updatedBy: actorId,
			updatedOn: utcDay(now)
		};
		db()
			.insert(audioPrompt)
			.values({ textId, locale: target, ...row })
			.onConflictDoUpdate({ target: [audioPrompt.textId, audioPrompt.locale], set: row })
			.run();
		recordAudit({
			actorId,
			action: 'prompt.replaced',
			subjectType: 'prompt',
			subjectId: textId,
			detail: { locale: target, bytes: audio.byteLength, format: format.extension, replaced: Boolean(before) }
		});
		return { url: promptUrl(contentHash, format.mimeType), replaced: Boolean(before) };
	});
}

/** Removes one recording; survivors then see no Listen button for that text in that language. */
export function removePrompt(textId: string, locale: string, actorId: string | null): void {
	const target = checkTarget(textId, locale);
	db().transaction(() => {
		const removed = db()
			.delete(audioPrompt)
			.where(and(eq(audioPrompt.textId, textId), eq(audioPrompt.locale, target)))
			.returning({ textId: audioPrompt.textId })
			.get();
		// Said beside the form, not as a missing page: a second press of Remove lands here.
		if (!removed) throw new StaffRefusal({ key: 'staff_refusals_prompt_not_found' }, 404);
		recordAudit({
			actorId,
			action: 'prompt.removed',
			subjectType: 'prompt',
			subjectId: textId,
			detail: { locale: target }
		});
	});
}

/** The prompts of one language, by text id: what a survivor page offers to play. */
export function promptsIn(locale: Locale): Record<string, string> {
	const rows = db()
		.select({ textId: audioPrompt.textId, contentHash: audioPrompt.contentHash, mimeType: audioPrompt.mimeType })
		.from(audioPrompt)
		.where(eq(audioPrompt.locale, locale))
		.all();
	return Object.fromEntries(rows.map((row) => [row.textId, promptUrl(row.contentHash, row.mimeType)]));
}

export type PromptSummary = { textId: string; locale: string; url: string; byteLength: number; updatedOn: string };

/** Every prompt, for the admins' page (no audio bytes). */
export function allPrompts(): PromptSummary[] {
	return db()
		.select({
			textId: audioPrompt.textId,
			locale: audioPrompt.locale,
			contentHash: audioPrompt.contentHash,
			mimeType: audioPrompt.mimeType,
			byteLength: audioPrompt.byteLength,
			updatedOn: audioPrompt.updatedOn
		})
		.from(audioPrompt)
		.orderBy(asc(audioPrompt.textId), asc(audioPrompt.locale))
		.all()
		.map(({ contentHash, mimeType, ...row }) => ({ ...row, url: promptUrl(contentHash, mimeType) }));
}

const FILE_NAME = /^([0-9a-f]{64})\.(ogg|webm|mp3|m4a)$/;

/** The audio served under a prompt's public file name, or null for any other name. */
export function promptAudio(fileName: string): { audio: Uint8Array; mimeType: string } | null {
	const match = FILE_NAME.exec(fileName);
	if (!match) return null;
	const row = db()
		.select({ audio: audioPrompt.audio, mimeType: audioPrompt.mimeType })
		.from(audioPrompt)
		.where(eq(audioPrompt.contentHash, match[1]))
		.get();
	if (!row || promptUrl(match[1], row.mimeType) !== `/api/prompts/${fileName}`) return null;
	return { audio: new Uint8Array(row.audio), mimeType: row.mimeType };
}
