import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSubmission, openSealed, readyCrypto, type SubmissionPayload } from '$lib/crypto';
import { FICTIONAL_MARKERS } from '$lib/demo/testimonies';
import { axeViolations } from './axe';
import { accountsIn, asStaff, printed, runDemo, startDemo, stop, type Account } from './demo-run';
import { databaseFiles, freePort, launchBrowser, startPortal, type RunningScript } from './harness';
import { staffKeyPairOf } from './research-corpus';
import { openStaffPage, signIn } from './staff-flows';

const REQUIRED_LANGUAGES = ['en', 'fr', 'it', 'cs', 'nl', 'ar', 'fa-AF', 'ti', 'so', 'pcm', 'uk'];

describe('npm run demo', () => {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-demo-'));
	const databasePath = path.join(dataDir, 'trips-voice.sqlite');
	let origin: string;
	let demo: RunningScript;
	let accounts: Account[];

	beforeAll(async () => {
		({ demo, origin, accounts } = await startDemo(dataDir, 180_000));
		expect(demo.output()).toContain('Current codes:');
	}, 200_000);

	afterAll(async () => {
		if (demo) await stop(demo);
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('prints an account for each role with its passphrase and TOTP secret, kept in the demo folder for the owner only', () => {
		expect(accounts.map((account) => account.role)).toEqual([
			'admin (also moderator and researcher)',
			'moderator',
			'moderator',
			'facilitator',
			'researcher',
			'researcher'
		]);
		for (const account of accounts) expect(account.secret.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{32}$/);
		expect(demo.output()).toContain(origin);
		expect(demo.output()).toContain('Everything in this demo is fictional');
		const accountsFile = path.join(dataDir, 'ACCOUNTS.txt');
		expect(fs.statSync(accountsFile).mode & 0o777).toBe(0o600);
		expect(accountsIn(fs.readFileSync(accountsFile, 'utf8'))).toEqual(accounts);
	});

	it('seals sixty fictional testimonies in the required languages, with voice notes, that the admin’s keys open', async () => {
		await readyCrypto();
		const admin = accounts[0];
		const database = new Database(databasePath, { readonly: true, fileMustExist: true });
		try {
			expect(database.prepare("select value from setting where key = 'demo'").pluck().get()).toBe('1');
			const keyPair = staffKeyPairOf(database, admin);
			const grant = database
				.prepare(
					`select k.channel_id, k.version, k.public_key, g.sealed_secret_key from channel_key_grant g
					 join channel_key k on k.id = g.channel_key_id join staff_user u on u.id = g.staff_user_id where u.username = ?`
				)
				.get(admin.username) as { channel_id: string; version: number; public_key: Buffer; sealed_secret_key: Buffer };
			const channelKeyPair = {
				publicKey: new Uint8Array(grant.public_key),
				secretKey: openSealed(new Uint8Array(grant.sealed_secret_key), keyPair)
			};
			const rows = database
				.prepare('select format_version, nonce, ciphertext, sealed_data_key from submission')
				.all() as { format_version: 1; nonce: Buffer; ciphertext: Buffer; sealed_data_key: Buffer }[];
			expect(rows.length).toBeGreaterThanOrEqual(60);
			const payloads: SubmissionPayload[] = rows.map((row) =>
				decryptSubmission(
					{
						formatVersion: row.format_version,
						nonce: new Uint8Array(row.nonce),
						ciphertext: new Uint8Array(row.ciphertext),
						sealedDataKey: new Uint8Array(row.sealed_data_key)
					},
					grant.channel_id,
					grant.version,
					channelKeyPair
				)
			);
			expect(new Set(payloads.map((payload) => payload.locale))).toEqual(new Set(REQUIRED_LANGUAGES));
			for (const payload of payloads) {
				expect(payload.answers[0].text.startsWith(FICTIONAL_MARKERS[payload.locale])).toBe(true);
			}
			const voiceNotes = payloads.filter((payload) => payload.answers.some((answer) => answer.voice));
			expect(voiceNotes.length).toBeGreaterThanOrEqual(5);
			expect(database.prepare('select count(*) from attachment where uploaded = 1').pluck().get()).toBe(
				voiceNotes.length
			);
		} finally {
			database.close();
		}
	});

	it('has testimonies moderated, redacted, decided and answered, and research records coded by two researchers', () => {
		const database = new Database(databasePath, { readonly: true, fileMustExist: true });
		try {
			const statuses = Object.fromEntries(
				(
					database.prepare('select status, count(*) as n from submission group by status').all() as {
						status: string;
						n: number;
					}[]
				).map(({ status, n }) => [status, n])
			);
			expect(statuses).toMatchObject({ approved: 24, rejected: 2, waiting: 3 });
			expect(database.prepare('select count(*) from moderation_draft').pluck().get()).toBeGreaterThan(24);
			expect(database.prepare('select count(*) from research_record').pluck().get()).toBe(24);
			const coders = database
				.prepare(
					`select u.username, count(*) as n from coding c join staff_user u on u.id = c.coder_id group by u.username`
				)
				.all();
			expect(coders).toEqual([
				{ username: 'demo.researcher', n: 24 },
				{ username: 'demo.researcher2', n: 24 }
			]);
			// The team lead revealed the blind round, so the agreement page compares the two.
			expect(database.prepare('select count(*) from coding_round where revealed_at is not null').pluck().get()).toBe(1);
			// Seeding put the proof of work and the intake budget back to their defaults.
			expect(database.prepare("select count(*) from setting where key = 'pow_difficulty'").pluck().get()).toBe(0);
		} finally {
			database.close();
		}
	});

	it('keeps no testimony text in plaintext on disk', () => {
		const files = databaseFiles({ databasePath });
		for (const marker of Object.values(FICTIONAL_MARKERS)) expect(files.includes(Buffer.from(marker))).toBe(false);
		expect(files.includes(Buffer.from('car wash we worked twelve hours'))).toBe(false);
	});

	it('says it is a demo on survivor pages, in their language and direction, and on staff pages, accessibly at 320 px', async () => {
		const browser = await launchBrowser({ width: 320 });
		try {
			const { page } = browser;
			await page.goto(`${origin}/ar`);
			const banner = page.getByRole('complementary', { name: 'نسخة تجريبية: كل الشهادات هنا خيالية.' });
			await banner.waitFor();
			expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
			expect(await axeViolations(page)).toEqual([]);
			await page.goto(`${origin}/staff/login`);
			await page.getByRole('complementary', { name: 'Demo: every testimony here is fictional.' }).waitFor();
			expect(await axeViolations(page)).toEqual([]);
		} finally {
			await browser.close();
		}
	});

	it('prints survivors’ receipts that open a thread with the team’s reply', async () => {
		const receipts = [...demo.output().matchAll(/^ {2}([\d -]{16,}) \((\S+)\)$/gm)];
		expect(receipts.map(([, , locale]) => locale)).toEqual(['en', 'fr']);
		const browser = await launchBrowser({ width: 320 });
		try {
			const { page } = browser;
			await page.goto(`${origin}/en/check`);
			await page.locator('html[data-ready]').waitFor();
			await page.locator('#receipt').fill(receipts[0][1]);
			await page.locator('main form button[type="submit"]').click();
			await page
				.getByText('[Fictional example] Thank you for writing to us.', { exact: false })
				.waitFor({ timeout: 30_000 });
		} finally {
			await browser.close();
		}
	});

	it('lets the demo moderator sign in and read a testimony', async () => {
		const moderator = asStaff(accounts[1]);
		const browser = await launchBrowser();
		try {
			const { page } = browser;
			await signIn(page, origin, moderator);
			await page.getByRole('heading', { name: 'Inbox' }).waitFor();
			await openStaffPage(page, `${origin}/staff`, moderator.passphrase);
			await page
				.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ })
				.first()
				.click();
			const answer = page.locator('article.answer').first();
			await answer.waitFor({ timeout: 30_000 });
			const markers = Object.values(FICTIONAL_MARKERS);
			const text = (await answer.textContent()) ?? '';
			expect(markers.some((marker) => text.includes(marker))).toBe(true);
		} finally {
			await browser.close();
		}
	});

	it('serves the same demo again on a second run, with the same accounts', async () => {
		await stop(demo);
		demo = runDemo(dataDir, await freePort());
		await printed(demo, 'To start afresh', 60_000);
		expect(demo.output()).not.toContain('Sealing');
		expect(accountsIn(demo.output())).toEqual(accounts);
	});
});

describe('the demo and real data', () => {
	it('refuses a data folder that holds a real portal, and touches nothing in it', async () => {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-demo-real-'));
		const databasePath = path.join(dataDir, 'trips-voice.sqlite');
		try {
			const database = new Database(databasePath);
			database.exec(
				"create table setting (key text primary key, value text not null); insert into setting values ('deployment_name', 'Lyon')"
			);
			database.close();
			const before = createHash('sha256').update(fs.readFileSync(databasePath)).digest('hex');
			const run = runDemo(dataDir, await freePort());
			expect(await run.exited).toBe(78);
			expect(run.output()).toContain('holds a portal that is not a demo');
			expect(fs.readdirSync(dataDir)).toEqual(['trips-voice.sqlite']);
			expect(createHash('sha256').update(fs.readFileSync(databasePath)).digest('hex')).toBe(before);
		} finally {
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('shows no demo banner on a real portal', async () => {
		const portal = await startPortal();
		try {
			for (const route of ['/fr', '/staff/login']) {
				const html = await (await fetch(portal.origin + route)).text();
				// The banner's element, not its class: the pages' CSS (inline) names the class anyway.
				expect(html).not.toContain('id="demo-banner-text"');
				expect(html).not.toMatch(/<aside class="demo-banner/);
			}
		} finally {
			await portal.stop();
		}
	});
});
