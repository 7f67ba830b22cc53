import { describe, expect, it } from 'vitest';
import type { Code } from '../types';
import { codebookXml } from './codebook';
import { planCodebookImport, readCodebookFile, IMPORT_DEFAULT_COLOUR } from './import-codebook';
import { parseXml } from './parse';
import { refusal, schemaErrors } from './testing';

const GUID_A = '4f1c2d3e-1111-4a2b-9c3d-000000000001';
const GUID_B = '4f1c2d3e-1111-4a2b-9c3d-000000000002';
const GUID_C = '4f1c2d3e-1111-4a2b-9c3d-000000000003';

/** A codebook as NVivo writes one: braces round upper-case GUIDs, a namespace prefix, a set. */
const NVIVO_STYLE = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<qda:CodeBook xmlns:qda="urn:QDA-XML:codebook:1.0" origin="NVivo 14">
  <qda:Codes>
    <qda:Code guid="{${GUID_A.toUpperCase()}}" name="Housing &amp; shelter" isCodable="true" color="#A0C">
      <qda:Description>Where people sleep &lt;and&gt; who decides.&#10;Second line</qda:Description>
      <qda:Code guid="{${GUID_B.toUpperCase()}}" name="Évictions" isCodable="true"/>
    </qda:Code>
    <qda:Code guid="${GUID_C}" name="العمل والكرامة" isCodable="false"><![CDATA[ignored <text>]]></qda:Code>
  </qda:Codes>
  <qda:Sets>
    <qda:Set guid="${GUID_C}" name="Themes for the report"><qda:MemberCode guid="${GUID_A}"/></qda:Set>
  </qda:Sets>
</qda:CodeBook>`;

describe('reading a codebook file', () => {
	it('reads nested codes, colours, descriptions, non-ASCII names and counts the sets', () => {
		const file = readCodebookFile(NVIVO_STYLE);
		expect(file.sets).toBe(1);
		expect(file.codes).toHaveLength(2);
		const [housing, work] = file.codes;
		expect(housing).toMatchObject({
			guid: GUID_A,
			name: 'Housing & shelter',
			colour: '#aa00cc',
			description: 'Where people sleep <and> who decides.\nSecond line'
		});
		expect(housing.children[0]).toMatchObject({ guid: GUID_B, name: 'Évictions', colour: null, children: [] });
		expect(work).toMatchObject({ guid: GUID_C, name: 'العمل والكرامة' });
	});

	it('reads back what the export writes', () => {
		const codes: Code[] = [
			{
				id: GUID_A,
				parentId: null,
				name: 'Safety 🛡️',
				colour: '#d1242f',
				description: 'Fear of being found',
				inclusion: '',
				exclusion: '',
				example: '',
				archived: false,
				position: 0
			},
			{
				id: GUID_B,
				parentId: GUID_A,
				name: 'ደህንነት',
				colour: '#d1242f',
				description: '',
				inclusion: '',
				exclusion: '',
				example: '',
				archived: false,
				position: 0
			}
		];
		const file = readCodebookFile(codebookXml(codes));
		expect(file.codes[0]).toMatchObject({ guid: GUID_A, name: 'Safety 🛡️', description: 'Fear of being found' });
		expect(file.codes[0].children[0]).toMatchObject({ guid: GUID_B, name: 'ደህንነት' });
	});

	it('refuses document types and entities without expanding them', () => {
		const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="${GUID_A}" name="&lol2;" isCodable="true"/></Codes></CodeBook>`;
		expect(refusal(() => readCodebookFile(bomb))).toBe('doctype');
		const external = `<?xml version="1.0"?><!DOCTYPE c SYSTEM "file:///etc/passwd"><CodeBook/>`;
		expect(refusal(() => readCodebookFile(external))).toBe('doctype');
	});

	it('refuses undeclared entities, broken nesting, two roots, stray text and bad characters', () => {
		const codebook = (inner: string) => `<CodeBook><Codes>${inner}</Codes></CodeBook>`;
		expect(refusal(() => readCodebookFile(codebook(`<Code guid="${GUID_A}" name="&lol;" isCodable="true"/>`)))).toBe(
			'malformed'
		);
		expect(refusal(() => readCodebookFile('<CodeBook><Codes></CodeBook></Codes>'))).toBe('malformed');
		expect(refusal(() => readCodebookFile('<CodeBook/><CodeBook/>'))).toBe('malformed');
		expect(refusal(() => readCodebookFile('hello <CodeBook/>'))).toBe('malformed');
		expect(refusal(() => readCodebookFile('<CodeBook><Codes>'))).toBe('malformed');
		expect(refusal(() => readCodebookFile('<CodeBook a="1" a="2"/>'))).toBe('malformed');
		expect(refusal(() => readCodebookFile('<CodeBook>&#0;</CodeBook>'))).toBe('malformed');
		expect(refusal(() => readCodebookFile('not xml at all'))).toBe('malformed');
		expect(refusal(() => readCodebookFile(''))).toBe('malformed');
	});

	it('refuses files past the size, depth and element limits', () => {
		expect(refusal(() => parseXml('<a/>', { maxChars: 3, maxDepth: 5, maxElements: 5 }))).toBe('too-large');
		expect(refusal(() => parseXml('<a><a><a></a></a></a>', { maxChars: 100, maxDepth: 2, maxElements: 50 }))).toBe(
			'too-deep'
		);
		expect(refusal(() => parseXml('<a><b/><b/><b/></a>', { maxChars: 100, maxDepth: 5, maxElements: 3 }))).toBe(
			'too-many'
		);
		// The real limits: a million nested elements stops at the depth limit, quickly.
		expect(refusal(() => readCodebookFile('<a>'.repeat(1_000_000)))).toBe('too-deep');
		expect(refusal(() => readCodebookFile(`<a>${'<b/>'.repeat(300_000)}</a>`))).toBe('too-many');
	});

	it('refuses a file of another kind', () => {
		expect(refusal(() => readCodebookFile('<html><body/></html>'))).toBe('not-codebook');
	});

	it('refuses a project file, which may carry testimony text, as a codebook', () => {
		const project = `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="${GUID_A}" name="Work" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="${GUID_B}"><PlainTextContent>A fictional testimony.</PlainTextContent></TextSource></Sources></Project>`;
		expect(refusal(() => readCodebookFile(project))).toBe('not-codebook');
	});
});

const here = (id: string, name: string, parentId: string | null = null, colour = '#1f6feb') => ({
	id,
	name,
	parentId,
	colour
});

/**
 * A codebook written to the letter of Codebook.xsd, as MAXQDA and ATLAS.ti export one: default
 * namespace, bare lower-case GUIDs, six-digit colours, a code that only groups others, notes.
 */
const STANDARD = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 2024">
  <Codes>
    <Code guid="${GUID_A}" name="Work" isCodable="false" color="#1A7F37">
      <Description>Finding and keeping a job.</Description>
      <Code guid="${GUID_B}" name="Recognition of diplomas" isCodable="true" color="#1A7F37"/>
      <Code guid="${GUID_C}" name="ስራሕ ምርካብ" isCodable="true"/>
    </Code>
  </Codes>
  <Sets>
    <Set guid="6b2f0c1e-2222-4b3c-8d4e-000000000009" name="For the policy brief">
      <Description>Codes the brief quotes.</Description>
      <MemberCode guid="${GUID_B}"/>
    </Set>
  </Sets>
</CodeBook>`;

describe('a codebook written to the REFI-QDA schema', () => {
	it('is valid against Codebook.xsd, so the test file is one any tool must accept', async () => {
		expect(await schemaErrors(STANDARD, 'Codebook.xsd')).toEqual([]);
	});

	it('comes in whole: the grouping code, its two children in order, colours and descriptions', () => {
		const plan = planCodebookImport(readCodebookFile(STANDARD), []);
		expect(plan.counts).toEqual({ added: 3, existing: 0, skipped: 0 });
		expect(plan.sets).toBe(1);
		expect(plan.codes).toMatchObject([
			{ status: 'added', id: GUID_A, parentId: null, colour: '#1a7f37' },
			{ status: 'added', id: GUID_B, parentId: GUID_A, colour: '#1a7f37' },
			{ status: 'added', id: GUID_C, parentId: GUID_A, colour: '#1a7f37' }
		]);
		expect(plan.codes[2]).toMatchObject({ name: 'ስራሕ ምርካብ', path: ['Work', 'ስራሕ ምርካብ'] });
	});
});

describe('planning an import', () => {
	it('adds new codes under the code their parent became, with the file GUID as id and the parent colour', () => {
		const plan = planCodebookImport(readCodebookFile(NVIVO_STYLE), []);
		expect(plan.counts).toEqual({ added: 3, existing: 0, skipped: 0 });
		expect(plan.codes[0]).toMatchObject({ status: 'added', id: GUID_A, parentId: null, colour: '#aa00cc' });
		expect(plan.codes[1]).toMatchObject({
			status: 'added',
			id: GUID_B,
			parentId: GUID_A,
			colour: '#aa00cc',
			path: ['Housing & shelter', 'Évictions'],
			depth: 1
		});
		expect(plan.codes[2]).toMatchObject({ status: 'added', colour: IMPORT_DEFAULT_COLOUR });
	});

	it('matches by GUID first, then by name under the same parent, and changes neither', () => {
		const existing = [
			here(GUID_A, 'Logement', null, '#000000'),
			here('9d0b0e57-5a3b-4d2e-8f00-00000000000a', 'évictions', GUID_A)
		];
		const plan = planCodebookImport(readCodebookFile(NVIVO_STYLE), existing);
		expect(plan.codes.map((code) => code.status)).toEqual(['existing', 'existing', 'added']);
		expect(plan.codes[0]).toMatchObject({ by: 'guid', id: GUID_A });
		expect(plan.codes[1]).toMatchObject({ by: 'name', id: '9d0b0e57-5a3b-4d2e-8f00-00000000000a' });
		expect(plan.codeIdsByGuid.get(GUID_B)).toBe('9d0b0e57-5a3b-4d2e-8f00-00000000000a');
	});

	it('importing a second time finds every code already there', () => {
		const first = planCodebookImport(readCodebookFile(NVIVO_STYLE), []);
		const afterFirst = first.codes.flatMap((code) =>
			code.status === 'added' ? [here(code.id, code.name, code.parentId, code.colour)] : []
		);
		const second = planCodebookImport(readCodebookFile(NVIVO_STYLE), afterFirst);
		expect(second.counts).toEqual({ added: 0, existing: 3, skipped: 0 });
	});

	it('skips invalid, too long and duplicate codes with their reason, and the children of skipped codes', () => {
		const xml = `<CodeBook><Codes>
			<Code guid="not-a-guid" name="No GUID" isCodable="true"><Code guid="${GUID_B}" name="Child" isCodable="true"/></Code>
			<Code guid="${GUID_C}" name="   " isCodable="true"/>
			<Code guid="4f1c2d3e-1111-4a2b-9c3d-000000000004" name="${'x'.repeat(121)}" isCodable="true"/>
			<Code guid="4f1c2d3e-1111-4a2b-9c3d-000000000005" name="Twice" isCodable="true"/>
			<Code guid="4f1c2d3e-1111-4a2b-9c3d-000000000006" name="twice" isCodable="true"/>
			<Code guid="4f1c2d3e-1111-4a2b-9c3d-000000000005" name="Same GUID" isCodable="true"/>
		</Codes></CodeBook>`;
		const plan = planCodebookImport(readCodebookFile(xml), []);
		expect(plan.codes.map((code) => (code.status === 'skipped' ? code.reason : code.status))).toEqual([
			'invalid',
			'parent-skipped',
			'invalid',
			'too-long',
			'added',
			'duplicate',
			'duplicate'
		]);
	});
});
