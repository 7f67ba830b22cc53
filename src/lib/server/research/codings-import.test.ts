import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { codebook, setCodeArchived } from './codebook';
import { importCodings } from './codings';
import { addApprovedSubmission, addRecord } from './fixtures';
import { db } from '../db';
import { auditEvent, coding, submission } from '../db/schema';
import { withdraw } from '../intake/receipts';
import { sha256 } from '../security/tokens';
import { setUpTestDeployment, useTemporaryDatabase } from '../testing';

useTemporaryDatabase();

let adminId: string;
let recordId: string;
let goneId: string;
let codeId: string;
let archivedId: string;

beforeAll(() => {
	adminId = setUpTestDeployment().adminId;
	const codes = codebook(adminId);
	codeId = codes[1].id;
	archivedId = setCodeArchived(adminId, codes[2].id, true).id;
	recordId = addRecord('2026-03', randomBytes(512));
	// A testimony withdrawn by its author after the export: its record is gone with it.
	const lookupToken = randomBytes(32);
	const submissionId = addApprovedSubmission();
	db()
		.update(submission)
		.set({ receiptLookupHash: sha256(lookupToken) })
		.where(eq(submission.id, submissionId))
		.run();
	goneId = addRecord('2026-03', randomBytes(512), submissionId);
	withdraw(lookupToken);
});

const imports = () => db().select().from(auditEvent).where(eq(auditEvent.action, 'codings.imported')).all();

describe('importing codings', () => {
	it('adds the importer’s codings, refuses withdrawn records and unusable codes, and audits once', () => {
		const result = importCodings(adminId, [
			{ recordId, field: '0.text', start: 3, end: 9, codeId },
			{ recordId, field: '1.translation', start: 0, end: 4, codeId },
			{ recordId: goneId, field: '0.text', start: 3, end: 9, codeId },
			{ recordId: randomUUID(), field: '0.text', start: 3, end: 9, codeId },
			{ recordId, field: '0.text', start: 3, end: 9, codeId: archivedId },
			{ recordId, field: '0.text', start: 3, end: 9, codeId: randomUUID() },
			{ recordId, field: '0.nothing', start: 3, end: 9, codeId },
			{ recordId, field: '0.text', start: 9, end: 9, codeId }
		]);
		expect(result.counts).toEqual({ added: 2, existing: 0, refused: 6 });
		expect(result.codings.map((item) => [item.field, item.start, item.end, item.coderId])).toEqual([
			['0.text', 3, 9, adminId],
			['1.translation', 0, 4, adminId]
		]);
		expect(db().select().from(coding).where(eq(coding.researchRecordId, goneId)).all()).toEqual([]);
		expect(imports()).toHaveLength(1);
		expect(imports()[0].detail).toEqual({ added: 2, existing: 0, refused: 6 });
	});

	it('adds nothing the second time (a double click, or the same file again)', () => {
		const before = db().select().from(coding).all().length;
		const again = importCodings(adminId, [
			{ recordId, field: '0.text', start: 3, end: 9, codeId },
			{ recordId, field: '1.translation', start: 0, end: 4, codeId }
		]);
		expect(again.counts).toEqual({ added: 0, existing: 2, refused: 0 });
		expect(db().select().from(coding).all()).toHaveLength(before);
		expect(imports()).toHaveLength(1);
	});
});
