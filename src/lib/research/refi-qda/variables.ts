import { contextAnswerLabel, NO_CONTEXT_LABELS, type ContextLabels } from '$lib/context-labels';
import { contextCodeLabel, contextLabel, RECORD_FIELD_LABELS, speakerValue } from '../labels';
import type { CorpusRecord } from '../types';
import { derivedGuid } from './guid';
import { element, textElement } from './xml';

/*
 * A record's attributes (country, language, session, month, consent, group, context) as
 * QDA-XML variables: defined once in the project, valued on each source.
 */

type VariableValue = { kind: 'Text'; value: string } | { kind: 'Boolean'; value: boolean };
export type VariableDefinition = {
	name: string;
	description: string;
	typeOfVariable: 'Text' | 'Boolean';
	valueOf: (record: CorpusRecord) => VariableValue | null;
};

const textValue = (value: string | null | undefined): VariableValue | null =>
	value === null || value === undefined || value.trim() === '' ? null : { kind: 'Text', value };

export const RECORD_VARIABLES: VariableDefinition[] = [
	{
		name: RECORD_FIELD_LABELS.country,
		description: 'Country of the channel the testimony came through (ISO 3166 alpha-2).',
		typeOfVariable: 'Text',
		valueOf: (record) => textValue(record.country.toUpperCase())
	},
	{
		name: RECORD_FIELD_LABELS.locale,
		description: 'Language the person wrote or spoke in (BCP 47).',
		typeOfVariable: 'Text',
		valueOf: (record) => textValue(record.locale)
	},
	{
		name: RECORD_FIELD_LABELS.session,
		description: 'Facilitated session the testimony was given at, if any.',
		typeOfVariable: 'Text',
		valueOf: (record) => textValue(record.sessionId)
	},
	{
		name: RECORD_FIELD_LABELS.month,
		description: 'Month the testimony entered the corpus (YYYY-MM); records carry no finer time.',
		typeOfVariable: 'Text',
		valueOf: (record) => textValue(record.month)
	},
	{
		name: RECORD_FIELD_LABELS.consentToQuote,
		description: 'Whether the person agreed to be quoted anonymously.',
		typeOfVariable: 'Boolean',
		valueOf: (record) => ({ kind: 'Boolean', value: record.consentToQuote })
	},
	{
		name: RECORD_FIELD_LABELS.group,
		description: 'Whether a group said this together at a session, or one person.',
		typeOfVariable: 'Text',
		valueOf: (record) => ({ kind: 'Text', value: speakerValue(record.group) })
	}
];

/** Each piece of context twice: the answer in words, and beside it its code. */
export function contextVariables(
	records: CorpusRecord[],
	labels: ContextLabels = NO_CONTEXT_LABELS
): VariableDefinition[] {
	const keys = [...new Set(records.flatMap((record) => Object.keys(record.context)))].sort();
	const codeOf = (record: CorpusRecord, key: string) =>
		Object.hasOwn(record.context, key) ? record.context[key] : null;
	return keys.flatMap((key): VariableDefinition[] => [
		{
			name: contextLabel(key, labels),
			description: `Context the person chose to give (${key}), in words.`,
			typeOfVariable: 'Text',
			valueOf: (record) => {
				const code = codeOf(record, key);
				return textValue(code === null ? null : contextAnswerLabel(labels, key, code));
			}
		},
		{
			name: contextCodeLabel(key, labels),
			description: `Context the person chose to give (${key}), as the code of the answer.`,
			typeOfVariable: 'Text',
			valueOf: (record) => textValue(codeOf(record, key))
		}
	]);
}

export const variableGuid = (variable: VariableDefinition) => derivedGuid(`variable:${variable.name}`);

export function variableValueElement(variable: VariableDefinition, value: VariableValue): string[] {
	const valueElement =
		value.kind === 'Boolean' ? textElement('BooleanValue', String(value.value)) : textElement('TextValue', value.value);
	return element('VariableValue', {}, [
		...element('VariableRef', { targetGUID: variableGuid(variable) }),
		...valueElement
	]);
}
