import { describe, expect, it } from 'vitest';
import { PLACE_NAMES_ALSO_COMMON_WORDS, PLACE_NAMES_BY_COUNTRY } from './places';
import { suggestRedactions, type SuggestionOptions, type SuggestionReason } from './suggest';

// Every testimony snippet below is fictional, written for these tests.

/** What a moderator would see listed: each suggested text with its reason, in reading order. */
function suggested(text: string, options?: SuggestionOptions): Array<[string, SuggestionReason]> {
	return suggestRedactions(text, options).map((suggestion) => [suggestion.text, suggestion.reason]);
}

describe('contact details', () => {
	it('suggests an email address as CONTACT', () => {
		expect(suggestRedactions('You can write to joy.e-osas@example.org.')).toEqual([
			{ start: 17, end: 39, text: 'joy.e-osas@example.org', category: 'CONTACT', reason: 'email' }
		]);
	});

	it('suggests web addresses with a scheme, with www. and as a bare domain with a path', () => {
		const text = 'See https://example.org/help, (www.trips-voice.eu) or example.it/casa/12.';
		expect(suggested(text)).toEqual([
			['https://example.org/help', 'url'],
			['www.trips-voice.eu', 'url'],
			['example.it/casa/12', 'url']
		]);
	});

	it('does not take two sentences written without a space between them for a web address', () => {
		expect(suggested('I lived in Palermo.It was hard.')).toEqual([['Palermo', 'place']]);
	});

	it('suggests a Nigerian number written internationally: +234 803 123 4567', () => {
		expect(suggestRedactions('Call me on +234 803 123 4567 after work.')).toEqual([
			{ start: 11, end: 28, text: '+234 803 123 4567', category: 'CONTACT', reason: 'phone' }
		]);
	});

	it.each([
		['+39 06 1234 5678'],
		['0039 333 123 4567'],
		['+39 (06) 1234-5678'],
		['(06) 1234 5678'],
		['333/1234567'],
		['333.123.4567'],
		['06.12.34.56.78']
	])('suggests the phone number %s as one CONTACT', (number) => {
		expect(suggested(`Her number was ${number}, she said.`)).toEqual([[number, 'phone']]);
	});

	it.each([
		['Arabic-Indic', 'رقمي ٠٨٠٣ ١٢٣ ٤٥٦٧ شكرا', '٠٨٠٣ ١٢٣ ٤٥٦٧'],
		['Arabic-Indic, international', 'اتصل على +٢٣٤ ٨٠٣ ١٢٣ ٤٥٦٧', '+٢٣٤ ٨٠٣ ١٢٣ ٤٥٦٧'],
		['Persian', 'شماره من ۰۹۱۲ ۳۴۵ ۶۷۸۹ است', '۰۹۱۲ ۳۴۵ ۶۷۸۹'],
		['Bengali', 'আমার নম্বর ০১৭১১ ২৩৪৫৬৭', '০১৭১১ ২৩৪৫৬৭'],
		['fullwidth', '电话０８０３１２３４５６７', '０８０３１２３４５６７']
	])('counts digits of any script: a phone number in %s digits', (_script, text, number) => {
		expect(suggested(text)).toEqual([[number, 'phone']]);
	});

	it('leaves short numbers, amounts and years alone', () => {
		expect(suggested('Room 12, a debt of 35.000 euro, then 1.000.000 naira, from 2016-2018 and 2016/17.')).toEqual([]);
	});
});

describe('long numbers', () => {
	it('suggests passport, case and tax code numbers of six or more digits as OTHER', () => {
		const suggestions = suggestRedactions('Passport A12345678, case 2021/123456, code RSSMRA85T10A562S, file 123456.');
		expect(suggestions.map(({ text, category, reason }) => [text, category, reason])).toEqual([
			['A12345678', 'OTHER', 'long-number'],
			['2021/123456', 'OTHER', 'long-number'],
			['RSSMRA85T10A562S', 'OTHER', 'long-number'],
			['123456', 'OTHER', 'long-number']
		]);
	});

	it('suggests an IBAN-like identifier as one long number', () => {
		expect(suggested('The money went to IT60 X054 2811 1010 0000 0123 456 every month.')).toEqual([
			['IT60 X054 2811 1010 0000 0123 456', 'long-number']
		]);
	});

	it('takes digits without a phone number’s shape for a long number', () => {
		expect(suggested('Number 12345678 on my permit.')).toEqual([['12345678', 'long-number']]);
	});
});

describe('dates', () => {
	it.each(['12/03/2021', '2021-03-12', '12.03.21', '12-03-2021', '12. 3. 2021', '3/12/2021'])(
		'suggests the numeric date %s as DATE',
		(date) => {
			expect(suggestRedactions(`We arrived on ${date} at night.`)).toEqual([
				{ start: 14, end: 14 + date.length, text: date, category: 'DATE', reason: 'date' }
			]);
		}
	);

	it.each([
		['English', 'We left on 3 March 2021 at dawn.', '3 March 2021'],
		['English, month and year', 'We left in March 2021 at dawn.', 'March 2021'],
		['English, month first', 'We left on March 3, 2021 at dawn.', 'March 3, 2021'],
		['English, ordinal', 'We left on the 3rd of March and slept.', '3rd of March'],
		['French', 'Nous sommes partis le 12 mars 2021 à l’aube.', '12 mars 2021'],
		['French, accents and ordinal', 'Je suis arrivée le 1er février 2020.', '1er février 2020'],
		['Italian', 'Sono arrivata il 12 marzo 2021 di notte.', '12 marzo 2021'],
		['Spanish', 'Llegué el 12 de marzo de 2021.', '12 de marzo de 2021'],
		['Dutch', 'Ik kwam op 12 maart 2021 aan.', '12 maart 2021'],
		['Czech', 'Přijela jsem 12. března 2021.', '12. března 2021'],
		['Ukrainian', 'Я приїхала 12 березня 2021 року.', '12 березня 2021'],
		['Turkish', '12 Mart 2021 tarihinde geldim.', '12 Mart 2021'],
		['Arabic, Arabic-Indic digits', 'وصلت في ١٢ مارس ٢٠٢١ ليلا', '١٢ مارس ٢٠٢١'],
		['Chinese', '她2021年3月12日到了。', '2021年3月12日']
	])('suggests a date with a month name: %s', (_language, text, date) => {
		expect(suggested(text)).toEqual([[date, 'date']]);
	});

	it('does not suggest a year standing alone: "in 2019" stays', () => {
		expect(suggested('In 2019 I left, and in 2021 I got my permit.')).toEqual([]);
	});

	it('does not read the English verb "may" before a number as a date', () => {
		expect(suggested('Maybe I may 2 times a week go there.')).toEqual([]);
	});

	it('reads a dotted date as a date, not as a phone number', () => {
		expect(suggested('Born 12.03.1999 in a village.')).toEqual([['12.03.1999', 'date']]);
	});

	it('separates a date from a phone number written right after it', () => {
		expect(suggested('On 12/03/2021 0803 123 4567 called me.')).toEqual([
			['12/03/2021', 'date'],
			['0803 123 4567', 'phone']
		]);
	});
});

describe('places', () => {
	it('suggests a place of several words as one PLACE', () => {
		expect(suggestRedactions('From Benin City we went to Castel Volturno.')).toEqual([
			{ start: 5, end: 15, text: 'Benin City', category: 'PLACE', reason: 'place' },
			{ start: 27, end: 42, text: 'Castel Volturno', category: 'PLACE', reason: 'place' }
		]);
	});

	it('ignores case and Latin accents: Vlorë, Vlore, VLORA and vlora', () => {
		expect(suggested('Vlorë, or Vlore, VLORA, vlora.')).toEqual([
			['Vlorë', 'place'],
			['Vlore', 'place'],
			['VLORA', 'place'],
			['vlora', 'place']
		]);
	});

	it('keeps a decomposed accent inside the place it belongs to', () => {
		const text = 'We stayed in Vlore\u0308 for a year.';
		expect(suggested(text)).toEqual([['Vlore\u0308', 'place']]);
	});

	it('matches whole words only', () => {
		expect(suggested('a parisian romance in the romagna style, lagoons')).toEqual([]);
	});

	it('finds an Arabic place with ب attached, after a separate في, and with لل for ل + ال', () => {
		expect(suggested('كنت بطرابلس ثم في ليبيا ثم ذهبت للخرطوم')).toEqual([
			['طرابلس', 'place'],
			['ليبيا', 'place'],
			['خرطوم', 'place']
		]);
	});

	it('finds places in Ge’ez script, with an Amharic preposition attached', () => {
		expect(suggested('ኣብ ኣስመራ ነበርኩ። ካብ ኤርትራ ወጻእኩ። በአስመራ')).toEqual([
			['ኣስመራ', 'place'],
			['ኤርትራ', 'place'],
			['አስመራ', 'place']
		]);
	});

	it('finds places in Cyrillic script, including a locative', () => {
		expect(suggested('Україна. Я жила в Києві, потім у Харків.')).toEqual([
			['Україна', 'place'],
			['Києві', 'place'],
			['Харків', 'place']
		]);
	});

	it('finds places in Bengali script with a case ending attached', () => {
		expect(suggested('আমি ঢাকায় ছিলাম, তারপর সিলেটে।')).toEqual([
			['ঢাকা', 'place'],
			['সিলেট', 'place']
		]);
	});

	it('finds Chinese places inside running text', () => {
		expect(suggested('我到了意大利，住在巴勒莫。')).toEqual([
			['意大利', 'place'],
			['巴勒莫', 'place']
		]);
	});

	it('suggests a place that is also a common word only when capitalised mid-sentence', () => {
		expect(suggested('It was nice in Nice. Nice people helped me in the delta.')).toEqual([['Nice', 'place']]);
	});
});

describe('names', () => {
	it.each([
		['Mr Okafor', 'Okafor'],
		['Mrs. Bello', 'Bello'],
		['Madame Diallo', 'Diallo'],
		['Mama Joy', 'Joy'],
		['Oga Felix', 'Felix'],
		['Dr Rossi', 'Rossi'],
		['Signora Ricci', 'Ricci'],
		['M. Diallo', 'Diallo'],
		['Mr John Okafor', 'John Okafor']
	])('suggests the name after a title, keeping the title: %s', (titled, name) => {
		expect(suggestRedactions(`Then ${titled} took my passport.`)).toEqual([
			{
				start: 5 + titled.length - name.length,
				end: 5 + titled.length,
				text: name,
				category: 'NAME',
				reason: 'title-name'
			}
		]);
	});

	it('suggests the name after a title even when the title starts the sentence', () => {
		expect(suggested('Mama Joy said I owed her. Mr. Okafor agreed.')).toEqual([
			['Joy', 'title-name'],
			['Okafor', 'title-name']
		]);
	});

	it('suggests the one word after a title in a script without case', () => {
		expect(suggested('قال السيد كريم إن مدام جوي تنتظر')).toEqual([
			['كريم', 'title-name'],
			['جوي', 'title-name']
		]);
	});

	it('suggests consecutive capitalised words as one name', () => {
		expect(suggestRedactions('I worked for Blessing Okoro in the house.')).toEqual([
			{ start: 13, end: 27, text: 'Blessing Okoro', category: 'NAME', reason: 'capitalised-name' }
		]);
	});

	it('suggests capitalised names in Cyrillic script', () => {
		expect(suggested('Мене звали Оксана Петренко.')).toEqual([['Оксана Петренко', 'capitalised-name']]);
	});

	it('does not suggest a capitalised word that starts a sentence, a line or the text', () => {
		const text = 'Yesterday we left. Tomorrow? Maybe! “Later,” she said…\nTherefore we waited. 🙏 Nobody came.';
		expect(suggested(text)).toEqual([]);
	});

	it('does not suggest common capitalised words', () => {
		const text =
			'So I told the Police on Monday in March that I am Nigerian, Christian and speak English, ' +
			'and the Questura sent me to Caritas on WhatsApp.';
		expect(suggested(text)).toEqual([]);
	});

	it('reports a listed place as a place, not a name', () => {
		expect(suggested('Then Blessing went to Palermo with Joy.')).toEqual([
			['Blessing', 'capitalised-name'],
			['Palermo', 'place'],
			['Joy', 'capitalised-name']
		]);
	});
});

describe('known names', () => {
	it('finds every further occurrence of a redacted name, whatever its case and accents', () => {
		const knownNames = ['Blessing Okoro', 'Noé'];
		expect(
			suggested('BLESSING OKORO came back; later blessing okoro wrote to NOE and to noe.', {
				knownNames
			})
		).toEqual([
			['BLESSING OKORO', 'capitalised-name'],
			['blessing okoro', 'capitalised-name'],
			['NOE', 'capitalised-name'],
			['noe', 'capitalised-name']
		]);
	});

	it('finds a capitalised part of a known full name, even at the start of a sentence', () => {
		const knownNames = ['Blessing Okoro'];
		expect(suggested('Okoro came. It was a blessing.', { knownNames })).toEqual([['Okoro', 'capitalised-name']]);
	});

	it('finds a known name in Arabic script with a clitic attached', () => {
		expect(suggested('قلت لكريم وكريم سمع', { knownNames: ['كريم'] })).toEqual([
			['كريم', 'capitalised-name'],
			['كريم', 'capitalised-name']
		]);
	});

	it('matches a known name as a whole word only', () => {
		expect(suggested('adamu met ada.', { knownNames: ['Ada'] })).toEqual([['ada', 'capitalised-name']]);
	});
});

describe('overlapping candidates', () => {
	it('keeps the email address, not the domain or the name inside it', () => {
		expect(suggested('Write to Blessing.Okoro@example.org today.')).toEqual([['Blessing.Okoro@example.org', 'email']]);
	});

	it('keeps the web address, not the number inside it', () => {
		expect(suggested('My case: https://example.org/cases/12345678 online.')).toEqual([
			['https://example.org/cases/12345678', 'url']
		]);
	});

	it('keeps a place over the same capitalised words as a name', () => {
		expect(suggested('We reached Benin City at night.')).toEqual([['Benin City', 'place']]);
	});

	it('keeps the whole passport code, not the shorter run of digits inside it', () => {
		expect(suggested('My passport A12345678 stayed with her.')).toEqual([['A12345678', 'long-number']]);
	});

	it('prefers the more specific reason for the same span: a name after a title', () => {
		expect(suggested('We lived with Mama Joy for a year.')).toEqual([['Joy', 'title-name']]);
	});
});

describe('offsets', () => {
	it('counts UTF-16 code units, so emoji and surrogate pairs before a match do not shift it', () => {
		const text = '🙏🏾 I stayed in Palermo 😢 with Mama Joy, 𝒜 call +39 333 123 4567 👍';
		const suggestions = suggestRedactions(text);
		expect(suggestions.map(({ text: found, start }) => [found, start])).toEqual([
			['Palermo', text.indexOf('Palermo')],
			['Joy', text.indexOf('Joy')],
			['+39 333 123 4567', text.indexOf('+39')]
		]);
	});

	it('always gives text.slice(start, end) === text, sorted by start and never overlapping', () => {
		const text =
			'👩🏿‍👧 Mi chiamo Precious. Nel 2019 Mama Joy mi ha portata da Benin City a Sabratha (ليبيا), ' +
			'poi بطرابلس e il 12 marzo 2020 a Lampedusa. Oga Felix: +234 803 123 4567, felix@example.org. ' +
			'Passaporto A12345678. ኣብ ኣስመራ 🇪🇷 Україна Vlore\u0308 😢 Blessing Okoro-Bello, www.example.it.';
		const suggestions = suggestRedactions(text, { knownNames: ['Precious'] });
		expect(suggestions.length).toBeGreaterThan(12);
		let previousEnd = 0;
		for (const suggestion of suggestions) {
			expect(text.slice(suggestion.start, suggestion.end)).toBe(suggestion.text);
			expect(suggestion.start).toBeGreaterThanOrEqual(previousEnd);
			previousEnd = suggestion.end;
		}
	});

	it('suggests nothing in an empty text', () => {
		expect(suggestRedactions('')).toEqual([]);
	});
});

describe('place list', () => {
	it('lists every place that is also a common word among the places', () => {
		const places = new Set(Object.values(PLACE_NAMES_BY_COUNTRY).flat());
		expect(PLACE_NAMES_ALSO_COMMON_WORDS.filter((name) => !places.has(name))).toEqual([]);
	});
});
