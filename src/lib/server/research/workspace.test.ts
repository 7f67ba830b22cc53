import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { codebook, createCode, mergeCode, setCodeArchived, updateCode, CodebookError } from './codebook';
import { db } from '../db';
import { auditEvent, coding, researchRecord } from '../db/schema';
import { addCodings, recodeCoding, removeCoding, visibleCodings } from './codings';
import { addRecord } from './fixtures';
import {
	corpusPageQuery,
	deleteMemo,
	recordExport,
	saveMemo,
	sealedCorpusPage,
	sealedMemos,
	CORPUS_PAGE_RECORDS,
	FIRST_CORPUS_PAGE_RECORDS,
	ResearchError
} from './workspace';
import { insertStaffUser } from '../accounts/staff';
import { fakeStaffUser, queryPlan, setUpTestDeployment, useTemporaryDatabase } from '../testing';

useTemporaryDatabase();

let adminId: string;
let otherId: string;
let recordId: string;

const blank = { description: '', inclusion: '', exclusion: '', example: '' };

beforeAll(() => {
	const deployment = setUpTestDeployment();
	adminId = deployment.adminId;
	otherId = insertStaffUser(fakeStaffUser('second.coder'), { secret: randomBytes(20), step: 0 });
	recordId = addRecord('2026-03', randomBytes(512));
});

const codeNamed = (name: string) => codebook(adminId).find((code) => code.name === name)!;

describe('the codebook', () => {
	it('is seeded once with the ten themes of the default codebook and their sub-codes', () => {
		const first = codebook(adminId);
		const second = codebook(otherId);
		expect(second).toEqual(first);
		const themes = first.filter((code) => code.parentId === null);
		expect(themes.map((code) => code.name)).toEqual([
			'Rights and legal status',
			'Safety and stability',
			'Housing',
			'Work and income',
			'Education, language and training',
			'Health and psycho-social support',
			'Social connections',
			'Services and identification',
			'Discrimination and culture',
			'Agency and strengths'
		]);
		expect(first.filter((code) => code.parentId === codeNamed('Housing').id).map((code) => code.name)).toContain(
			'Discrimination in renting'
		);
		expect(first).toHaveLength(10 + 54);
		expect(db().select().from(auditEvent).where(eq(auditEvent.action, 'codebook.seeded')).all()).toHaveLength(1);
	});

	it('refuses a second code of the same name at the same place, and a move under its own sub-code', () => {
		const housing = codeNamed('Housing');
		expect(() =>
			createCode(adminId, { ...blank, parentId: housing.id, name: 'collective accommodation', colour: '#123456' })
		).toThrow(CodebookError);
		const child = codeNamed('Collective accommodation');
		expect(() =>
			updateCode(adminId, housing.id, { ...blank, parentId: child.id, name: 'Housing', colour: housing.colour })
		).toThrow(/under itself/);
	});

	it('moves and renames codes, auditing what changed', () => {
		const created = createCode(adminId, { ...blank, parentId: null, name: 'Waiting', colour: '#aa00aa' });
		const moved = updateCode(adminId, created.id, {
			...blank,
			parentId: codeNamed('Housing').id,
			name: 'Waiting lists',
			colour: '#aa00aa'
		});
		expect(moved.parentId).toBe(codeNamed('Housing').id);
		const events = db().select().from(auditEvent).where(eq(auditEvent.subjectId, created.id)).all();
		expect(events.map((event) => [event.action, event.detail])).toEqual([
			['code.created', null],
			['code.updated', { changed: 'name,parentId' }]
		]);
	});

	it('merges a code into another: codings follow, a duplicate by the same coder is dropped, sub-codes move', () => {
		const source = createCode(adminId, { ...blank, parentId: null, name: 'Landlords', colour: '#111111' });
		const sub = createCode(adminId, { ...blank, parentId: source.id, name: 'Deposits', colour: '#111111' });
		const target = codeNamed('Discrimination in renting');
		addCodings(adminId, { recordId, field: '0.text', start: 0, end: 5, codeIds: [source.id, target.id] });
		addCodings(otherId, { recordId, field: '0.text', start: 0, end: 5, codeIds: [source.id] });
		expect(mergeCode(adminId, source.id, target.id)).toEqual({ moved: 1 });
		const onTarget = db()
			.select()
			.from(coding)
			.all()
			.filter((item) => item.codeId === target.id);
		expect(onTarget.map((item) => item.coderId).sort()).toEqual([adminId, otherId].sort());
		expect(codebook(adminId).find((code) => code.id === sub.id)?.parentId).toBe(target.id);
		expect(codebook(adminId).some((code) => code.id === source.id)).toBe(false);
	});
});

describe('codings', () => {
	it('store an address and a code, never text, and applying the same code twice changes nothing', () => {
		const code = codeNamed('Permit and renewal');
		const [first] = addCodings(adminId, { recordId, field: '1.translation', start: 3, end: 17, codeIds: [code.id] });
		const [again] = addCodings(adminId, { recordId, field: '1.translation', start: 3, end: 17, codeIds: [code.id] });
		expect(again.id).toBe(first.id);
		expect(Object.keys(db().select().from(coding).where(eq(coding.id, first.id)).get()!).sort()).toEqual(
			['codeId', 'coderId', 'createdAt', 'end', 'field', 'id', 'researchRecordId', 'roundId', 'start'].sort()
		);
	});

	it('refuse an empty range, an unknown record, a bad field and an archived code', () => {
		const code = codeNamed('Banking');
		expect(() => addCodings(adminId, { recordId, field: '0.text', start: 4, end: 4, codeIds: [code.id] })).toThrow(
			/at least one character/
		);
		expect(() =>
			addCodings(adminId, { recordId: randomUUID(), field: '0.text', start: 0, end: 4, codeIds: [code.id] })
		).toThrow(ResearchError);
		expect(() => addCodings(adminId, { recordId, field: 'title', start: 0, end: 4, codeIds: [code.id] })).toThrow(
			/field/
		);
		setCodeArchived(adminId, code.id, true);
		expect(() => addCodings(adminId, { recordId, field: '0.text', start: 0, end: 4, codeIds: [code.id] })).toThrow(
			/archived/
		);
		setCodeArchived(adminId, code.id, false);
	});

	it('are changed or removed only by their coder', () => {
		const [mine] = addCodings(adminId, {
			recordId,
			field: '0.text',
			start: 10,
			end: 20,
			codeIds: [codeNamed('Racism').id]
		});
		expect(() => removeCoding(otherId, mine.id)).toThrow(/Only the coder/);
		expect(() => recodeCoding(otherId, mine.id, codeNamed('Stigma').id)).toThrow(/Only the coder/);
		recodeCoding(adminId, mine.id, codeNamed('Stigma').id);
		expect(visibleCodings(adminId).find((item) => item.id === mine.id)?.codeId).toBe(codeNamed('Stigma').id);
		removeCoding(adminId, mine.id);
		expect(visibleCodings(adminId).some((item) => item.id === mine.id)).toBe(false);
	});
});

describe('memos', () => {
	const sealed = (id: string, version: number) => ({
		id,
		target: 'record' as const,
		targetId: recordId,
		corpusKeyVersion: 1,
		version,
		nonce: randomBytes(24),
		ciphertext: randomBytes(560)
	});

	it('are saved as ciphertext, versioned so a stale edit is refused, and changed only by their author', () => {
		const id = randomUUID();
		expect(saveMemo(adminId, sealed(id, 1))).toEqual({ version: 1 });
		expect(saveMemo(adminId, sealed(id, 2))).toEqual({ version: 2 });
		expect(() => saveMemo(adminId, sealed(id, 2))).toThrow(/changed since you opened it/);
		expect(() => saveMemo(otherId, sealed(id, 3))).toThrow(/Only the author/);
		expect(sealedMemos(adminId).find((memo) => memo.id === id)).toMatchObject({
			target: 'record',
			targetId: recordId,
			version: 2,
			authorId: adminId
		});
		expect(() => deleteMemo(otherId, id)).toThrow(/Only the author/);
		deleteMemo(adminId, id);
		expect(sealedMemos(adminId).some((memo) => memo.id === id)).toBe(false);
	});

	it('must be sealed under the current corpus key and be about something that exists', () => {
		expect(() => saveMemo(adminId, { ...sealed(randomUUID(), 1), corpusKeyVersion: 7 })).toThrow(/current corpus key/);
		expect(() => saveMemo(adminId, { ...sealed(randomUUID(), 1), targetId: randomUUID() })).toThrow(/no longer exists/);
	});
});

describe('exports', () => {
	it('are audited with their kind and number of records only', () => {
		recordExport(adminId, 'project-qdpx', 12);
		const event = db().select().from(auditEvent).where(eq(auditEvent.action, 'export.created')).all().at(-1)!;
		expect(event.detail).toEqual({ kind: 'project-qdpx', records: 12 });
		expect(event.actorId).toBe(adminId);
	});
});

describe('the sealed corpus', () => {
	it('comes in pages cut by bytes, newest month first, that together hold every record exactly once', () => {
		const added = [
			addRecord('2025-01', randomBytes(40_000)),
			addRecord('2025-02', randomBytes(40_000)),
			addRecord('2025-02', randomBytes(40_000)),
			addRecord('2025-03', randomBytes(90_000)),
			addRecord('2025-04', randomBytes(10_000))
		];
		const pages: ReturnType<typeof sealedCorpusPage>[] = [];
		for (let after: string | null = null; pages.length === 0 || after; after = pages.at(-1)!.page.next) {
			pages.push(sealedCorpusPage(adminId, after, 100_000));
			expect(pages.length).toBeLessThan(20);
		}
		const total = db().select().from(researchRecord).all().length;
		const records = pages.flatMap((page) => page.records);
		expect(records.map((record) => record.id).sort()).toEqual(
			db()
				.select({ id: researchRecord.id })
				.from(researchRecord)
				.all()
				.map((row) => row.id)
				.sort()
		);
		expect(new Set(records.map((record) => record.id)).size).toBe(total);
		expect(records.map((record) => record.approvedMonth)).toEqual(
			records
				.map((record) => record.approvedMonth)
				.sort()
				.reverse()
		);
		expect(pages.every((page) => page.page.total === total)).toBe(true);
		for (const page of pages) {
			const bytes = page.records.reduce((sum, record) => sum + record.ciphertext.length, 0);
			// One record alone may exceed a page (90,000 + its neighbour would not fit).
			expect(page.records.length === 1 || bytes <= 100_000).toBe(true);
		}
		expect(records.filter((record) => added.includes(record.id))).toHaveLength(5);
		expect(Object.keys(pages[0].keys)).not.toHaveLength(0);
	});

	it('starts with a page of one opening batch, so the browser starts decrypting early, then full pages', () => {
		const before = db().select().from(researchRecord).all().length;
		const needed = FIRST_CORPUS_PAGE_RECORDS + CORPUS_PAGE_RECORDS + 1 - before;
		// One transaction: 2,500 records each committed (and synced) alone took 8–38 s on a busy machine.
		db().transaction(() => {
			for (let index = 0; index < needed; index++) addRecord('2024-12', randomBytes(64));
		});
		const first = sealedCorpusPage(adminId, null);
		expect(first.records).toHaveLength(FIRST_CORPUS_PAGE_RECORDS);
		const second = sealedCorpusPage(adminId, first.page.next);
		expect(second.records).toHaveLength(CORPUS_PAGE_RECORDS);
		expect(second.page.next).not.toBeNull();
	});

	it('walks one index from the cursor for each page, never gathering and sorting the rest', () => {
		const walk = [
			'SEARCH research_record USING INDEX research_record_month_id ((approved_month,id)<(?,?))',
			'SEARCH corpus_key USING INTEGER PRIMARY KEY (rowid=?)',
			'SEARCH submission USING PRIMARY KEY (id=?)'
		];
		expect(queryPlan(corpusPageQuery({ month: '2025-02', id: randomUUID() }))).toEqual(walk);
		expect(queryPlan(corpusPageQuery(null))).toEqual([
			'SCAN research_record USING INDEX research_record_month_id',
			...walk.slice(1)
		]);
	});

	it('refuses a cursor it did not make', () => {
		expect(() => sealedCorpusPage(adminId, "2025-01' or 1=1 --")).toThrow(ResearchError);
	});
});
