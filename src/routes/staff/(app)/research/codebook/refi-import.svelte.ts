import { invalidateAll } from '$app/navigation';
import { importCodebook, importCodings, type CodebookImportAnswer } from '$lib/client/api/research';
import { readCodebookFile } from '$lib/research/refi-qda/import-codebook';
import {
	codebookOfProject,
	codeIdsByGuid,
	planCodingImport,
	readQdpx,
	type PlannedCoding
} from '$lib/research/refi-qda/import-project';
import { RefiQdaImportError, type ImportRefusalReason } from '$lib/research/refi-qda/parse';
import type { StaffMessageKey } from '$lib/staff-i18n';
import { t } from '$lib/staff-text';
import type { ResearchWorkspace } from '../workspace.svelte';

/*
 * Importing a REFI-QDA file on the codebook page. A codebook goes to the server, which answers
 * with a preview and writes nothing until confirmed. A project is opened here: its texts stay in
 * this browser; its codebook goes through the same preview, and its codings are matched here
 * against the open corpus; only the codings' addresses go to the server on confirmation.
 */

/** The server's limit is in characters; a file of more bytes than that has at least as many. */
const CODEBOOK_FILE_BYTES = 4 * 2 * 1024 * 1024;

const REFUSALS: Record<ImportRefusalReason, StaffMessageKey> = {
	'too-large': 'staff_import_refused_too_large',
	doctype: 'staff_import_refused_doctype',
	malformed: 'staff_import_refused_malformed',
	'too-deep': 'staff_import_refused_too_deep',
	'too-many': 'staff_import_refused_too_many',
	'not-codebook': 'staff_import_refused_not_codebook',
	'not-project': 'staff_import_refused_not_project',
	'not-archive': 'staff_import_refused_not_archive'
};

export const SKIP_REASONS: Record<string, StaffMessageKey> = {
	invalid: 'staff_import_skip_invalid',
	'too-long': 'staff_import_skip_too_long',
	duplicate: 'staff_import_skip_duplicate',
	'parent-skipped': 'staff_import_skip_parent_skipped'
};

export const CONFLICT_REASONS: Record<string, StaffMessageKey> = {
	'source-gone': 'staff_import_conflict_source_gone',
	'invalid-range': 'staff_import_conflict_invalid_range',
	'range-outside-field': 'staff_import_conflict_range_outside_field',
	'text-differs': 'staff_import_conflict_text_differs',
	'counted-in-utf16': 'staff_import_conflict_counted_in_utf16',
	'code-unknown': 'staff_import_conflict_code_unknown',
	'code-archived': 'staff_import_conflict_code_archived',
	'changed-here': 'staff_import_conflict_changed_here',
	'overlaps-newer': 'staff_import_conflict_overlaps_newer'
};

/** Each GUID of the file's codebook and the code it names here once imported. */
function codeIdsOf(answer: CodebookImportAnswer | null): Map<string, string> {
	const ids = new Map<string, string>();
	for (const code of answer?.codes ?? []) if (code.status !== 'skipped' && code.guid) ids.set(code.guid, code.id);
	return ids;
}

const isProjectFile = (file: File, head: Uint8Array) =>
	/\.qdpx$/i.test(file.name) || (head[0] === 0x50 && head[1] === 0x4b);

export class RefiImport {
	status = $state<'idle' | 'reading' | 'preview' | 'importing' | 'done'>('idle');
	problem = $state('');
	done = $state('');
	codebook = $state.raw<CodebookImportAnswer | null>(null);
	codings = $state.raw<PlannedCoding[] | null>(null);
	#codebookXml: string | null = null;

	constructor(private readonly workspace: ResearchWorkspace) {}

	codesAdded = $derived(this.codebook?.codes.filter((code) => code.status === 'added') ?? []);
	codesExisting = $derived(this.codebook?.codes.filter((code) => code.status === 'existing') ?? []);
	codesSkipped = $derived(this.codebook?.codes.filter((code) => code.status === 'skipped') ?? []);
	codingsAdded = $derived(this.codings?.filter((coding) => coding.status === 'added') ?? []);
	codingsExisting = $derived(this.codings?.filter((coding) => coding.status === 'existing') ?? []);
	conflicts = $derived(this.codings?.filter((coding) => coding.status === 'conflict') ?? []);
	anythingToImport = $derived(this.codesAdded.length > 0 || this.codingsAdded.length > 0);

	/** A code's name for the preview: ours where it is here, else the file's. */
	codeName(coding: PlannedCoding): string {
		if (coding.codeId && this.workspace.codesById.has(coding.codeId)) return this.workspace.codePath(coding.codeId);
		const fromFile = this.codebook?.codes.find((code) => code.guid === coding.codeGuid);
		return fromFile ? fromFile.path.join(' › ') : coding.codeGuid;
	}

	reset(): void {
		this.status = 'idle';
		this.problem = '';
		this.codebook = null;
		this.codings = null;
		this.#codebookXml = null;
	}

	/** Reads the chosen file and shows what importing it would do; writes nothing. */
	async choose(file: File | undefined): Promise<void> {
		this.reset();
		this.done = '';
		if (!file) return;
		this.status = 'reading';
		try {
			const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
			if (isProjectFile(file, head) && this.workspace.status !== 'open') {
				this.status = 'idle';
				this.problem = t('staff_import_needs_corpus');
				return;
			}
			if (isProjectFile(file, head)) await this.#readProject(file);
			else await this.#readCodebook(file);
			this.status = 'preview';
		} catch (cause) {
			this.status = 'idle';
			this.codebook = null;
			this.codings = null;
			this.problem =
				cause instanceof RefiQdaImportError
					? t(REFUSALS[cause.reason])
					: cause instanceof Error && cause.name === 'ApiError'
						? cause.message
						: t('staff_import_refused_malformed');
		}
	}

	/**
	 * A codebook is read here first with the same strict reader, and only a `CodeBook` goes to
	 * the server: a project file chosen by mistake may carry testimony text.
	 */
	async #readCodebook(file: File): Promise<void> {
		if (file.size > CODEBOOK_FILE_BYTES) throw new RefiQdaImportError('too-large');
		const xml = await file.text();
		readCodebookFile(xml);
		this.#codebookXml = xml;
		this.codebook = await importCodebook(xml, false);
	}

	async #readProject(file: File): Promise<void> {
		const project = readQdpx(new Uint8Array(await file.arrayBuffer()));
		this.#codebookXml = codebookOfProject(project);
		this.codebook = this.#codebookXml ? await importCodebook(this.#codebookXml, false) : null;
		this.codings = planCodingImport(project, {
			records: this.workspace.records,
			codings: this.workspace.codings,
			codeIdsByGuid: codeIdsByGuid(
				this.workspace.codes.map((code) => code.id),
				codeIdsOf(this.codebook)
			),
			archivedCodeIds: new Set(this.workspace.codes.filter((code) => code.archived).map((code) => code.id))
		});
	}

	/** Imports what the preview showed: codes first, then codings on them. A second click does nothing. */
	async confirm(): Promise<void> {
		if (this.status !== 'preview') return;
		this.status = 'importing';
		this.problem = '';
		try {
			let codesAdded = 0;
			const here = this.workspace.codes.map((code) => code.id);
			let codeIds = codeIdsByGuid(here, codeIdsOf(this.codebook));
			if (this.#codebookXml && this.codesAdded.length > 0) {
				const answer = await importCodebook(this.#codebookXml, true);
				codesAdded = answer.counts.added;
				codeIds = codeIdsByGuid(here, codeIdsOf(answer));
			}
			let codingsAdded = 0;
			const planned = this.codingsAdded.flatMap((coding) => {
				if (coding.status !== 'added' || !coding.recordId) return [];
				const codeId = codeIds.get(coding.codeGuid) ?? coding.codeId;
				return [{ recordId: coding.recordId, field: coding.field, start: coding.start, end: coding.end, codeId }];
			});
			let refused = 0;
			if (planned.length > 0) ({ added: codingsAdded, refused } = (await importCodings(planned)).counts);
			await invalidateAll();
			this.reset();
			this.done = [
				t('staff_import_done', { codes: codesAdded, codings: codingsAdded }),
				refused > 0 ? t('staff_import_done_refused', { count: refused }) : ''
			]
				.filter(Boolean)
				.join(' ');
			this.status = 'done';
		} catch (cause) {
			this.status = 'preview';
			this.problem = cause instanceof Error && cause.name === 'ApiError' ? cause.message : t('staff_import_failed');
		}
	}
}
