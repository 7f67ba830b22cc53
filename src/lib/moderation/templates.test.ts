import { describe, expect, it } from 'vitest';
import { templatePair, templatesByKind, type TemplateText } from './templates';

const TEMPLATES: TemplateText[] = [
	{ kind: 'acknowledgement', locale: 'fa-AF', text: 'از اینکه به ما گفتید سپاسگزاریم.' },
	{ kind: 'acknowledgement', locale: 'fr', text: 'Merci de nous l’avoir dit.' },
	{ kind: 'acknowledgement', locale: 'en', text: 'Thank you for telling us.' },
	{ kind: 'referral', locale: 'en', text: 'You can contact this organisation:' },
	{ kind: 'referral', locale: 'fr', text: 'Vous pouvez contacter cette organisation :' }
];

describe('the template pair for a reply', () => {
	it('starts from the survivor’s language and shows the moderator’s beside it', () => {
		const pair = templatePair(TEMPLATES, 'acknowledgement', 'fa-AF', 'fr');
		expect(pair.toSend?.locale).toBe('fa-AF');
		expect(pair.toRead?.locale).toBe('fr');
	});

	it('shows nothing beside it when the moderator reads the survivor’s language', () => {
		const pair = templatePair(TEMPLATES, 'acknowledgement', 'fr', 'fr');
		expect(pair.toSend?.text).toBe('Merci de nous l’avoir dit.');
		expect(pair.toRead).toBeUndefined();
	});

	it('has nothing to send when the survivor’s language is missing, and offers the languages that exist', () => {
		const twice = [...TEMPLATES, { kind: 'referral', locale: 'en', text: 'Or this one:' } as const];
		const pair = templatePair(twice, 'referral', 'fa-AF', 'fr');
		expect(pair.toSend).toBeUndefined();
		expect(pair.toRead?.locale).toBe('fr');
		expect(pair.others.map((template) => template.text)).toEqual([
			'You can contact this organisation:',
			'Vous pouvez contacter cette organisation :'
		]);
	});

	it('never mixes kinds', () => {
		const pair = templatePair(TEMPLATES, 'clarification', 'en', 'fr');
		expect(pair).toEqual({ toSend: undefined, toRead: undefined, others: [] });
	});
});

describe('templates by kind', () => {
	it('puts each kind’s languages side by side and names the missing ones', () => {
		const rows = templatesByKind(TEMPLATES, ['fr', 'it']);
		expect(rows.map((row) => row.kind)).toEqual(['acknowledgement', 'clarification', 'referral']);
		const [acknowledgement, clarification, referral] = rows;
		expect(acknowledgement.written.map((entry) => entry.locale)).toEqual(['fr', 'fa-AF', 'en']);
		expect(acknowledgement.missing).toEqual(['it']);
		expect(clarification.written).toEqual([]);
		expect(clarification.missing).toEqual(['fr', 'it', 'fa-AF', 'en']);
		expect(referral.missing).toEqual(['it', 'fa-AF']);
	});
});
