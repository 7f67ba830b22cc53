import { contextAnswerLabel, NO_CONTEXT_LABELS, type ContextLabels } from '$lib/context-labels';
import type { StaffTranslate } from '$lib/staff-i18n';
import { contextCodeLabel, contextLabel, recordFieldLabels, speakerValue } from '../labels';
import type { CorpusRecord } from '../types';
import { derivedGuid } from './guid';
import { element, textElement } from './xml';

/*
 * A record's attributes (country, language, session, month, consent, group, context) as
 * QDA-XML variables: defined once in the project, valued on each source.
 */

type VariableValue = { kind: 'Text'; value: string } | { kind: 'Boolean'; value: boolean };
export type VariableDefinition = {
	/** What the variable's GUID is derived from: the same whatever language names it. */
	id: string;
	name: string;
	description: string;
	typeOfVariable: 'Text' | 'Boolean';
	valueOf: (record: CorpusRecord) => VariableValue | null;
};

const textValue = (value: string | null | undefined): VariableValue | null =>
	value === null || value === undefined || value.trim() === '' ? null : { kind: 'Text', value };

/**
 * The record's own attributes, named and described in the file's language. Their ids are the
 * English names earlier exports derived the GUIDs from, so a variable keeps its GUID.
 */
export function recordVariables(t: StaffTranslate): VariableDefinition[] {
	const names = recordFieldLabels(t);
	return [
		{
			id: 'Country',
			name: names.country,
			description: t('staff_codebook_export_variable_country'),
			typeOfVariable: 'Text',
			valueOf: (record) => textValue(record.country.toUpperCase())
		},
		{
			id: 'Language',
			name: names.locale,
			description: t('staff_codebook_export_variable_language'),
			typeOfVariable: 'Text',
			valueOf: (record) => textValue(record.locale)
		},
		{
			id: 'Session',
			name: names.session,
			description: t('staff_codebook_export_variable_session'),
			typeOfVariable: 'Text',
			valueOf: (record) => textValue(record.sessionId)
		},
		{
			id: 'Month approved',
			name: names.month,
			description: t('staff_codebook_export_variable_month'),
			typeOfVariable: 'Text',
			valueOf: (record) => textValue(record.month)
		},
		{
			id: 'Consent to quote',
			name: names.consentToQuote,
			description: t('staff_codebook_export_variable_consent'),
			typeOfVariable: 'Boolean',
			valueOf: (record) => ({ kind: 'Boolean', value: record.consentToQuote })
		},
		{
			id: 'Group or individual',
			name: names.group,
			description: t('staff_codebook_export_variable_group'),
			typeOfVariable: 'Text',
			valueOf: (record) => ({ kind: 'Text', value: speakerValue(Boolean(record.group), t) })
		}
	];
}

/** Each piece of context twice: the answer in words, and beside it its code. */
export function contextVariables(
	records: CorpusRecord[],
	t: StaffTranslate,
	labels: ContextLabels = NO_CONTEXT_LABELS
): VariableDefinition[] {
	const keys = [...new Set(records.flatMap((record) => Object.keys(record.context)))].sort();
	const codeOf = (record: CorpusRecord, key: string) =>
		Object.hasOwn(record.context, key) ? record.context[key] : null;
	return keys.flatMap((key): VariableDefinition[] => [
		{
			id: `context:${key}`,
			name: contextLabel(key, t, labels),
			description: t('staff_codebook_export_variable_context', { key }),
			typeOfVariable: 'Text',
			valueOf: (record) => {
				const code = codeOf(record, key);
				return textValue(code === null ? null : contextAnswerLabel(labels, key, code));
			}
		},
		{
			id: `context:${key}:code`,
			name: contextCodeLabel(key, t, labels),
			description: t('staff_codebook_export_variable_context_code', { key }),
			typeOfVariable: 'Text',
			valueOf: (record) => textValue(codeOf(record, key))
		}
	]);
}

export const variableGuid = (variable: VariableDefinition) => derivedGuid(`variable:${variable.id}`);

export function variableValueElement(variable: VariableDefinition, value: VariableValue): string[] {
	const valueElement =
		value.kind === 'Boolean' ? textElement('BooleanValue', String(value.value)) : textElement('TextValue', value.value);
	return element('VariableValue', {}, [
		...element('VariableRef', { targetGUID: variableGuid(variable) }),
		...valueElement
	]);
}
