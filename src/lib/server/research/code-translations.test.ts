import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { codesIn } from '$lib/research/code-language';
import { codebookXml } from '$lib/research/refi-qda';
import { schemaErrors } from '$lib/research/refi-qda/testing';
import { STAFF_LOCALES } from '$lib/staff-i18n';
import { codebook, codebookTexts, createCode, setCodeTranslation, CODEBOOK_BASE_LOCALE } from './codebook';
import { insertStaffUser } from '../accounts/staff';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';

useTemporaryDatabase();

let researcherId: string;

beforeAll(() => {
	setUpTestDeployment();
	researcherId = insertStaffUser(fakeStaffUser('translating.researcher'), { secret: randomBytes(20), step: 0 });
});

const blank = { description: '', inclusion: '', exclusion: '', example: '' };

describe('code translations', () => {
	it('seed the default codebook in every staff language, each name its own', () => {
		const base = codebook(researcherId);
		expect(base).toHaveLength(64);
		const texts = codebookTexts();
		for (const code of base) {
			for (const locale of STAFF_LOCALES)
				expect(texts[code.id][locale]?.name, `${code.name} in ${locale}`).toBeTruthy();
		}
		const czech = codebook(researcherId, 'cs');
		expect(czech.find((code) => code.parentId === null && code.position === 2)?.name).toBe('Bydlení');
		expect(czech.every((code) => code.untranslated === false)).toBe(true);
	});

	it('are stored, read back in the reader’s language and removed by an empty name', () => {
		const created = createCode(researcherId, { parentId: null, name: 'Waiting lists', colour: '#123456', ...blank });
		expect(codebook(researcherId, 'fr').find((code) => code.id === created.id)).toMatchObject({
			name: 'Waiting lists',
			untranslated: true
		});
		setCodeTranslation(researcherId, created.id, 'fr', { name: 'Listes d’attente', description: 'Délais.' });
		expect(codebook(researcherId, 'fr').find((code) => code.id === created.id)).toMatchObject({
			name: 'Listes d’attente',
			description: 'Délais.',
			untranslated: false
		});
		// The base text stays the code's own; other languages fall back to it.
		expect(codebook(researcherId).find((code) => code.id === created.id)?.name).toBe('Waiting lists');
		expect(codebook(researcherId, 'it').find((code) => code.id === created.id)?.name).toBe('Waiting lists');
		setCodeTranslation(researcherId, created.id, 'fr', { name: '', description: '' });
		expect(codebookTexts()[created.id].fr).toBeUndefined();
	});

	it('refuse the base language and languages the staff pages do not speak', () => {
		const [code] = codebook(researcherId);
		const text = { name: 'x', description: '' };
		expect(() => setCodeTranslation(researcherId, code.id, CODEBOOK_BASE_LOCALE, text)).toThrow();
		expect(() => setCodeTranslation(researcherId, code.id, 'xx', text)).toThrow();
	});

	it('give a French codebook export with French names that validates', async () => {
		const french = codesIn(codebook(researcherId), codebookTexts(), 'fr', CODEBOOK_BASE_LOCALE);
		const xml = codebookXml(french);
		expect(xml).toContain('name="Logement"');
		expect(xml).toContain('name="Regroupement familial"');
		expect(xml).not.toContain('name="Housing"');
		expect(await schemaErrors(xml, 'Codebook.xsd')).toEqual([]);
	});
});
