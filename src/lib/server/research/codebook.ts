import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { codesIn } from '$lib/research/code-language';
import type { Code, CodeText, CodeTexts } from '$lib/research/types';
import {
	DEFAULT_STAFF_LOCALE,
	isStaffLocale,
	STAFF_LOCALES,
	type StaffLocale,
	type StaffMessageKey
} from '$lib/staff-i18n';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { code, codeTranslation, coding, type CodeRow } from '../db/schema';
import { staffText } from '../i18n/staff';
import { StaffRefusal } from '../http/errors';

export class CodebookError extends StaffRefusal {}

/**
 * The default codebook of DESIGN §9: ten themes of integration, two levels. Its names live in the
 * staff catalogues (messages/staff/codebook/), so it is seeded in every staff language there is.
 */
const DEFAULT_CODEBOOK: { name: StaffMessageKey; colour: string; children: StaffMessageKey[] }[] = [
	{
		name: 'staff_codebook_default_rights',
		colour: '#1f6feb',
		children: [
			'staff_codebook_default_rights_permit',
			'staff_codebook_default_rights_documents',
			'staff_codebook_default_rights_reunification',
			'staff_codebook_default_rights_legal_aid',
			'staff_codebook_default_rights_identification',
			'staff_codebook_default_rights_justice',
			'staff_codebook_default_rights_naturalisation'
		]
	},
	{
		name: 'staff_codebook_default_safety',
		colour: '#d1242f',
		children: [
			'staff_codebook_default_safety_fear',
			'staff_codebook_default_safety_debt',
			'staff_codebook_default_safety_spiritual',
			'staff_codebook_default_safety_reexploitation',
			'staff_codebook_default_safety_family_threats',
			'staff_codebook_default_safety_trust_police',
			'staff_codebook_default_safety_moves'
		]
	},
	{
		name: 'staff_codebook_default_housing',
		colour: '#9a6700',
		children: [
			'staff_codebook_default_housing_after_status',
			'staff_codebook_default_housing_suitability',
			'staff_codebook_default_housing_homelessness',
			'staff_codebook_default_housing_renting',
			'staff_codebook_default_housing_collective'
		]
	},
	{
		name: 'staff_codebook_default_work',
		colour: '#1a7f37',
		children: [
			'staff_codebook_default_work_jobs',
			'staff_codebook_default_work_skills',
			'staff_codebook_default_work_informal',
			'staff_codebook_default_work_benefits',
			'staff_codebook_default_work_banking',
			'staff_codebook_default_work_childcare'
		]
	},
	{
		name: 'staff_codebook_default_education',
		colour: '#8250df',
		children: [
			'staff_codebook_default_education_language',
			'staff_codebook_default_education_vocational',
			'staff_codebook_default_education_literacy',
			'staff_codebook_default_education_formal'
		]
	},
	{
		name: 'staff_codebook_default_health',
		colour: '#bf3989',
		children: [
			'staff_codebook_default_health_care',
			'staff_codebook_default_health_mental',
			'staff_codebook_default_health_sexual',
			'staff_codebook_default_health_parenting',
			'staff_codebook_default_health_interpreting'
		]
	},
	{
		name: 'staff_codebook_default_social',
		colour: '#0a7ea4',
		children: [
			'staff_codebook_default_social_family',
			'staff_codebook_default_social_bridges',
			'staff_codebook_default_social_institutions',
			'staff_codebook_default_social_isolation',
			'staff_codebook_default_social_trusted_person',
			'staff_codebook_default_social_peers'
		]
	},
	{
		name: 'staff_codebook_default_services',
		colour: '#57606a',
		children: [
			'staff_codebook_default_services_vulnerability',
			'staff_codebook_default_services_referral',
			'staff_codebook_default_services_caseworker',
			'staff_codebook_default_services_orientation',
			'staff_codebook_default_services_interpreters'
		]
	},
	{
		name: 'staff_codebook_default_discrimination',
		colour: '#bc4c00',
		children: [
			'staff_codebook_default_discrimination_racism',
			'staff_codebook_default_discrimination_gender',
			'staff_codebook_default_discrimination_stigma',
			'staff_codebook_default_discrimination_cultural',
			'staff_codebook_default_discrimination_religion'
		]
	},
	{
		name: 'staff_codebook_default_agency',
		colour: '#116329',
		children: [
			'staff_codebook_default_agency_coping',
			'staff_codebook_default_agency_aspirations',
			'staff_codebook_default_agency_helped',
			'staff_codebook_default_agency_recommendations'
		]
	}
];

/** The language of the `code` table's own texts; other languages are translations of it. */
export const CODEBOOK_BASE_LOCALE: StaffLocale = DEFAULT_STAFF_LOCALE;

const toCode = (row: CodeRow): Code => ({
	id: row.id,
	parentId: row.parentId,
	name: row.name,
	colour: row.colour,
	description: row.description,
	inclusion: row.inclusion,
	exclusion: row.exclusion,
	example: row.example,
	archived: row.archived,
	position: row.position
});

const allCodes = () => db().select().from(code).orderBy(asc(code.position), asc(code.name)).all().map(toCode);

/**
 * The team's codebook, seeded with the default on first use, with names and descriptions in
 * `locale` where translated and in the base language (marked untranslated) where not.
 */
export function codebook(actorId: string, locale: string = CODEBOOK_BASE_LOCALE, now = new Date()): Code[] {
	let codes = allCodes();
	if (codes.length === 0) {
		seedDefaultCodebook(actorId, now);
		codes = allCodes();
	}
	return locale === CODEBOOK_BASE_LOCALE ? codes : codesIn(codes, codebookTexts(), locale, CODEBOOK_BASE_LOCALE);
}

/** Every code's name and description in the base language and in each translation. */
export function codebookTexts(): CodeTexts {
	const texts: CodeTexts = {};
	for (const row of db().select().from(code).all())
		texts[row.id] = { [CODEBOOK_BASE_LOCALE]: { name: row.name, description: row.description } };
	for (const row of db().select().from(codeTranslation).all())
		texts[row.codeId][row.locale] = { name: row.name, description: row.description };
	return texts;
}

function writeTranslation(codeId: string, locale: string, text: CodeText): void {
	db()
		.insert(codeTranslation)
		.values({ codeId, locale, ...text })
		.onConflictDoUpdate({ target: [codeTranslation.codeId, codeTranslation.locale], set: text })
		.run();
}

/**
 * Sets a code's name and description in a language other than the base; without a name, the
 * translation is removed and that language shows the base text again.
 */
export function setCodeTranslation(
	actorId: string,
	codeId: string,
	locale: string,
	text: CodeText,
	now = new Date()
): CodeText | null {
	existing(codeId);
	if (!isStaffLocale(locale)) throw new CodebookError({ key: 'staff_refusals_code_translation_language' }, 404);
	if (locale === CODEBOOK_BASE_LOCALE) throw new CodebookError({ key: 'staff_refusals_code_translation_base' }, 400);
	const where = and(eq(codeTranslation.codeId, codeId), eq(codeTranslation.locale, locale));
	const before = db().select().from(codeTranslation).where(where).get();
	if (text.name) writeTranslation(codeId, locale, text);
	else db().delete(codeTranslation).where(where).run();
	// A translation is part of the code: audited as a change of it, each field named with its language.
	const changed = (['name', 'description'] as const)
		.filter((field) => (before?.[field] ?? '') !== text[field])
		.map((field) => `${field}:${locale}`);
	recordAudit(
		{ actorId, action: 'code.updated', subjectType: 'code', subjectId: codeId, detail: { changed: changed.join(',') } },
		now
	);
	return text.name ? text : null;
}

/** A default code's name in every staff language other than the base. */
function translateDefault(codeId: string, name: StaffMessageKey): void {
	for (const locale of STAFF_LOCALES.filter((other) => other !== CODEBOOK_BASE_LOCALE))
		writeTranslation(codeId, locale, { name: staffText(locale as StaffLocale, name), description: '' });
}

function seedDefaultCodebook(actorId: string, now: Date): void {
	db().transaction(() => {
		// Two researchers opening the workspace at once must not seed twice.
		if (db().select({ id: code.id }).from(code).limit(1).get()) return;
		DEFAULT_CODEBOOK.forEach((theme, themeIndex) => {
			const parentId = randomUUID();
			db()
				.insert(code)
				.values({
					id: parentId,
					parentId: null,
					name: staffText(CODEBOOK_BASE_LOCALE, theme.name),
					colour: theme.colour,
					position: themeIndex,
					createdBy: actorId,
					createdAt: now
				})
				.run();
			translateDefault(parentId, theme.name);
			theme.children.forEach((name, childIndex) => {
				const id = randomUUID();
				db()
					.insert(code)
					.values({
						id,
						parentId,
						name: staffText(CODEBOOK_BASE_LOCALE, name),
						colour: theme.colour,
						position: childIndex,
						createdBy: actorId,
						createdAt: now
					})
					.run();
				translateDefault(id, name);
			});
		});
		recordAudit(
			{
				actorId,
				action: 'codebook.seeded',
				detail: { codes: DEFAULT_CODEBOOK.reduce((sum, theme) => sum + 1 + theme.children.length, 0) }
			},
			now
		);
	});
}

export type CodeInput = Omit<Code, 'id' | 'archived' | 'position' | 'untranslated'>;

function existing(codeId: string): CodeRow {
	const row = db().select().from(code).where(eq(code.id, codeId)).get();
	if (!row) throw new CodebookError({ key: 'staff_refusals_code_not_found' }, 404);
	return row;
}

/** A parent must exist and must not be the code itself or one of its descendants. */
function checkParent(codeId: string | null, parentId: string | null): void {
	if (!parentId) return;
	existing(parentId);
	for (let ancestor: string | null = parentId; ancestor; ancestor = existing(ancestor).parentId) {
		if (ancestor === codeId) throw new CodebookError({ key: 'staff_refusals_code_under_itself' }, 409);
	}
}

function checkNameFree(name: string, parentId: string | null, exceptId: string | null): void {
	const siblings = db()
		.select({ id: code.id, name: code.name })
		.from(code)
		.where(parentId ? eq(code.parentId, parentId) : isNull(code.parentId))
		.all();
	if (
		siblings.some((sibling) => sibling.id !== exceptId && sibling.name.toLocaleLowerCase() === name.toLocaleLowerCase())
	) {
		throw new CodebookError({ key: 'staff_refusals_code_name_taken' }, 409);
	}
}

/** Where a new code goes under `parentId` (or at the top): after its last sibling. */
export function nextPosition(parentId: string | null): number {
	const siblings = db()
		.select({ last: sql<number>`coalesce(max(${code.position}), -1)` })
		.from(code)
		.where(parentId ? eq(code.parentId, parentId) : isNull(code.parentId))
		.get();
	return (siblings?.last ?? -1) + 1;
}

export function createCode(actorId: string, input: CodeInput, now = new Date()): Code {
	checkParent(null, input.parentId);
	checkNameFree(input.name, input.parentId, null);
	const id = randomUUID();
	db()
		.insert(code)
		.values({ ...input, id, position: nextPosition(input.parentId), createdBy: actorId, createdAt: now })
		.run();
	recordAudit({ actorId, action: 'code.created', subjectType: 'code', subjectId: id }, now);
	return toCode(existing(id));
}

/** Renames, re-describes or moves a code; its codings stay where they are. */
export function updateCode(actorId: string, codeId: string, input: CodeInput, now = new Date()): Code {
	const before = existing(codeId);
	checkParent(codeId, input.parentId);
	checkNameFree(input.name, input.parentId, codeId);
	db().update(code).set(input).where(eq(code.id, codeId)).run();
	const changed = (['name', 'parentId', 'colour', 'description', 'inclusion', 'exclusion', 'example'] as const).filter(
		(field) => before[field] !== input[field]
	);
	recordAudit(
		{ actorId, action: 'code.updated', subjectType: 'code', subjectId: codeId, detail: { changed: changed.join(',') } },
		now
	);
	return toCode(existing(codeId));
}

export function setCodeArchived(actorId: string, codeId: string, archived: boolean, now = new Date()): Code {
	existing(codeId);
	db().update(code).set({ archived }).where(eq(code.id, codeId)).run();
	recordAudit(
		{ actorId, action: archived ? 'code.archived' : 'code.restored', subjectType: 'code', subjectId: codeId },
		now
	);
	return toCode(existing(codeId));
}

/**
 * Merges one code into another: every coding follows (a coding that would then be a duplicate
 * of one the same coder already made is dropped), sub-codes move under the target, and the
 * merged code is deleted. One transaction: a failure leaves the codebook as it was.
 */
export function mergeCode(actorId: string, sourceId: string, targetId: string, now = new Date()): { moved: number } {
	if (sourceId === targetId) throw new CodebookError({ key: 'staff_refusals_code_merge_into_other' }, 400);
	existing(sourceId);
	checkParent(sourceId, targetId);
	return db().transaction(() => {
		const codings = db().select().from(coding).where(eq(coding.codeId, sourceId)).all();
		let moved = 0;
		for (const item of codings) {
			const duplicate = db()
				.select({ id: coding.id })
				.from(coding)
				.where(
					and(
						eq(coding.researchRecordId, item.researchRecordId),
						eq(coding.field, item.field),
						eq(coding.start, item.start),
						eq(coding.end, item.end),
						eq(coding.codeId, targetId),
						eq(coding.coderId, item.coderId)
					)
				)
				.get();
			if (duplicate) db().delete(coding).where(eq(coding.id, item.id)).run();
			else {
				db().update(coding).set({ codeId: targetId }).where(eq(coding.id, item.id)).run();
				moved++;
			}
		}
		db().update(code).set({ parentId: targetId }).where(eq(code.parentId, sourceId)).run();
		db().delete(code).where(eq(code.id, sourceId)).run();
		recordAudit(
			{
				actorId,
				action: 'code.merged',
				subjectType: 'code',
				subjectId: targetId,
				detail: { merged: sourceId, codings: moved }
			},
			now
		);
		return { moved };
	});
}

/** Codes that exist and can still be applied (not archived). */
export function applicableCodes(codeIds: string[]): Set<string> {
	if (codeIds.length === 0) return new Set();
	const rows = db()
		.select({ id: code.id })
		.from(code)
		.where(and(inArray(code.id, codeIds), eq(code.archived, false)))
		.all();
	return new Set(rows.map((row) => row.id));
}
