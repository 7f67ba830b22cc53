import type { CorpusRecord } from '../types';
import type { CorpusFilter } from './types';

/*
 * A corpus filter turned into a test for one record, checked once before it is used: a month
 * that is not YYYY-MM is the caller's mistake and says so.
 */

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A filter the caller got wrong, with what to write instead. */
export class CorpusFilterError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CorpusFilterError';
	}
}

function nonEmptySet(values: string[] | undefined): Set<string> | null {
	return values && values.length > 0 ? new Set(values) : null;
}

function checkMonth(month: string | undefined, name: string): void {
	if (month !== undefined && !MONTH.test(month)) {
		throw new CorpusFilterError(`The filter's ${name} "${month}" is not a month written YYYY-MM, e.g. 2025-03.`);
	}
}

/**
 * The filter as a test for one record. `codedRecordIds` gives the records coded by a coder (or
 * by anyone, for null), for the coded / uncoded constraint.
 */
export function compileFilter(
	filter: CorpusFilter,
	codedRecordIds: (coderId: string | null) => Set<string>
): (record: CorpusRecord) => boolean {
	for (const month of filter.months ?? []) checkMonth(month, 'month');
	checkMonth(filter.monthFrom, 'start month');
	checkMonth(filter.monthTo, 'end month');
	const channels = nonEmptySet(filter.channelIds);
	const countries = nonEmptySet(filter.countries);
	const locales = nonEmptySet(filter.locales);
	const sessions = nonEmptySet(filter.sessionIds);
	const months = nonEmptySet(filter.months);
	const domains = nonEmptySet(filter.domains);
	const { monthFrom, monthTo, consentToQuote, group, coded } = filter;
	let codedIds: Set<string> | null = null;
	if (coded) {
		if (coded.by === 'me' && !coded.coderId) {
			throw new CorpusFilterError(
				'The "coded by me" filter needs the signed-in researcher\'s coder id (coded.coderId).'
			);
		}
		codedIds = codedRecordIds(coded.by === 'me' ? (coded.coderId as string) : null);
	}
	return (record) =>
		(!channels || channels.has(record.channelId)) &&
		(!countries || countries.has(record.country)) &&
		(!locales || locales.has(record.locale)) &&
		(!sessions || (record.sessionId !== null && sessions.has(record.sessionId))) &&
		(!months || months.has(record.month)) &&
		(monthFrom === undefined || record.month >= monthFrom) &&
		(monthTo === undefined || record.month <= monthTo) &&
		(!domains || record.answers.some((answer) => answer.domain !== null && domains.has(answer.domain))) &&
		(consentToQuote === undefined || record.consentToQuote === consentToQuote) &&
		(group === undefined || (record.group !== null) === group) &&
		(!coded || codedIds?.has(record.id) === (coded.state === 'coded'));
}
