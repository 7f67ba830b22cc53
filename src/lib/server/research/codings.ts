/** Codings: one coder's codes on spans of research records, addresses only, in blind rounds. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { parseFieldAddress } from '$lib/research/types';
import { applicableCodes } from './codebook';
import { openRound, visibleTo } from './rounds';
import { ResearchError } from './workspace';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { coding, codingRound, researchRecord } from '../db/schema';

/**
 * The codings this reader may see (addresses and codes only, never text): their own, and the
 * team's from revealed rounds. A colleague's coding in the open blind round never leaves the server.
 */
export function visibleCodings(readerId: string) {
	return db()
		.select({
			id: coding.id,
			recordId: coding.researchRecordId,
			field: coding.field,
			start: coding.start,
			end: coding.end,
			codeId: coding.codeId,
			coderId: coding.coderId
		})
		.from(coding)
		.leftJoin(codingRound, eq(codingRound.id, coding.roundId))
		.where(visibleTo(readerId))
		.all();
}

export type NewCodings = { recordId: string; field: string; start: number; end: number; codeIds: string[] };

/**
 * Applies codes to a span. The server cannot see the text, so it checks the shape (a known
 * record, a field address, a non-empty range) and the browser checks the range against it.
 * Applying a code the coder already put on the same span is not an error: nothing changes.
 */
export function addCodings(coderId: string, input: NewCodings, now = new Date()) {
	if (!parseFieldAddress(input.field)) throw new ResearchError({ key: 'staff_refusals_coding_field_form' }, 400);
	if (input.end <= input.start) throw new ResearchError({ key: 'staff_refusals_coding_select_text' }, 400);
	const record = db()
		.select({ id: researchRecord.id })
		.from(researchRecord)
		.where(eq(researchRecord.id, input.recordId))
		.get();
	if (!record) throw new ResearchError({ key: 'staff_refusals_research_record_not_found' }, 404);
	const usable = applicableCodes(input.codeIds);
	const unusable = input.codeIds.filter((codeId) => !usable.has(codeId));
	if (unusable.length > 0) throw new ResearchError({ key: 'staff_refusals_coding_codes_gone' }, 409);
	return db().transaction(() => {
		const roundId = openRound(now);
		return input.codeIds.map((codeId) => {
			const { id } = placeCoding(coderId, input, codeId, () => roundId, now);
			return { id, recordId: input.recordId, field: input.field, start: input.start, end: input.end, codeId, coderId };
		});
	});
}

type Span = { recordId: string; field: string; start: number; end: number };

/**
 * The coder's coding of `codeId` on the span: the one they already made (applying it again
 * changes nothing), or a new one in the round `round` gives, asked for only when one is made.
 */
function placeCoding(coderId: string, span: Span, codeId: string, round: () => number, now: Date) {
	const same = db()
		.select({ id: coding.id })
		.from(coding)
		.where(
			and(
				eq(coding.researchRecordId, span.recordId),
				eq(coding.field, span.field),
				eq(coding.start, span.start),
				eq(coding.end, span.end),
				eq(coding.codeId, codeId),
				eq(coding.coderId, coderId)
			)
		)
		.get();
	if (same) return { id: same.id, created: false };
	const id = randomUUID();
	db()
		.insert(coding)
		.values({
			id,
			researchRecordId: span.recordId,
			field: span.field,
			start: span.start,
			end: span.end,
			codeId,
			coderId,
			roundId: round(),
			createdAt: now
		})
		.run();
	return { id, created: true };
}

function ownCoding(coderId: string, codingId: string) {
	const found = db().select().from(coding).where(eq(coding.id, codingId)).get();
	if (!found) throw new ResearchError({ key: 'staff_refusals_coding_not_found' }, 404);
	if (found.coderId !== coderId) throw new ResearchError({ key: 'staff_refusals_coding_coder_changes' }, 403);
	return found;
}

/** Changes the code of one's own coding. */
export function recodeCoding(coderId: string, codingId: string, codeId: string): void {
	ownCoding(coderId, codingId);
	if (!applicableCodes([codeId]).has(codeId)) throw new ResearchError({ key: 'staff_refusals_coding_code_gone' }, 409);
	try {
		db().update(coding).set({ codeId }).where(eq(coding.id, codingId)).run();
	} catch (cause) {
		if (String(cause).includes('UNIQUE'))
			throw new ResearchError({ key: 'staff_refusals_coding_already_applied' }, 409);
		throw cause;
	}
}

export function removeCoding(coderId: string, codingId: string): void {
	ownCoding(coderId, codingId);
	db().delete(coding).where(eq(coding.id, codingId)).run();
}

/** The most codings one import request may carry. */
export const CODINGS_IMPORT_MAX = 5000;

export type ImportedCodingInput = { recordId: string; field: string; start: number; end: number; codeId: string };

/**
 * Codings brought back from a project coded further in another tool, planned in the browser
 * (which alone can read the text). The server checks what it can: the record still exists
 * (a withdrawn testimony is gone, and nothing brings it back), the code can still be applied,
 * the address has the form of a field. Each coding is the importer's own, in the open blind
 * round; one already made is not made twice, so a second click or a second import adds
 * nothing. One audit entry for the whole import.
 */
export function importCodings(coderId: string, items: ImportedCodingInput[], now = new Date()) {
	return db().transaction(() => {
		const counts = { added: 0, existing: 0, refused: 0 };
		const added: ReturnType<typeof visibleCodings> = [];
		const records = new Set<string>();
		const recordExists = (id: string) => {
			if (records.has(id)) return true;
			const found = db().select({ id: researchRecord.id }).from(researchRecord).where(eq(researchRecord.id, id)).get();
			if (found) records.add(id);
			return Boolean(found);
		};
		const usable = applicableCodes([...new Set(items.map((item) => item.codeId))]);
		let roundId: number | null = null;
		const round = () => (roundId ??= openRound(now));
		for (const item of items) {
			if (
				!parseFieldAddress(item.field) ||
				item.end <= item.start ||
				!usable.has(item.codeId) ||
				!recordExists(item.recordId)
			) {
				counts.refused++;
				continue;
			}
			const { id, created } = placeCoding(coderId, item, item.codeId, round, now);
			if (!created) {
				counts.existing++;
				continue;
			}
			added.push({
				id,
				recordId: item.recordId,
				field: item.field,
				start: item.start,
				end: item.end,
				codeId: item.codeId,
				coderId
			});
			counts.added++;
		}
		if (counts.added > 0) recordAudit({ actorId: coderId, action: 'codings.imported', detail: counts }, now);
		return { counts, codings: added };
	});
}
