import { describe, expect, it } from 'vitest';
import type { StaffDictionary } from '$lib/staff-i18n';
import cs from '../../../messages/staff/analysis/cs.json';
import en from '../../../messages/staff/analysis/en.json';
import fr from '../../../messages/staff/analysis/fr.json';
import { fillPlaceholders } from '$lib/i18n';
import { quoteBank, quoteCitation, type Quote } from './quotes';
import type { Wording } from './wording';
import type { Coding, CorpusRecord, FieldAddress } from './types';
import { code } from './testing';

const HOUSING = 'They gave me a room far from the school, and after six months I had to leave it.';
const WORK = 'Je travaille la nuit dans une cuisine, sans contrat.';
const DOCUMENTS = 'لم أحصل على شهادة ميلادي، ولا أستطيع فتح حساب في البنك.';
const EMOJI = 'The 🏠 office said 🙂 wait, and we waited 📄 a year.';

function record(id: string, fields: Partial<Omit<CorpusRecord, 'id'>> = {}): CorpusRecord {
	return {
		id,
		month: '2026-03',
		channelId: 'channel-fr',
		country: 'FR',
		locale: 'fr',
		sessionId: null,
		consentToQuote: true,
		group: null,
		context: {},
		translationLocale: 'en',
		answers: [
			{
				questionId: 'obstacles',
				questionVersion: 1,
				domain: null,
				text: WORK,
				transcript: '',
				translation: HOUSING,
				englishTranslation: HOUSING
			}
		],
		...fields
	};
}

let serial = 0;
function coding(
	recordId: string,
	codeId: string,
	start: number,
	end: number,
	field: FieldAddress = '0.text',
	coderId = 'coder-a'
): Coding {
	return { id: `coding-${++serial}`, recordId, field, start, end, codeId, coderId };
}

const codes = [
	code('work', 'Work and income', 2),
	code('informal', 'Informal or exploitative work', 0, 'work'),
	code('housing', 'Housing', 1),
	code('shelter', 'Emergency shelter', 0, 'housing')
];

const quotesOf = (bank: ReturnType<typeof quoteBank>, codeId: string): Quote[] =>
	bank.find((entry) => entry.codeId === codeId)?.quotes ?? [];

describe('quoteBank', () => {
	it('quotes only records whose author consented to quoting', () => {
		const records = [record('consented'), record('declined', { consentToQuote: false })];
		const codings = [
			coding('consented', 'work', 0, 17),
			coding('declined', 'work', 0, 17),
			coding('declined', 'informal', 18, 38)
		];
		const bank = quoteBank(records, codings, codes, { includeDescendants: true });
		expect(bank.flatMap((entry) => entry.quotes.map((quote) => quote.recordId))).toEqual(['consented']);
		expect(quotesOf(bank, 'informal')).toEqual([]);
	});

	it('treats a consent that is not exactly true as no consent', () => {
		const unsure = { ...record('unsure'), consentToQuote: 'yes' as unknown as boolean };
		expect(quoteBank([unsure], [coding('unsure', 'work', 0, 17)], codes).flatMap((entry) => entry.quotes)).toEqual([]);
	});

	it('lists every code in codebook order with its path, sub-codes under their parent', () => {
		const bank = quoteBank([record('r1')], [coding('r1', 'informal', 21, 41)], codes);
		expect(bank.map(({ codeId, codePath, depth }) => [codeId, codePath, depth])).toEqual([
			['housing', 'Housing', 0],
			['shelter', 'Housing › Emergency shelter', 1],
			['work', 'Work and income', 0],
			['informal', 'Work and income › Informal or exploitative work', 1]
		]);
		expect(quotesOf(bank, 'informal').map((quote) => quote.text)).toEqual(['dans une cuisine, sa']);
		expect(quotesOf(bank, 'work')).toEqual([]);
	});

	it('shows a span coded alike by several coders once, naming every coder', () => {
		const codings = [
			coding('r1', 'work', 0, 17, '0.text', 'coder-a'),
			coding('r1', 'work', 0, 17, '0.text', 'coder-b'),
			coding('r1', 'work', 0, 17, '0.text', 'coder-b'),
			coding('r1', 'work', 0, 18, '0.text', 'coder-c')
		];
		const quotes = quotesOf(quoteBank([record('r1')], codings, codes), 'work');
		expect(quotes.map((quote) => [quote.text, quote.coderId, quote.coderIds])).toEqual([
			['Je travaille la n', 'coder-a', ['coder-a', 'coder-b']],
			['Je travaille la nu', 'coder-c', ['coder-c']]
		]);
		expect(quotes[0].codingId).toBe(codings[0].id);
	});

	it('keeps the same span in different fields as different quotes', () => {
		const codings = [coding('r1', 'housing', 0, 4, '0.text'), coding('r1', 'housing', 0, 4, '0.translation')];
		expect(quotesOf(quoteBank([record('r1')], codings, codes), 'housing').map((quote) => quote.field)).toEqual([
			'0.text',
			'0.translation'
		]);
	});

	it('gathers sub-code passages under the parent only when asked, once per span', () => {
		const codings = [
			coding('r1', 'work', 0, 17),
			coding('r1', 'informal', 0, 17, '0.text', 'coder-b'),
			coding('r1', 'informal', 21, 41)
		];
		expect(quotesOf(quoteBank([record('r1')], codings, codes), 'work')).toHaveLength(1);
		const gathered = quotesOf(quoteBank([record('r1')], codings, codes, { includeDescendants: true }), 'work');
		expect(gathered.map((quote) => [quote.text, quote.coderIds])).toEqual([
			['Je travaille la n', ['coder-a', 'coder-b']],
			['dans une cuisine, sa', ['coder-a']]
		]);
	});

	it('lists only the codes asked for, in codebook order', () => {
		const bank = quoteBank([record('r1')], [], codes, { codeIds: ['informal', 'housing', 'no-such-code'] });
		expect(bank.map((entry) => entry.codeId)).toEqual(['housing', 'informal']);
	});

	it('cuts passages by code points, so emoji before a span do not shift it', () => {
		const records = [
			record('r1', {
				answers: [
					{
						questionId: 'q',
						questionVersion: 1,
						domain: null,
						text: EMOJI,
						transcript: '',
						translation: '',
						englishTranslation: ''
					}
				]
			})
		];
		// 🏠, 🙂 and 📄 are one code point each but two UTF-16 units: 📄 is code point 40, UTF-16 index 42.
		const quotes = quotesOf(quoteBank(records, [coding('r1', 'work', 4, 24)], codes), 'work');
		expect(quotes[0].text).toBe('🏠 office said 🙂 wait');
		expect(quotesOf(quoteBank(records, [coding('r1', 'housing', 40, 41)], codes), 'housing')[0].text).toBe('📄');
	});

	it('cuts Arabic passages by code points and gives the language of the text quoted', () => {
		const answers = [
			{
				questionId: 'q',
				questionVersion: 1,
				domain: null,
				text: DOCUMENTS,
				transcript: '',
				translation: HOUSING,
				englishTranslation: HOUSING
			}
		];
		const records = [record('r1', { locale: 'ar', answers })];
		const codings = [coding('r1', 'work', 26, 48, '0.text'), coding('r1', 'work', 15, 19, '0.translation')];
		expect(quotesOf(quoteBank(records, codings, codes), 'work').map((quote) => [quote.text, quote.textLocale])).toEqual(
			[
				['ولا أستطيع فتح حساب في', 'ar'],
				['room', 'en']
			]
		);
	});

	it('reads offsets over text with line feeds only, whatever line endings the record has', () => {
		const text = 'First line.\r\nNo lease without a payslip.';
		const records = [
			record('r1', {
				answers: [
					{
						questionId: 'q',
						questionVersion: 1,
						domain: null,
						text,
						transcript: '',
						translation: '',
						englishTranslation: ''
					}
				]
			})
		];
		expect(quotesOf(quoteBank(records, [coding('r1', 'housing', 12, 40)], codes), 'housing')[0].text).toBe(
			'No lease without a payslip.'
		);
	});

	it('skips codings whose field or span no longer fits the record', () => {
		const codings = [
			coding('r1', 'work', 0, 5, '3.text'),
			coding('r1', 'work', 5, 5),
			coding('r1', 'work', 200, 210),
			coding('r1', 'work', 12, 13)
		];
		expect(quotesOf(quoteBank([record('r1')], codings, codes), 'work')).toEqual([]);
	});

	it('orders quotes by record, then answer, then position', () => {
		const second = record('r2', {
			answers: [
				{
					questionId: 'q1',
					questionVersion: 1,
					domain: null,
					text: WORK,
					transcript: '',
					translation: '',
					englishTranslation: ''
				},
				{
					questionId: 'q2',
					questionVersion: 1,
					domain: null,
					text: HOUSING,
					transcript: '',
					translation: '',
					englishTranslation: ''
				}
			]
		});
		const codings = [
			coding('r2', 'housing', 0, 4, '1.text'),
			coding('r2', 'housing', 18, 25, '0.text'),
			coding('r1', 'housing', 3, 12),
			coding('r2', 'housing', 0, 2, '0.text')
		];
		const quotes = quotesOf(quoteBank([record('r1'), second], codings, codes), 'housing');
		expect(quotes.map((quote) => `${quote.recordId} ${quote.field} ${quote.start}`)).toEqual([
			'r1 0.text 3',
			'r2 0.text 0',
			'r2 0.text 18',
			'r2 1.text 0'
		]);
	});

	it('carries only month, country, language and whether a group spoke', () => {
		const records = [
			record('r1', {
				country: 'IT',
				locale: 'ti',
				month: '2026-02',
				context: { ageBand: '25-34' },
				sessionId: 'session-1',
				group: { participants: 6, languages: ['ti', 'am'] }
			})
		];
		const [quote] = quotesOf(quoteBank(records, [coding('r1', 'work', 0, 2)], codes), 'work');
		expect(quote.attributes).toEqual({ month: '2026-02', country: 'IT', language: 'ti', group: true });
	});
});

describe('quoteCitation', () => {
	/** The analysis catalogue of a locale, as the staff pages fill it in. */
	const wordingIn = (messages: StaffDictionary, locale: string): Wording => ({
		t: (key, params) => fillPlaceholders(messages[key] ?? key, params),
		locale: () => locale
	});
	const english = wordingIn(en, 'en');
	const cite = (attributes: Quote['attributes'], wording = english) => quoteCitation({ attributes }, wording);

	it('names a survivor by country, language and month', () => {
		expect(cite({ month: '2026-03', country: 'FR', language: 'ar', group: false })).toBe(
			'Survivor, FR, ar, March 2026'
		);
	});

	it('names a group the same way', () => {
		expect(cite({ month: '2026-03', country: 'FR', language: 'ti', group: true })).toBe('Group, FR, ti, March 2026');
	});

	it('speaks the staff member’s language, months included', () => {
		const french = wordingIn(fr, 'fr');
		const czech = wordingIn(cs, 'cs');
		const attributes = { month: '2026-03', country: 'FR', language: 'ar', group: true };
		expect(cite(attributes, french)).toBe('Groupe, FR, ar, mars 2026');
		expect(cite(attributes, czech)).toBe('Skupina, FR, ar, březen 2026');
	});

	it('never dates a quote more precisely than its month', () => {
		expect(cite({ month: '2026-03-17', country: 'de', language: 'fa-AF', group: false })).toBe(
			'Survivor, DE, fa-AF, March 2026'
		);
	});

	it('leaves out values that are not a plain country, language or month', () => {
		expect(cite({ month: 'spring', country: 'Lyon, FR', language: 'my village dialect', group: false })).toBe(
			'Survivor'
		);
	});
});
