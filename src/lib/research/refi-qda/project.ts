import { zipSync } from 'fflate';
import { codeElement, codeForest, ORIGIN } from './codebook';
import { derivedGuid, toGuid } from './guid';
import {
	exportedRecords,
	placeCodings,
	placeNotes,
	type ExportContext,
	type ExportedRecord,
	type PlacedCoding
} from './placement';
import { sourceName } from './sources';
import type { RefiQdaInput, RefiQdaProject } from './types';
import {
	contextVariables,
	recordVariables,
	variableGuid,
	variableValueElement,
	type VariableDefinition
} from './variables';
import { element, noteRefs, textElement, xmlDocument } from './xml';

/* The whole project: `project.qde` in the element order Project.xsd requires, and its `.qdpx` archive. */

const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';

function selectionElement(placed: PlacedCoding): string[] {
	const coderGuid = toGuid(placed.coding.coderId);
	return element(
		'PlainTextSelection',
		{ guid: placed.guid, startPosition: placed.start, endPosition: placed.end, creatingUser: coderGuid },
		element('Coding', { guid: derivedGuid(`coding:${placed.guid}`), creatingUser: coderGuid }, [
			...element('CodeRef', { targetGUID: toGuid(placed.coding.codeId) })
		])
	);
}

/** A wrapper the schema requires to hold at least one child, left out when there is nothing to wrap. */
function wrapper(name: string, children: string[]): string[] {
	return children.length === 0 ? [] : element(name, {}, children);
}

function textSourceElement(
	entry: ExportedRecord,
	selections: PlacedCoding[],
	notes: string[],
	variables: VariableDefinition[]
): string[] {
	const { record, guid } = entry;
	return element('TextSource', { guid, name: sourceName(record), plainTextPath: `internal://${guid}.txt` }, [
		...selections.flatMap(selectionElement),
		...noteRefs(notes),
		...variables.flatMap((variable) => {
			const value = variable.valueOf(record);
			return value === null ? [] : variableValueElement(variable, value);
		})
	]);
}

/**
 * The whole export in memory: `project.qde` (Project.xsd, whose element order this follows) and
 * the texts of `sources/`. Codings and memos that cannot be placed truthfully are left out and
 * listed, never bent to fit.
 */
export function refiQdaProject(input: RefiQdaInput): RefiQdaProject {
	const includeArchived = input.includeArchivedCodes ?? true;
	const forest = codeForest(input.codes, includeArchived);
	const exportedCodes = input.codes.filter((code) => includeArchived || !code.archived);
	const context: ExportContext = {
		records: exportedRecords(input.records),
		codeGuids: new Set(exportedCodes.map((code) => toGuid(code.id))),
		coderGuids: new Set(input.coders.map((coder) => toGuid(coder.id)))
	};
	const codings = placeCodings(input.codings, context);
	const notes = placeNotes(
		input.notes ?? [],
		context,
		new Map(exportedCodes.map((code) => [toGuid(code.id), code.name]))
	);
	const t = input.translate;
	const variables = [...recordVariables(t), ...contextVariables(input.records, t, input.contextLabels)];
	const recordEntries = [...context.records.values()];

	const projectXml = xmlDocument(
		element(
			'Project',
			{ xmlns: PROJECT_NAMESPACE, name: input.projectName ?? t('staff_codebook_export_project_name'), origin: ORIGIN },
			[
				...wrapper(
					'Users',
					input.coders.flatMap((coder) => element('User', { guid: toGuid(coder.id), name: coder.name }))
				),
				...wrapper(
					'CodeBook',
					wrapper(
						'Codes',
						forest.flatMap((node) => codeElement(node, notes.refsByCode, input.words))
					)
				),
				...wrapper(
					'Variables',
					variables.flatMap((variable) =>
						element(
							'Variable',
							{ guid: variableGuid(variable), name: variable.name, typeOfVariable: variable.typeOfVariable },
							textElement('Description', variable.description)
						)
					)
				),
				...wrapper(
					'Sources',
					recordEntries.flatMap((entry) =>
						textSourceElement(
							entry,
							codings.byRecord.get(entry.guid) ?? [],
							notes.refsByRecord.get(entry.guid) ?? [],
							variables
						)
					)
				),
				...wrapper('Notes', notes.elements),
				...textElement('Description', t('staff_codebook_export_project_description')),
				...noteRefs(notes.projectRefs)
			]
		)
	);

	const recordFiles = recordEntries.map(({ guid, source }) => ({
		guid,
		path: `sources/${guid}.txt`,
		text: source.text
	}));
	return {
		projectXml,
		sources: [...recordFiles, ...notes.files],
		skipped: codings.skipped,
		skippedNotes: notes.skipped
	};
}

/** `project.qde` alone; use `refiQdaProject` to learn which codings were skipped. */
export function projectXml(input: RefiQdaInput): string {
	return refiQdaProject(input).projectXml;
}

// Fixed entry times keep the archive identical for identical input and say nothing about when it was made.
const ZIP_ENTRY_TIME = new Date(1980, 0, 1);

/** The `.qdpx` archive of a project already built, so its skip lists and its bytes come from one pass. */
export function qdpxArchive(project: RefiQdaProject): Uint8Array {
	const encoder = new TextEncoder();
	const sources = Object.fromEntries(project.sources.map((file) => [`${file.guid}.txt`, encoder.encode(file.text)]));
	return zipSync({ 'project.qde': encoder.encode(project.projectXml), sources }, { mtime: ZIP_ENTRY_TIME });
}

/** A `.qdpx` file: `project.qde` and `sources/<guid>.txt` (UTF-8, no byte-order mark). */
export function qdpx(input: RefiQdaInput): Uint8Array {
	return qdpxArchive(refiQdaProject(input));
}
