/**
 * Importing a REFI-QDA codebook (`.qdc`) from another tool: a preview of what would be added,
 * what is already here and what is skipped, and, on confirmation, the additions in one
 * transaction and one audit entry. Codes are plaintext here like the rest of the codebook.
 */
import {
	planCodebookImport,
	readCodebookFile,
	type CodebookImportPlan,
	type PlannedCode,
	type SkipReason
} from '$lib/research/refi-qda/import-codebook';
import { RefiQdaImportError, type ImportRefusalReason } from '$lib/research/refi-qda/parse';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { code } from '../db/schema';
import type { RefusalKey } from '../http/errors';
import { CodebookError, nextPosition } from './codebook';

/** The largest codebook file taken, in characters; codebooks of thousands of codes are far smaller. */
export const CODEBOOK_IMPORT_MAX_CHARS = 2 * 1024 * 1024;

const REFUSALS: Record<ImportRefusalReason, { key: RefusalKey; status: 400 | 413 }> = {
	'too-large': { key: 'staff_refusals_import_too_large', status: 413 },
	doctype: { key: 'staff_refusals_import_doctype', status: 400 },
	malformed: { key: 'staff_refusals_import_malformed', status: 400 },
	'too-deep': { key: 'staff_refusals_import_too_deep', status: 400 },
	'too-many': { key: 'staff_refusals_import_too_many', status: 413 },
	'not-codebook': { key: 'staff_refusals_import_not_codebook', status: 400 },
	'not-project': { key: 'staff_refusals_import_not_codebook', status: 400 },
	'not-archive': { key: 'staff_refusals_import_not_codebook', status: 400 }
};

/**
 * A planned code as the preview shows it, with the file's GUID and the id the code has (or will
 * have) here, so that a project's codings can be placed on it; every id is one the page already
 * has, or the file's own GUID.
 */
export type PreviewCode = Pick<PlannedCode, 'guid' | 'name' | 'path' | 'depth'> &
	(
		| { status: 'added'; id: string }
		| { status: 'existing'; id: string; by: 'guid' | 'name' }
		| { status: 'skipped'; reason: SkipReason }
	);

export type CodebookImportPreview = {
	codes: PreviewCode[];
	sets: number;
	counts: CodebookImportPlan['counts'];
	applied: boolean;
};

function plan(xml: string): CodebookImportPlan {
	if (xml.length > CODEBOOK_IMPORT_MAX_CHARS) throw new CodebookError(REFUSALS['too-large'], 413);
	try {
		const file = readCodebookFile(xml);
		const existing = db()
			.select({ id: code.id, parentId: code.parentId, name: code.name, colour: code.colour })
			.from(code)
			.all();
		const planned = planCodebookImport(file, existing);
		if (planned.codes.length === 0) throw new RefiQdaImportError('not-codebook');
		return planned;
	} catch (cause) {
		if (cause instanceof RefiQdaImportError) {
			const refusal = REFUSALS[cause.reason];
			throw new CodebookError({ key: refusal.key }, refusal.status);
		}
		throw cause;
	}
}

function preview(planned: CodebookImportPlan, applied: boolean): CodebookImportPreview {
	return {
		codes: planned.codes.map((entry): PreviewCode => {
			const base = { guid: entry.guid, name: entry.name, path: entry.path, depth: entry.depth };
			if (entry.status === 'added') return { ...base, status: 'added', id: entry.id };
			if (entry.status === 'existing') return { ...base, status: 'existing', id: entry.id, by: entry.by };
			return { ...base, status: 'skipped', reason: entry.reason };
		}),
		sets: planned.sets,
		counts: planned.counts,
		applied
	};
}

/** What importing the file would do now; writes nothing. */
export function previewCodebookImport(xml: string): CodebookImportPreview {
	return preview(plan(xml), false);
}

/**
 * Imports the file: planned again inside the transaction against the codebook as it is then,
 * so a second click, or the same file a second time, finds every code already there and adds
 * nothing. Audited once, as one action, when it added anything.
 */
export function importCodebook(actorId: string, xml: string, now = new Date()): CodebookImportPreview {
	return db().transaction(() => {
		const planned = plan(xml);
		for (const entry of planned.codes) {
			if (entry.status !== 'added') continue;
			db()
				.insert(code)
				.values({
					id: entry.id,
					parentId: entry.parentId,
					name: entry.name,
					colour: entry.colour,
					description: entry.description,
					position: nextPosition(entry.parentId),
					createdBy: actorId,
					createdAt: now
				})
				.run();
		}
		if (planned.counts.added > 0)
			recordAudit({ actorId, action: 'codebook.imported', detail: { ...planned.counts, sets: planned.sets } }, now);
		return preview(planned, true);
	});
}
