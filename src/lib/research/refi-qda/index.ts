/**
 * REFI-QDA exchange files (QDA-XML 1.0): a `.qdc` codebook and a `.qdpx` project that other
 * qualitative-analysis tools can open. Everything here runs on decrypted text in the researcher's
 * browser or a worker, so it stays pure: strings and bytes in, strings and bytes out.
 *
 * `project.qde` carries structure only (codes, coders, attributes, selection offsets). Testimony
 * and memo texts live in `sources/<guid>.txt`, so the project file can be inspected or shared
 * without carrying any of them.
 */
export { codebookXml } from './codebook';
export { projectXml, qdpx, qdpxArchive, refiQdaProject } from './project';
export { selectionsOf } from './read';
export { recordSourceText } from './sources';
export { ENGLISH_FILE_WORDS, RefiQdaExportError } from './types';
export type {
	CodebookOptions,
	ExportedSelection,
	ExportNote,
	FileWords,
	RecordSourceText,
	RefiQdaInput,
	RefiQdaProject,
	SourceFile
} from './types';
