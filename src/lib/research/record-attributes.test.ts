import { describe, expect, it } from 'vitest';
import { answer, corpusRecord } from './corpus-index/testing';
import { AttributeTally } from './record-attributes';
import type { CorpusRecord } from './types';

const lyon = corpusRecord('r1', [answer('Un foyer.')], { context: { ageBand: '25-34' } });
const milan = corpusRecord('r2', [answer('Nessun contratto.', { domain: 'work' })], {
	channelId: 'channel-milan',
	country: 'IT',
	locale: 'it',
	month: '2025-05',
	sessionId: 'session-1'
});
const brno = corpusRecord('r3', [answer('Žádná smlouva.', { domain: 'rights' })], {
	channelId: 'channel-brno',
	country: 'CZ',
	locale: 'cs',
	month: '2025-04',
	context: { gender: 'woman' }
});

/** A record whose fields count how often they are read. */
function counted(record: CorpusRecord): { record: CorpusRecord; reads: () => number } {
	let reads = 0;
	const watched = new Proxy(record, {
		get(target, key, receiver) {
			reads++;
			return Reflect.get(target, key, receiver);
		}
	});
	return { record: watched, reads: () => reads };
}

describe('the attributes of the open records', () => {
	it('lists each value once, sorted, months newest first, leaving out empty ones', () => {
		expect(new AttributeTally().of([lyon, milan, brno])).toEqual({
			channels: ['channel-brno', 'channel-lyon', 'channel-milan'],
			countries: ['CZ', 'FR', 'IT'],
			locales: ['cs', 'fr', 'it'],
			sessions: ['session-1'],
			months: ['2025-05', '2025-04', '2025-03'],
			domains: ['housing', 'rights', 'work'],
			contextKeys: ['ageBand', 'gender']
		});
	});

	it('reads only the records appended since the last list while a corpus opens', () => {
		const tally = new AttributeTally();
		const first = counted(lyon);
		tally.of([first.record]);
		const readsBefore = first.reads();
		const grown = tally.of([first.record, milan, brno]);
		expect(first.reads()).toBe(readsBefore);
		expect(grown).toEqual(new AttributeTally().of([lyon, milan, brno]));
	});

	it('starts again when records were taken away or the list was replaced', () => {
		const tally = new AttributeTally();
		tally.of([lyon, milan, brno]);
		// A withdrawal takes the only Italian record away: Italy leaves the lists.
		expect(tally.of([lyon, brno]).countries).toEqual(['CZ', 'FR']);
		// A corpus opened again, as long as before but with other records.
		tally.of([lyon, milan]);
		expect(tally.of([brno, lyon]).countries).toEqual(['CZ', 'FR']);
		expect(tally.of([]).countries).toEqual([]);
	});
});
