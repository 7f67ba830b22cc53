/**
 * The research workspace's endpoints: the sealed corpus page by page, the codebook, codings,
 * memos sealed under the corpus key, and the notice that an export was made (never its content).
 */
import type * as v from 'valibot';
import type { Code, CodeText, Coding } from '$lib/research/types';
import type * as schemas from '$lib/server/research/schemas';
import type { saveMemo as storeMemo } from '$lib/server/research/workspace';
import { ApiError, getJson, postJson, requestJson } from './http';

export type CodeRequest = v.InferInput<typeof schemas.codeInput>;
export type CodingsRequest = v.InferInput<typeof schemas.newCodings>;
export type MemoRequest = v.InferInput<typeof schemas.memoUpload>;
export type ExportKind = v.InferInput<typeof schemas.exportNotice>['kind'];
type Done = { ok: true };

/** One page of the sealed corpus as a binary frame: the first (cursor null) or the one after `cursor`. */
export async function sealedCorpusPage(cursor: string | null): Promise<ArrayBuffer> {
	const url = cursor ? `/staff/api/research/corpus?after=${encodeURIComponent(cursor)}` : '/staff/api/research/corpus';
	const response = await fetch(url, { credentials: 'same-origin' });
	if (!response.ok) throw new ApiError(`The corpus could not be fetched (${response.status}).`, response.status);
	return response.arrayBuffer();
}

export function createCode(fields: CodeRequest): Promise<{ code: Code }> {
	return postJson('/staff/api/research/codes', fields);
}

/** Renames, re-describes or moves a code. */
export function updateCode(codeId: string, fields: CodeRequest): Promise<{ code: Code }> {
	return requestJson('PUT', `/staff/api/research/codes/${codeId}`, fields);
}

/** Sets a code's name and description in one language; an empty name removes that translation. */
export function translateCode(
	codeId: string,
	locale: string,
	text: CodeText
): Promise<{ translation: CodeText | null }> {
	return requestJson('PUT', `/staff/api/research/codes/${codeId}/translations/${locale}`, text);
}

export function archiveCode(codeId: string, archived: boolean): Promise<{ code: Code }> {
	return postJson(`/staff/api/research/codes/${codeId}/archive`, { archived });
}

/** Merges a code into another; its codings follow. */
export function mergeCode(codeId: string, into: string): Promise<{ moved: number }> {
	return postJson(`/staff/api/research/codes/${codeId}/merge`, { into });
}

export function addCodings(request: CodingsRequest): Promise<{ codings: Coding[] }> {
	return postJson('/staff/api/research/codings', request);
}

export function removeCoding(codingId: string): Promise<Done> {
	return requestJson('DELETE', `/staff/api/research/codings/${codingId}`);
}

export function recode(codingId: string, codeId: string): Promise<Done> {
	return requestJson('PATCH', `/staff/api/research/codings/${codingId}`, { codeId });
}

/** Creates or replaces a memo sealed in this browser under the corpus key. */
export function saveMemo(request: MemoRequest): Promise<ReturnType<typeof storeMemo>> {
	return requestJson('PUT', '/staff/api/research/memos', request);
}

export function deleteMemo(memoId: string): Promise<Done> {
	return requestJson('DELETE', `/staff/api/research/memos/${memoId}`);
}

/** Tells the server an export was made: its kind and number of records. */
export function noteExport(kind: ExportKind, records: number): Promise<Done> {
	return postJson('/staff/api/research/exports', { kind, records });
}

/** Of the record ids given (at most 5,000), those withdrawn or deleted since this browser opened them. */
export function goneRecords(ids: string[]): Promise<{ gone: string[] }> {
	return postJson('/staff/api/research/corpus/gone', { ids });
}

/** The newest blind coding round revealed (0 before any). */
export function newestRevealedRound(): Promise<{ revealed: number }> {
	return getJson('/staff/api/research/codings/rounds', 'The coding rounds could not be read.');
}

/** The team lead reveals a blind coding round to the team. */
export function revealRound(
	round: number
): Promise<{ round: number; codings: number; coders: number; already: boolean }> {
	return postJson('/staff/api/research/codings/reveal', { round });
}

export type SealedResearchImage = import('$lib/server/research/images').SealedResearchImage;

/** A record's blacked-out photos as corpus ciphertext. */
export function sealedResearchImages(recordId: string): Promise<{ images: SealedResearchImage[] }> {
	return getJson(
		`/staff/api/research/records/${encodeURIComponent(recordId)}/images`,
		'The photos could not be fetched.'
	);
}

export type CodebookImportAnswer = import('$lib/server/research/codebook-import').CodebookImportPreview;
export type CodingsImportRequest = v.InferInput<typeof schemas.codingsImportRequest>['codings'];

/** What importing a REFI-QDA codebook would do (`confirm` false), or the import itself. */
export function importCodebook(xml: string, confirm: boolean): Promise<CodebookImportAnswer> {
	return postJson('/staff/api/research/codebook/import', { xml, confirm });
}

/** Codings planned in this browser from a project file: addresses and codes only. */
export function importCodings(
	codings: CodingsImportRequest
): Promise<{ counts: { added: number; existing: number; refused: number }; codings: Coding[] }> {
	return postJson('/staff/api/research/codings/import', { codings });
}
