/**
 * Findings: short public texts per channel, "what we heard" and "what changed", written by staff
 * and published only by a colleague who wrote none of their words. See README, "What we heard,
 * what changed".
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { isSmallCount, SMALL_COUNT_MAX } from '$lib/research/small-numbers';
import { isLocale, type Locale } from '$lib/paraglide/runtime';
import { recordAudit, type AuditAction } from '../audit/record';
import type { StaffIdentity } from '../auth/session';
import { channelChoices } from '../channels/keys';
import { db } from '../db';
import { utcDay } from '../dates';
import { StaffRefusal } from '../http/errors';
import { FINDING_PART_MAX, FINDING_TITLE_MAX, type FindingEdit, type NewFinding } from './schemas';
import { finding, type Finding, type FindingStatus, type FindingText } from './tables';

export class FindingRefusal extends StaffRefusal {}

/**
 * Who works on a channel's findings: its moderators, who read its testimonies, and researchers,
 * who code them across channels. Any of them but the people who wrote a finding's words
 * publishes it.
 */
export function findingChannelIds(staff: StaffIdentity): string[] {
	if (staff.roles.some((grant) => grant.role === 'researcher')) return channelChoices().map((choice) => choice.id);
	return staff.roles
		.filter((grant) => grant.role === 'moderator' && grant.channelId !== null)
		.map((grant) => grant.channelId as string);
}

function requireChannel(staff: StaffIdentity, channelId: string): void {
	if (!findingChannelIds(staff).includes(channelId))
		throw new FindingRefusal({ key: 'staff_refusals_findings_not_allowed' }, 403);
}

/** Languages with text, trimmed; a language left wholly empty is no language of the finding. */
function cleanTexts(baseLocale: string, texts: Record<string, FindingText>): Record<string, FindingText> {
	const kept: Record<string, FindingText> = {};
	for (const [locale, text] of Object.entries(texts)) {
		if (!isLocale(locale)) throw new FindingRefusal({ key: 'staff_refusals_findings_language_from_list' }, 400);
		const title = text.title.trim();
		const heard = text.heard.trim();
		const changed = text.changed.trim();
		if (!title && !heard && !changed) continue;
		if (!title || !heard) throw new FindingRefusal({ key: 'staff_refusals_findings_language_incomplete' }, 400);
		if (title.length > FINDING_TITLE_MAX || heard.length > FINDING_PART_MAX || changed.length > FINDING_PART_MAX)
			throw new FindingRefusal(
				{ key: 'staff_refusals_findings_text_length', params: { title: FINDING_TITLE_MAX, part: FINDING_PART_MAX } },
				400
			);
		kept[locale] = { title, heard, changed };
	}
	if (!kept[baseLocale]) throw new FindingRefusal({ key: 'staff_refusals_findings_base_missing' }, 400);
	return kept;
}

function audit(actorId: string, action: AuditAction, found: Pick<Finding, 'id' | 'channelId'>, now: Date) {
	recordAudit(
		{ actorId, action, subjectType: 'channel', subjectId: found.channelId, detail: { finding: found.id } },
		now
	);
}

export function createFinding(staff: StaffIdentity, input: NewFinding, now = new Date()): string {
	requireChannel(staff, input.channelId);
	const texts = cleanTexts(input.baseLocale, input.texts);
	const id = randomUUID();
	db().transaction(() => {
		db()
			.insert(finding)
			.values({
				id,
				channelId: input.channelId,
				status: 'draft',
				baseLocale: input.baseLocale,
				texts,
				peopleCount: input.peopleCount,
				authorId: staff.id,
				editorIds: [staff.id],
				lastEditorId: staff.id,
				createdAt: now,
				updatedAt: now
			})
			.run();
		audit(staff.id, 'finding.created', { id, channelId: input.channelId }, now);
	});
	return id;
}

/** A finding the person may work on; any other is "not found", whether it exists or not. */
export function findingFor(staff: StaffIdentity, findingId: string): Finding {
	const channelIds = findingChannelIds(staff);
	const found = channelIds.length
		? db()
				.select()
				.from(finding)
				.where(and(eq(finding.id, findingId), inArray(finding.channelId, channelIds)))
				.get()
		: undefined;
	if (!found) throw new FindingRefusal({ key: 'staff_refusals_findings_not_found' }, 404);
	return found;
}

/**
 * Moves a finding from one status to the next, only if it is still where the person saw it: a
 * double click or a colleague's step in between is refused, never applied twice.
 */
function step(
	staff: StaffIdentity,
	found: Finding,
	from: FindingStatus[],
	changes: Partial<Finding>,
	action: AuditAction,
	now: Date
): void {
	if (!from.includes(found.status)) throw new FindingRefusal({ key: 'staff_refusals_findings_moved_on' }, 409);
	db().transaction(() => {
		const { changes: changed } = db()
			.update(finding)
			.set({ ...changes, updatedAt: now })
			.where(and(eq(finding.id, found.id), inArray(finding.status, from)))
			.run();
		if (changed !== 1) throw new FindingRefusal({ key: 'staff_refusals_findings_moved_on' }, 409);
		audit(staff.id, action, found, now);
	});
}

/** Editing sends a finding back to draft: words nobody has reviewed are never published. */
export function editFinding(staff: StaffIdentity, input: FindingEdit, now = new Date()): void {
	const found = findingFor(staff, input.findingId);
	const texts = cleanTexts(input.baseLocale, input.texts);
	const editorIds = found.editorIds.includes(staff.id) ? found.editorIds : [...found.editorIds, staff.id];
	step(
		staff,
		found,
		['draft', 'submitted'],
		{
			status: 'draft',
			baseLocale: input.baseLocale,
			texts,
			peopleCount: input.peopleCount,
			editorIds,
			lastEditorId: staff.id
		},
		'finding.edited',
		now
	);
}

export function submitFinding(staff: StaffIdentity, findingId: string, now = new Date()): void {
	const found = findingFor(staff, findingId);
	step(staff, found, ['draft'], { status: 'submitted', reviewNote: null }, 'finding.submitted', now);
}

/** Whether this person wrote any of the finding's words, and so may not publish it. */
export function wroteFinding(staff: StaffIdentity, found: Finding): boolean {
	return found.authorId === staff.id || found.lastEditorId === staff.id || found.editorIds.includes(staff.id);
}

export function publishFinding(staff: StaffIdentity, findingId: string, now = new Date()): void {
	const found = findingFor(staff, findingId);
	if (wroteFinding(staff, found)) throw new FindingRefusal({ key: 'staff_refusals_findings_own' }, 403);
	step(
		staff,
		found,
		['submitted'],
		{ status: 'published', publishedBy: staff.id, publishedDay: utcDay(now) },
		'finding.published',
		now
	);
}

export function returnFinding(staff: StaffIdentity, findingId: string, note: string, now = new Date()): void {
	const found = findingFor(staff, findingId);
	step(staff, found, ['submitted'], { status: 'draft', reviewNote: note.trim() }, 'finding.returned', now);
}

/** Taking a finding off the public page needs no second person: it makes less public, not more. */
export function withdrawFinding(staff: StaffIdentity, findingId: string, now = new Date()): void {
	const found = findingFor(staff, findingId);
	step(staff, found, ['published'], { status: 'withdrawn', withdrawnBy: staff.id }, 'finding.withdrawn', now);
}

/** The findings a person works on, newest first, with what they may do with each. */
export function findingsForStaff(staff: StaffIdentity) {
	const channels = channelChoices();
	const channelIds = findingChannelIds(staff);
	if (channelIds.length === 0) return [];
	return db()
		.select()
		.from(finding)
		.where(inArray(finding.channelId, channelIds))
		.orderBy(desc(finding.updatedAt))
		.all()
		.map((found) => ({
			id: found.id,
			channelId: found.channelId,
			channelName: channels.find((choice) => choice.id === found.channelId)?.name ?? '',
			status: found.status,
			baseLocale: found.baseLocale,
			texts: found.texts,
			peopleCount: found.peopleCount,
			publicCount: publicCount(found.peopleCount),
			reviewNote: found.reviewNote,
			publishedDay: found.publishedDay,
			mine: wroteFinding(staff, found)
		}));
}

/**
 * A count as the public may see it: none for 0 or no count, "fewer than 5" for 1 to 4 (the
 * research pages' small-numbers rule), the number from 5. Applied here, so no page or answer
 * ever carries a small number.
 */
export type PublicCount = { kind: 'count'; value: number } | { kind: 'fewer'; than: number } | null;

export function publicCount(peopleCount: number | null): PublicCount {
	if (peopleCount === null || peopleCount <= 0) return null;
	if (isSmallCount(peopleCount)) return { kind: 'fewer', than: SMALL_COUNT_MAX + 1 };
	return { kind: 'count', value: peopleCount };
}

export type PublicFinding = {
	id: string;
	/** The language of the text below: the visitor's, or the finding's base language. */
	locale: Locale;
	fallback: boolean;
	title: string;
	heard: string;
	changed: string;
	count: PublicCount;
	publishedDay: string;
};

/** How many findings of a channel the public page and the check page show. */
export const PUBLIC_FINDINGS_PER_CHANNEL = 5;

function publicFinding(found: Finding, locale: Locale): PublicFinding {
	const own = found.texts[locale];
	const shown: Locale = own ? locale : isLocale(found.baseLocale) ? found.baseLocale : locale;
	const text = found.texts[shown] ?? { title: '', heard: '', changed: '' };
	return {
		id: found.id,
		locale: shown,
		fallback: !own,
		title: text.title,
		heard: text.heard,
		changed: text.changed,
		count: publicCount(found.peopleCount),
		publishedDay: found.publishedDay ?? ''
	};
}

function published(channelIds?: string[]): Finding[] {
	return db()
		.select()
		.from(finding)
		.where(
			channelIds
				? and(eq(finding.status, 'published'), inArray(finding.channelId, channelIds))
				: eq(finding.status, 'published')
		)
		.orderBy(desc(finding.publishedDay), desc(finding.updatedAt))
		.all();
}

/** The public page: each active channel with published findings, its newest first. */
export function publicFindings(
	locale: Locale
): { channelId: string; channelName: string; findings: PublicFinding[] }[] {
	const rows = published();
	return channelChoices()
		.filter((choice) => choice.active)
		.map((choice) => ({
			channelId: choice.id,
			channelName: choice.name,
			findings: rows
				.filter((row) => row.channelId === choice.id)
				.slice(0, PUBLIC_FINDINGS_PER_CHANNEL)
				.map((row) => publicFinding(row, locale))
		}))
		.filter((group) => group.findings.length > 0);
}

/** One channel's newest published findings, for the check page. */
export function channelFindings(channelId: string, locale: Locale): PublicFinding[] {
	return published([channelId])
		.slice(0, PUBLIC_FINDINGS_PER_CHANNEL)
		.map((row) => publicFinding(row, locale));
}
