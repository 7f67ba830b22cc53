import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { codebook } from './codebook';
import { importCodebook, previewCodebookImport, CODEBOOK_IMPORT_MAX_CHARS } from './codebook-import';
import { CodebookError } from './codebook';
import { db } from '../db';
import { auditEvent, code } from '../db/schema';
import { setUpTestDeployment, useTemporaryDatabase } from '../testing';

useTemporaryDatabase();

let adminId: string;

beforeAll(() => {
	adminId = setUpTestDeployment().adminId;
	codebook(adminId); // the default codebook, as the workspace seeds it
});

const GUID_TOP = '0b7c4a52-3f9e-4c1d-9a8b-5e6f7a8b9c01';
const GUID_CHILD = '0b7c4a52-3f9e-4c1d-9a8b-5e6f7a8b9c02';

/** A codebook as QualCoder writes one, with a theme that is already here by name. */
const QUALCODER_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QualCoder">
<Codes>
<Code guid="${GUID_TOP}" name="Waiting for papers" isCodable="true" color="#3b7dd8">
<Description>Months without a decision; letters not understood.</Description>
<Code guid="${GUID_CHILD}" name="ফর্ম বোঝা যায় না" isCodable="true" color="#3b7dd8"/>
</Code>
<Code guid="0b7c4a52-3f9e-4c1d-9a8b-5e6f7a8b9c03" name="HOUSING" isCodable="true"/>
<Code guid="0b7c4a52-3f9e-4c1d-9a8b-5e6f7a8b9c04" name="" isCodable="true"/>
</Codes>
</CodeBook>`;

const imports = () => db().select().from(auditEvent).where(eq(auditEvent.action, 'codebook.imported')).all();

function refusalOf(run: () => unknown): { key: string | undefined; status: number } {
	try {
		run();
	} catch (cause) {
		if (cause instanceof CodebookError) return { key: cause.refusal?.key, status: cause.status };
		throw cause;
	}
	throw new Error('expected a refusal');
}

describe('importing a codebook', () => {
	it('previews without writing anything', () => {
		const before = db().select().from(code).all().length;
		const preview = previewCodebookImport(QUALCODER_STYLE);
		expect(preview.applied).toBe(false);
		expect(preview.counts).toEqual({ added: 2, existing: 1, skipped: 1 });
		const why = (entry: (typeof preview.codes)[number]) =>
			entry.status === 'skipped' ? entry.reason : entry.status === 'existing' ? entry.by : null;
		expect(preview.codes.map((entry) => [entry.name, entry.status, why(entry)])).toEqual([
			['Waiting for papers', 'added', null],
			['ফর্ম বোঝা যায় না', 'added', null],
			['HOUSING', 'existing', 'name'],
			['', 'skipped', 'invalid']
		]);
		expect(preview.codes[0]).toMatchObject({ guid: GUID_TOP, id: GUID_TOP });
		expect(db().select().from(code).all()).toHaveLength(before);
		expect(imports()).toHaveLength(0);
	});

	it('adds the new codes in one audited action, and a second import (or a double click) adds nothing', () => {
		const before = db().select().from(code).all().length;
		const done = importCodebook(adminId, QUALCODER_STYLE);
		expect(done).toMatchObject({ applied: true, counts: { added: 2, existing: 1, skipped: 1 } });
		const top = db().select().from(code).where(eq(code.id, GUID_TOP)).get()!;
		expect(top).toMatchObject({
			parentId: null,
			name: 'Waiting for papers',
			colour: '#3b7dd8',
			description: 'Months without a decision; letters not understood.',
			createdBy: adminId,
			archived: false
		});
		expect(db().select().from(code).where(eq(code.id, GUID_CHILD)).get()).toMatchObject({
			parentId: GUID_TOP,
			name: 'ফর্ম বোঝা যায় না'
		});
		expect(db().select().from(code).all()).toHaveLength(before + 2);
		expect(imports()).toHaveLength(1);
		expect(imports()[0]).toMatchObject({ actorId: adminId, detail: { added: 2, existing: 1, skipped: 1, sets: 0 } });

		const again = importCodebook(adminId, QUALCODER_STYLE);
		expect(again.counts).toEqual({ added: 0, existing: 3, skipped: 1 });
		expect(db().select().from(code).all()).toHaveLength(before + 2);
		expect(imports()).toHaveLength(1);
	});

	it('puts imported codes after the codes already under the same parent', () => {
		const housing = codebook(adminId).find((entry) => entry.name === 'Housing' && entry.parentId === null)!;
		const children = codebook(adminId).filter((entry) => entry.parentId === housing.id);
		const xml = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0b7c4a52-3f9e-4c1d-9a8b-5e6f7a8b9c10" name="Housing" isCodable="true"><Code guid="0b7c4a52-3f9e-4c1d-9a8b-5e6f7a8b9c11" name="Heating" isCodable="true"/></Code></Codes></CodeBook>`;
		importCodebook(adminId, xml);
		const heating = db().select().from(code).where(eq(code.id, '0b7c4a52-3f9e-4c1d-9a8b-5e6f7a8b9c11')).get()!;
		expect(heating.parentId).toBe(housing.id);
		expect(heating.position).toBe(Math.max(...children.map((child) => child.position)) + 1);
		// The theme kept its own colour and took no GUID of the file.
		expect(db().select().from(code).where(eq(code.id, '0b7c4a52-3f9e-4c1d-9a8b-5e6f7a8b9c10')).get()).toBeUndefined();
	});

	it('refuses hostile and malformed files with a keyed 4xx, writing nothing', () => {
		const before = db().select().from(code).all().length;
		const bomb = `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><CodeBook><Codes><Code guid="${GUID_TOP}" name="&a;" isCodable="true"/></Codes></CodeBook>`;
		expect(refusalOf(() => importCodebook(adminId, bomb))).toEqual({
			key: 'staff_refusals_import_doctype',
			status: 400
		});
		expect(refusalOf(() => importCodebook(adminId, '<CodeBook>'))).toEqual({
			key: 'staff_refusals_import_malformed',
			status: 400
		});
		expect(refusalOf(() => previewCodebookImport('<CodeBook><Codes/></CodeBook>'))).toEqual({
			key: 'staff_refusals_import_not_codebook',
			status: 400
		});
		expect(refusalOf(() => previewCodebookImport(' '.repeat(CODEBOOK_IMPORT_MAX_CHARS + 1)))).toEqual({
			key: 'staff_refusals_import_too_large',
			status: 413
		});
		expect(db().select().from(code).all()).toHaveLength(before);
	});
});
