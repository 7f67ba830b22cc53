import { describe, expect, it } from 'vitest';
import type { Wording } from '$lib/research/wording';
import { staffDictionary } from '$lib/server/i18n/staff';
import { staffTranslator } from '$lib/staff-i18n';
import { amina, answer, code, coding, jonas, record, sami, workspaceWith } from '../testing';
import { AgreementView, decimal, PAGE, percent } from './agreement.svelte';

const TEXT = 'On nous a mis dans un foyer loin de tout, sans contrat de location.';
const lea = { id: 'coder-lea', name: 'lea.m' };

const r1 = record('r1', { answers: [answer(TEXT)] });
const r2 = record('r2', {
	month: '2026-04',
	country: 'IT',
	locale: 'ar',
	answers: [answer('Pas de caution.', { translation: 'No deposit.' })]
});
const r3 = record('r3');

// As the server sends the codebook: by position, then name.
const codes = [code('deposit', 'Deposit', 0, 'housing'), code('housing', 'Housing', 0), code('work', 'Work', 1)];
const codings = [
	coding('r1', 'housing', amina.id, 0, 10),
	coding('r1', 'housing', jonas.id, 5, 15),
	coding('r2', 'deposit', amina.id, 0, 4),
	coding('r2', 'work', jonas.id, 0, 4, '0.translation'),
	coding('r3', 'work', sami.id, 0, 4),
	// A record this browser could not open: its codings cannot be compared.
	coding('gone', 'work', lea.id, 0, 4)
];

const wordingIn = (locale: 'en' | 'fr' | 'cs'): Wording => ({
	t: staffTranslator(staffDictionary(locale)),
	locale: () => locale
});

function view(wording = wordingIn('en')): AgreementView {
	const directory = { channels: [], sessions: [], coders: [amina, jonas, sami, lea] };
	return new AgreementView(workspaceWith([r1, r2, r3], { codes, codings, directory }), wording);
}

describe('AgreementView', () => {
	it('compares the first two coders of open records, on the records both coded, by default', () => {
		const agreement = view();
		expect(agreement.coders.map((coder) => coder.id)).toEqual([amina.id, jonas.id, sami.id]);
		expect(agreement.chosenCoders).toEqual([amina.id, jonas.id]);
		expect(agreement.recordsByAll.map((item) => item.id)).toEqual(['r1', 'r2']);
		expect(agreement.comparedRecords.map((item) => item.id)).toEqual(['r1', 'r2']);
		expect(agreement.twoCoders).toBe(true);
	});

	it('takes in a third coder, then compares the records any of them coded, and explains why kappa is missing', () => {
		const agreement = view();
		agreement.showMore();
		agreement.toggleCoder(sami.id, true);
		expect(agreement.chosenCoders).toEqual([amina.id, jonas.id, sami.id]);
		expect(agreement.listed).toBe(PAGE);
		expect(agreement.recordsByAll).toEqual([]);
		expect(agreement.comparison).toBeNull();
		agreement.chooseRecordMode('any');
		expect(agreement.comparedRecords.map((item) => item.id)).toEqual(['r1', 'r2', 'r3']);
		expect(agreement.result?.report.coderIds).toEqual([amina.id, jonas.id, sami.id]);
		expect(agreement.kappaReason(agreement.result!.report.overall)).toMatch(/exactly two coders; 3 are chosen/);
		expect(agreement.codersOf('r3')).toEqual([sami.id]);
	});

	it('starts a hand-made choice of records from the default comparison', () => {
		const agreement = view();
		agreement.chooseRecordMode('chosen');
		expect(agreement.recordChoice).toEqual(['r1', 'r2']);
		agreement.toggleRecord('r2', false);
		expect(agreement.comparedRecords.map((item) => item.id)).toEqual(['r1']);
		agreement.toggleRecord('r2', true);
		expect(agreement.comparedRecords.map((item) => item.id)).toEqual(['r1', 'r2']);
	});

	it('compares the kinds of text that were coded, and only the codes used in them, in codebook order', () => {
		const agreement = view();
		expect(agreement.chosenKinds).toEqual(['text', 'translation']);
		expect(agreement.comparedCodeIds).toEqual(['housing', 'deposit', 'work']);
		agreement.toggleKind('translation', false);
		expect(agreement.chosenKinds).toEqual(['text']);
		expect(agreement.comparedCodeIds).toEqual(['housing', 'deposit']);
		expect(agreement.kindsCompared()).toBe('Original text');
		agreement.toggleKind('translation', true);
		agreement.theme = 'work';
		expect(agreement.comparedCodeIds).toEqual(['work']);
	});

	it('works out the figures and the stretches where two coders differ', () => {
		const agreement = view();
		agreement.chooseRecordMode('chosen');
		agreement.toggleRecord('r2', false);
		const result = agreement.result!;
		const housing = result.report.codes.find((row) => row.codeId === 'housing')!;
		// Amina coded code points 0–10, Jonas 5–15, of a text of 67.
		expect(result.codePoints).toBe(67);
		expect(housing.table).toEqual({ both: 5, onlyA: 5, onlyB: 5, neither: 52 });
		expect(percent('en', housing.percentAgreement)).toBe('85.1%');
		expect(result.spans.map((span) => [span.start, span.end, span.codedBy, span.notCodedBy])).toEqual([
			[0, 5, [amina.id], [jonas.id]],
			[10, 15, [jonas.id], [amina.id]]
		]);
		expect(agreement.excerpt(result.spans[0])).toBe('On no');
		expect(agreement.names(result.spans[1].codedBy)).toBe('jonas.r');
	});

	it('lays one disagreement out side by side, each coder’s codings marked and the disputed stretch apart', () => {
		const agreement = view();
		const [span] = agreement.result!.spans;
		expect(agreement.openSideBySide(span)).toBe(true);
		const [first, second] = agreement.sideBySide!.columns;
		expect(first.coderId).toBe(amina.id);
		expect(first.codedPoints).toBe(10);
		expect(first.segments.slice(0, 2)).toEqual([
			{ text: 'On no', coded: true, disputed: true },
			{ text: 'us a ', coded: true, disputed: false }
		]);
		expect(second.coderId).toBe(jonas.id);
		expect(second.segments[0]).toEqual({ text: 'On no', coded: false, disputed: true });
		agreement.closeSideBySide();
		expect(agreement.sideBySide).toBeNull();
		expect(agreement.openSideBySide({ ...span, recordId: 'gone' })).toBe(false);
	});

	it('names records and fields as a reader would', () => {
		const agreement = view();
		expect(agreement.recordLabel(r2)).toBe('April 2026 · Italy · Arabic');
		expect(agreement.fieldLabel('0.englishTranslation')).toBe('Answer 1, English translation');
		expect(agreement.fieldLabel('not a field')).toBe('not a field');
		expect(agreement.fieldLocale(r2, '0.translation')).toBe('en');
		expect(agreement.fieldLocale(r2, '0.text')).toBe('ar');
	});

	it('words and formats everything in the staff member’s language', () => {
		const french = view(wordingIn('fr'));
		expect(french.recordLabel(r2)).toBe('avril 2026 · Italie · arabe');
		expect(french.fieldLabel('0.translation')).toBe('Réponse 1, Traduction');
		expect(french.kappaReason({ ...french.result!.report.overall, units: 0 })).toBe(
			'Il n’y a aucune unité à comparer.'
		);
		// A decimal comma and a no-break space before the sign (which one depends on the ICU version).
		expect(percent('fr', 0.8507)).toMatch(/^85,1\s%$/);
		expect(decimal('fr', 0.5454)).toBe('0,545');
		const czech = view(wordingIn('cs'));
		expect(czech.recordLabel(r2)).toBe('duben 2026 · Itálie · arabština');
		expect(percent('cs', 0.8507)).toMatch(/^85,1\s%$/);
		expect(decimal('cs', null)).toBe('—');
	});
});
