import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Code } from '$lib/research/types';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { code, coding, type CodeRow } from '../db/schema';
import { StaffRefusal } from '../http/errors';

export class CodebookError extends StaffRefusal {}

/** The default codebook of DESIGN §9: ten themes of integration, two levels. */
const DEFAULT_CODEBOOK: { name: string; colour: string; children: string[] }[] = [
	{
		name: 'Rights and legal status',
		colour: '#1f6feb',
		children: [
			'Permit and renewal',
			'Documents and civil status',
			'Family reunification',
			'Legal information and aid',
			'Trafficking identification',
			'Justice and compensation',
			'Naturalisation'
		]
	},
	{
		name: 'Safety and stability',
		colour: '#d1242f',
		children: [
			'Fear of traffickers',
			'Debt bondage',
			'Spiritual coercion',
			'Risk of re-exploitation',
			'Threats to family',
			'Trust in police and authorities',
			'Forced moves'
		]
	},
	{
		name: 'Housing',
		colour: '#9a6700',
		children: [
			'Access after status',
			'Safety and suitability',
			'Homelessness and emergency shelter',
			'Discrimination in renting',
			'Collective accommodation'
		]
	},
	{
		name: 'Work and income',
		colour: '#1a7f37',
		children: [
			'Access to jobs',
			'Recognition of skills',
			'Informal or exploitative work',
			'Welfare benefits',
			'Banking',
			'Childcare as a barrier'
		]
	},
	{
		name: 'Education, language and training',
		colour: '#8250df',
		children: ['Language courses', 'Vocational training', 'Literacy and digital skills', 'Formal education']
	},
	{
		name: 'Health and psycho-social support',
		colour: '#bf3989',
		children: [
			'Access to care',
			'Mental health and trauma support',
			'Sexual and reproductive health',
			'Pregnancy and parenting',
			'Interpreting in health settings'
		]
	},
	{
		name: 'Social connections',
		colour: '#0a7ea4',
		children: [
			'Family and community',
			'Bridges to other groups',
			'Links to institutions',
			'Isolation',
			'A person of trust',
			'Peer and survivor groups'
		]
	},
	{
		name: 'Services and identification',
		colour: '#57606a',
		children: [
			'Vulnerability assessment after status',
			'Referral between asylum and anti-trafficking systems',
			'Continuity of caseworker',
			'Information and orientation',
			'Interpreters'
		]
	},
	{
		name: 'Discrimination and culture',
		colour: '#bc4c00',
		children: ['Racism', 'Gender-based discrimination', 'Stigma', 'Cultural knowledge', 'Religion']
	},
	{
		name: 'Agency and strengths',
		colour: '#116329',
		children: ['Coping', 'Aspirations', 'What helped', "Survivors' recommendations"]
	}
];

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

/** The team's codebook, seeded with the default on first use. */
export function codebook(actorId: string, now = new Date()): Code[] {
	const rows = db().select().from(code).orderBy(asc(code.position), asc(code.name)).all();
	if (rows.length > 0) return rows.map(toCode);
	seedDefaultCodebook(actorId, now);
	return db().select().from(code).orderBy(asc(code.position), asc(code.name)).all().map(toCode);
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
					name: theme.name,
					colour: theme.colour,
					position: themeIndex,
					createdBy: actorId,
					createdAt: now
				})
				.run();
			theme.children.forEach((name, childIndex) => {
				db()
					.insert(code)
					.values({
						id: randomUUID(),
						parentId,
						name,
						colour: theme.colour,
						position: childIndex,
						createdBy: actorId,
						createdAt: now
					})
					.run();
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

export type CodeInput = Omit<Code, 'id' | 'archived' | 'position'>;

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

export function createCode(actorId: string, input: CodeInput, now = new Date()): Code {
	checkParent(null, input.parentId);
	checkNameFree(input.name, input.parentId, null);
	const id = randomUUID();
	const siblings = db()
		.select({ last: sql<number>`coalesce(max(${code.position}), -1)` })
		.from(code)
		.where(input.parentId ? eq(code.parentId, input.parentId) : isNull(code.parentId))
		.get();
	db()
		.insert(code)
		.values({ ...input, id, position: (siblings?.last ?? -1) + 1, createdBy: actorId, createdAt: now })
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
