import { describe, expect, it } from 'vitest';
import { codebookXml } from '.';
import { code, codes, codeTree, housing, id, schemaErrors, work } from './testing';

describe('codebookXml', () => {
	it('validates against Codebook.xsd for a two-level codebook with markup characters and Arabic in names', async () => {
		const xml = codebookXml(codes);
		expect(await schemaErrors(xml, 'Codebook.xsd')).toEqual([]);
	});

	it('nests child codes under their parent in position order', () => {
		expect(codeTree(codebookXml(codes)).map(({ name, parentName }) => [name, parentName])).toEqual([
			['Housing', null],
			['Access after status', 'Housing'],
			['Discrimination in renting', 'Housing'],
			['Collective accommodation', 'Housing'],
			['Shelter (old)', 'Housing'],
			['Work and income', null],
			['Informal or exploitative work', 'Work and income'],
			['Access to jobs', 'Work and income'],
			['Papers & <permits> "الأوراق"', null],
			['تجديد التصريح', 'Papers & <permits> "الأوراق"'],
			['Language courses', null]
		]);
	});

	it('escapes & < > and quotes in names and descriptions', () => {
		const xml = codebookXml(codes);
		expect(xml).toContain('name="Papers &amp; &lt;permits&gt; &quot;الأوراق&quot;"');
		expect(xml).toContain('<Description>Residence &amp; work permits.</Description>');
	});

	it('uses the code id as GUID and writes colours the schema accepts', () => {
		const xml = codebookXml(codes);
		expect(xml).toContain(`<Code guid="${housing.id}" name="Housing" isCodable="true" color="#3366aa">`);
		expect(xml).toContain(`guid="${work.id}" name="Work and income" isCodable="true" color="#a0c"`);
	});

	it('writes ids in lower case so references match whatever case they arrived in', () => {
		const xml = codebookXml([code(1, 'Housing', null, 0, { id: 'ABCDEF01-2345-4678-9ABC-DEF012345678' })]);
		expect(xml).toContain('guid="abcdef01-2345-4678-9abc-def012345678"');
	});

	it('lays out definition, inclusion, exclusion and example under readable labels', () => {
		const criteria = { description: 'Homes.', inclusion: 'Flats.', exclusion: 'Shelters.', example: 'No flat found.' };
		const full = code(1, 'Housing', null, 0, criteria);
		expect(codebookXml([full])).toContain(
			'<Description>Homes.\n\nInclude when: Flats.\n\nExclude when: Shelters.\n\nExample: No flat found.</Description>'
		);
	});

	it('keeps archived codes as not codable by default and leaves them out when asked', () => {
		expect(codeTree(codebookXml(codes)).find((row) => row.name === 'Shelter (old)')?.isCodable).toBe('false');
		expect(codeTree(codebookXml(codes, { includeArchived: false })).map((row) => row.name)).not.toContain(
			'Shelter (old)'
		);
	});

	it('keeps codes whose parent is missing or circular at the top level instead of losing them', async () => {
		const orphan = code(1, 'Orphan', id(2, 77), 0);
		const loopA = code(2, 'Loop A', id(2, 3), 1);
		const loopB = code(3, 'Loop B', id(2, 2), 2);
		const xml = codebookXml([orphan, loopA, loopB]);
		expect(codeTree(xml).map(({ name, parentName }) => [name, parentName])).toEqual([
			['Orphan', null],
			['Loop A', null],
			['Loop B', 'Loop A']
		]);
		expect(await schemaErrors(xml, 'Codebook.xsd')).toEqual([]);
	});

	it('drops characters XML 1.0 cannot carry and colours it cannot read, and still validates', async () => {
		const xml = codebookXml([
			code(1, 'Bad\u0001 na\uD800me', null, 0, { colour: 'red', description: 'Tab\there\u0008.' })
		]);
		expect(xml).toContain('name="Bad name"');
		expect(xml).toContain('<Description>Tab\there.</Description>');
		expect(xml).not.toContain('color=');
		expect(await schemaErrors(xml, 'Codebook.xsd')).toEqual([]);
	});
});
