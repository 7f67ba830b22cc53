import type { ContextLabels } from '$lib/context-labels';
import type { StaffTranslate } from '$lib/staff-i18n';
import type { Code, Coder, Coding, CorpusRecord, FieldAddress } from '../types';

/* What a REFI-QDA export takes and gives, and the error it throws on input it cannot write truthfully. */

export class RefiQdaExportError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RefiQdaExportError';
	}
}

/** A memo to export: about a record, a code, both, or the project as a whole. */
export type ExportNote = { id: string; text: string; targetRecordId?: string; targetCodeId?: string; authorId: string };

/** The words a REFI-QDA file writes around the codes' own, in the language chosen for the file. */
export type FileWords = {
	includeWhen: (text: string) => string;
	excludeWhen: (text: string) => string;
	example: (text: string) => string;
	archived: string;
};

export const ENGLISH_FILE_WORDS: FileWords = {
	includeWhen: (text) => `Include when: ${text}`,
	excludeWhen: (text) => `Exclude when: ${text}`,
	example: (text) => `Example: ${text}`,
	archived: 'Archived: kept so that earlier codings stay readable; not for new coding.'
};

export type CodebookOptions = {
	/** Defaults to English. */
	words?: FileWords;
	/** Written into the `origin` attribute; defaults to the application's name. */
	origin?: string;
	/**
	 * Archived codes are exported by default, marked `isCodable="false"`, because past codings may
	 * still point at them and a codebook that silently loses them would misreport earlier work.
	 */
	includeArchived?: boolean;
};

export type RefiQdaInput = {
	projectName?: string;
	records: CorpusRecord[];
	codes: Code[];
	codings: Coding[];
	coders: Coder[];
	notes?: ExportNote[];
	/** See `CodebookOptions.includeArchived`; codings on excluded codes are skipped. */
	includeArchivedCodes?: boolean;
	/** What context questions and answers are called; codes are exported beside the words. */
	contextLabels?: ContextLabels;
	/** See `CodebookOptions.words`. */
	words?: FileWords;
	/** The file's own words (project name and description, variables) in the file's language. */
	translate: StaffTranslate;
};

/** One file of the archive's `sources/` folder. */
export type SourceFile = { guid: string; path: string; text: string };

export type RefiQdaProject = {
	projectXml: string;
	/** One per record, then one per exported memo. */
	sources: SourceFile[];
	/** Codings left out because their record, field, range, code or coder did not hold up. */
	skipped: Coding[];
	/** Memos left out because the record or code they are about is not in the export. */
	skippedNotes: ExportNote[];
};

export type RecordSourceText = {
	text: string;
	/** Code-point offset in `text` where each non-empty field's own text starts. */
	fieldOffsets: Partial<Record<FieldAddress, number>>;
};

export type ExportedSelection = {
	sourceGuid: string;
	selectionGuid: string;
	start: number;
	end: number;
	codeGuid: string;
	userGuid: string | null;
};
