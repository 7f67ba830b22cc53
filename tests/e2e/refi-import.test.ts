import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '../../src/lib/crypto';
import { codePointLength, sliceCodePoints } from '../../src/lib/research/offsets';
import { axeViolations } from './axe';
import { codeId, section } from './coding-flows';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { fillCorpus } from './research-corpus';
import { readRows } from './staff-api';
import { completeSetup, openStaffPage, signIn, type EnrolledStaff } from './staff-flows';

/*
 * A project exported here, coded further "in another tool" (this test edits the exported XML as
 * QualCoder or NVivo would: a new code, new selections counted in code points) and imported back
 * through the codebook page. The records are in Bengali (with vowel signs and a virama), Tigrinya
 * and Arabic, each with an emoji before the coded words; one is withdrawn after the export.
 */

const TEXTS = [
	'ডাক্তারের কাছে যেতে ভয় লাগে 😟 কারণ কাগজ নেই।',
	'ስራሕ ምርካብ ከቢዱኒ 😔 ቋንቋ ኣይፈልጥን።',
	'صاحب الشقة 🏠 قال لا نؤجر للاجئين.'
];
const NEW_CODE = { guid: '5d1e0c4b-7a2f-4e3d-9b1c-0a2b3c4d5e6f', name: 'Waiting rooms ⏳ غرفة الانتظار' };

let portal: RunningPortal;
let admin: EnrolledStaff;
let browser: Browser;
let page: Page;
let recordIds: string[];
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-refi-import-'));

beforeAll(async () => {
	await readyCrypto();
	portal = await startPortal();
	const setup = await launchBrowser();
	admin = await completeSetup(setup.page, portal.setupLink!);
	await setup.close();
	recordIds = fillCorpus(portal, admin, 3, (record, answer) =>
		answer === 0 ? TEXTS[record] : `Answer ${answer} of record ${record}.`
	);
	browser = await launchBrowser({ width: 1280 });
	page = browser.page;
	await signIn(page, portal.origin, admin);
	await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await portal?.stop();
	fs.rmSync(folder, { recursive: true, force: true });
});

async function openCorpus() {
	await openStaffPage(page, `${portal.origin}/staff/research`, admin.passphrase);
	await page.getByTestId('opened').waitFor({ timeout: 60_000 });
}

/** Where a phrase sits in a source file, in code points, as a Python-based tool counts it. */
function range(source: string, phrase: string): { start: number; end: number } {
	const at = source.indexOf(phrase);
	if (at < 0) throw new Error(`Not in the source: ${phrase}`);
	const start = codePointLength(source.slice(0, at));
	return { start, end: start + codePointLength(phrase) };
}

let selections = 0;
function selection({ start, end }: { start: number; end: number }, codeGuid: string): string {
	const guid = `6c000000-0000-4000-8000-${(++selections).toString(16).padStart(12, '0')}`;
	return `<PlainTextSelection guid="${guid}" startPosition="${start}" endPosition="${end}"><Coding guid="${guid.replace('6c', '6d')}"><CodeRef targetGUID="${codeGuid}"/></Coding></PlainTextSelection>`;
}

/** Withdraws a testimony as its author would: the submission goes, and its research record with it. */
function withdraw(recordId: string) {
	const database = new Database(portal.databasePath);
	database.pragma('foreign_keys = ON');
	database
		.prepare('delete from submission where id = (select submission_id from research_record where id = ?)')
		.run(recordId);
	database.close();
}

/** Chooses a file for the import field and waits for the preview or the refusal. */
async function choose(file: string) {
	await page.getByLabel('Codebook or project file').setInputFiles(file);
	await page.locator('[data-import-preview], .import [role="alert"]').first().waitFor({ timeout: 30_000 });
}

const summary = (kind: 'codes' | 'codings') => page.locator(`[data-import-summary="${kind}"]`).textContent();
const audited = (action: string) =>
	readRows<{ detail: string }>(portal, 'select detail from audit_event where action = ?', action);

describe('importing REFI-QDA files on the codebook page', () => {
	let projectFile: string;

	it('exports the project, which another tool codes further', async () => {
		await openCorpus();
		await section(page, 'Exports');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Download project (.qdpx)' }).click()
		]);
		const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
		let project = strFromU8(files['project.qde']);
		const source = (index: number) => strFromU8(files[`sources/${recordIds[index]}.txt`]);
		const housing = codeId(portal, 'Housing');
		// The other tool adds a code and codes passages after each emoji, on the new code and on one of ours.
		project = project.replace(
			'<Codes>',
			`<Codes>\n<Code guid="${NEW_CODE.guid}" name="${NEW_CODE.name}" isCodable="true" color="#884400"/>`
		);
		const add = (index: number, xml: string) => {
			project = project.replace(
				new RegExp(`(<TextSource guid="${recordIds[index]}"[^>]*?)(/?)>`),
				(_, open, selfClosing) => (selfClosing ? `${open}>${xml}</TextSource>` : `${open}>${xml}`)
			);
		};
		add(0, selection(range(source(0), 'ভয় লাগে 😟 কারণ'), NEW_CODE.guid));
		add(1, selection(range(source(1), 'ቋንቋ ኣይፈልጥን'), housing));
		add(2, selection(range(source(2), 'قال لا نؤجر'), housing));
		files['project.qde'] = strToU8(project);
		projectFile = path.join(folder, 'recoded.qdpx');
		fs.writeFileSync(projectFile, zipSync(files));
	});

	it('shows what the project would add, and never brings a withdrawn testimony back', async () => {
		// The Arabic testimony is withdrawn after the export.
		withdraw(recordIds[2]);
		await openCorpus();
		await section(page, 'Codebook');
		const before = readRows(portal, 'select id from code').length;
		await choose(projectFile);
		expect(await summary('codes')).toBe(`Codes to add: 1. Already here: ${before}. Skipped: 0.`);
		expect(await summary('codings')).toBe('Codings to add: 2. Already here: 0. In conflict, not imported: 1.');
		const conflicts = await page.locator('[data-import-list="conflicts"] li').allTextContents();
		expect(conflicts).toHaveLength(1);
		expect(conflicts[0]).toContain('the testimony is not in the open corpus');
		const toAdd = await page.locator('[data-import-list="codings-added"] li').allTextContents();
		expect(toAdd.join('\n')).toContain('“ভয় লাগে 😟 কারণ”');
		expect(toAdd.join('\n')).toContain('“ቋንቋ ኣይፈልጥን”');
		expect(readRows(portal, 'select id from coding')).toHaveLength(0);
		expect(readRows(portal, 'select id from code')).toHaveLength(before);
	});

	it('is readable at 320 px and clean for assistive technology', async () => {
		await page.setViewportSize({ width: 320, height: 800 });
		expect(await axeViolations(page)).toEqual([]);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.setViewportSize({ width: 1280, height: 800 });
	});

	it('imports on a double click once, with the codings on exactly the coded words', async () => {
		await page.getByRole('button', { name: 'Import', exact: true }).dblclick();
		await page.getByRole('status').filter({ hasText: 'Import done. Codes added: 1. Codings added: 2.' }).waitFor();
		const codings = readRows<{
			research_record_id: string;
			field: string;
			start: number;
			end: number;
			code_id: string;
		}>(portal, 'select research_record_id, field, start, end, code_id from coding order by start');
		expect(codings).toHaveLength(2);
		const coded = codings.map((row) => [
			row.field,
			sliceCodePoints(TEXTS[recordIds.indexOf(row.research_record_id)], row.start, row.end),
			row.code_id
		]);
		expect(coded).toEqual(
			expect.arrayContaining([
				['0.text', 'ভয় লাগে 😟 কারণ', NEW_CODE.guid],
				['0.text', 'ቋንቋ ኣይፈልጥን', codeId(portal, 'Housing')]
			])
		);
		expect(audited('codebook.imported')).toHaveLength(1);
		expect(audited('codings.imported')).toHaveLength(1);
		for (const { detail } of [...audited('codebook.imported'), ...audited('codings.imported')])
			for (const text of TEXTS) expect(detail).not.toContain(text.slice(0, 6));
		// The workspace shows them: the new code is in the tree with its coding.
		const node = page.locator(`li.code[data-code-id="${NEW_CODE.guid}"]`);
		await expect.poll(() => node.locator('.code-name').first().textContent()).toContain(NEW_CODE.name);
		await expect.poll(() => node.locator('.meta').first().textContent()).toContain('1 coding');
	});

	it('finds everything already there when the same file is imported again', async () => {
		await choose(projectFile);
		expect(await summary('codings')).toBe('Codings to add: 0. Already here: 2. In conflict, not imported: 1.');
		expect(await summary('codes')).toMatch(/^Codes to add: 0\. Already here: \d+\. Skipped: 0\.$/);
		expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
		await page.getByRole('button', { name: 'Cancel' }).click();
	});

	it('imports a codebook from another tool and refuses a hostile one without echoing it', async () => {
		const qdc = path.join(folder, 'nvivo.qdc');
		fs.writeFileSync(
			qdc,
			`\uFEFF<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo"><Codes>
<Code guid="{9E1A2B3C-4D5E-4F60-8A7B-1C2D3E4F5A6B}" name="Housing" isCodable="true">
<Code guid="{9E1A2B3C-4D5E-4F60-8A7B-1C2D3E4F5A6C}" name="Heating in winter" isCodable="true" color="#C04000"><Description>Cold rooms, no money for gas.</Description></Code>
</Code></Codes><Sets><Set guid="9e1a2b3c-4d5e-4f60-8a7b-1c2d3e4f5a6d" name="Report"/></Sets></CodeBook>`
		);
		await choose(qdc);
		expect(await summary('codes')).toBe('Codes to add: 1. Already here: 1. Skipped: 0.');
		await expect.poll(() => page.getByText('not imported because the codebook here has no sets: 1.').count()).toBe(1);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page.getByRole('status').filter({ hasText: 'Import done. Codes added: 1. Codings added: 0.' }).waitFor();
		expect(
			readRows<{ parent_id: string }>(portal, 'select parent_id from code where name = ?', 'Heating in winter')
		).toEqual([{ parent_id: codeId(portal, 'Housing') }]);

		const bomb = path.join(folder, 'bomb.qdc');
		fs.writeFileSync(
			bomb,
			`<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "secretword"><!ENTITY b "&a;&a;&a;&a;">]><CodeBook><Codes><Code guid="9e1a2b3c-4d5e-4f60-8a7b-1c2d3e4f5a60" name="&b;" isCodable="true"/></Codes></CodeBook>`
		);
		const codes = readRows(portal, 'select id from code').length;
		await choose(bomb);
		const alert = await page.locator('.import [role="alert"]').textContent();
		expect(alert).toContain('declares a document type or entities');
		expect(alert).not.toContain('secretword');
		expect(readRows(portal, 'select id from code')).toHaveLength(codes);
	});

	it('brings nothing back to a testimony withdrawn while the preview was open', async () => {
		const files = unzipSync(new Uint8Array(fs.readFileSync(projectFile)));
		const source = strFromU8(files[`sources/${recordIds[0]}.txt`]);
		files['project.qde'] = strToU8(
			strFromU8(files['project.qde']).replace(
				new RegExp(`(<TextSource guid="${recordIds[0]}"[^>]*>)`),
				`$1${selection(range(source, 'কাগজ নেই'), codeId(portal, 'Housing'))}`
			)
		);
		const later = path.join(folder, 'recoded-again.qdpx');
		fs.writeFileSync(later, zipSync(files));
		await choose(later);
		expect(await summary('codings')).toBe('Codings to add: 1. Already here: 2. In conflict, not imported: 1.');
		withdraw(recordIds[0]);
		await page.getByRole('button', { name: 'Import', exact: true }).click();
		await page
			.getByRole('status')
			.filter({ hasText: 'Codings added: 0. Not imported because something changed since the preview' })
			.waitFor();
		expect(readRows(portal, 'select id from coding where research_record_id = ?', recordIds[0])).toEqual([]);
		expect(readRows(portal, 'select id from research_record where id = ?', recordIds[0])).toEqual([]);
	});
});
