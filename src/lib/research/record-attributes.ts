import { answerDomains } from './corpus-record';
import type { CorpusRecord } from './types';

/*
 * The values the open records take (channels, countries, languages…), for the workspace's filter
 * lists. While a corpus opens, the records list grows by appending a batch at a time, and going
 * over every record again at each step cost more than a second of the page's time at 50,000
 * records: a list that only grew is taken from where the last one ended.
 */

export type RecordAttributes = {
	channels: string[];
	countries: string[];
	locales: string[];
	sessions: string[];
	/** Newest first. */
	months: string[];
	domains: string[];
	contextKeys: string[];
};

type Sets = { [K in keyof RecordAttributes]: Set<string> };

const newSets = (): Sets => ({
	channels: new Set(),
	countries: new Set(),
	locales: new Set(),
	sessions: new Set(),
	months: new Set(),
	domains: new Set(),
	contextKeys: new Set()
});

function addValue(set: Set<string>, value: string | null): void {
	if (value) set.add(value);
}

export class AttributeTally {
	#sets = newSets();
	/** The list counted last and how much of it was counted. */
	#counted: readonly CorpusRecord[] = [];
	#length = 0;

	/** The attributes of `records`, counting only what was appended since the last list. */
	of(records: readonly CorpusRecord[]): RecordAttributes {
		const grew =
			records.length >= this.#length &&
			(this.#length === 0 ||
				(records[0] === this.#counted[0] && records[this.#length - 1] === this.#counted[this.#length - 1]));
		if (!grew) this.#sets = newSets();
		const sets = this.#sets;
		for (let index = grew ? this.#length : 0; index < records.length; index++) {
			const record = records[index];
			addValue(sets.channels, record.channelId);
			addValue(sets.countries, record.country);
			addValue(sets.locales, record.locale);
			addValue(sets.sessions, record.sessionId);
			addValue(sets.months, record.month);
			// From the head: the answers of a record not shown yet are not read.
			for (const domain of answerDomains(record)) addValue(sets.domains, domain);
			for (const key of Object.keys(record.context)) addValue(sets.contextKeys, key);
		}
		this.#counted = records;
		this.#length = records.length;
		const sorted = (set: Set<string>) => [...set].sort();
		return {
			channels: sorted(sets.channels),
			countries: sorted(sets.countries),
			locales: sorted(sets.locales),
			sessions: sorted(sets.sessions),
			months: sorted(sets.months).reverse(),
			domains: sorted(sets.domains),
			contextKeys: sorted(sets.contextKeys)
		};
	}
}
