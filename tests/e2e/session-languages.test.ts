import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { ADMIN, completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';

/**
 * A session's languages: its printed sheet speaks all of them, and its join, closed and
 * wrong-code pages speak the one the person chooses among them.
 */
let portal: RunningPortal;
let admin: EnrolledStaff;
let staff: Browser;

const text = (locale: string, key: string): string => readSurvivorCatalogue(locale)[key];
const RTL = ['ar', 'fa-AF', 'ps', 'ur', 'ckb'];

type Session = { id: string; code: string; link: string; page: string };
const sessions: Record<'mixed' | 'rtl', Session> = {
	mixed: { id: '', code: '', link: '', page: '' },
	rtl: { id: '', code: '', link: '', page: '' }
};

beforeAll(async () => {
	portal = await startPortal();
	staff = await launchBrowser({ width: 1280 });
	admin = await completeSetup(staff.page, portal.setupLink!);
	await openStaffPage(staff.page, `${portal.origin}/staff/admin/users`, admin.passphrase);
	const row = staff.page.locator(`tr[data-username="${ADMIN.username}"]`);
	await row.getByText('Change roles').click();
	await row.getByLabel(`Facilitator for ${ADMIN.channelName} (FR)`).check();
	await row.getByRole('button', { name: 'Save roles' }).click();
	await staff.page.getByText('Roles saved.').waitFor();
});

afterAll(async () => {
	await staff?.close();
	await portal?.stop();
});

async function createSession(label: string, languages: string[]): Promise<Session> {
	const { page } = staff;
	await openStaffPage(page, `${portal.origin}/staff/sessions`, admin.passphrase);
	await page.getByLabel('Label (no names of people or exact places)').fill(label);
	for (const language of languages) await page.locator(`#locale-${language}`).check();
	await page.getByRole('button', { name: 'Create session' }).click();
	await page.getByTestId('session-qr').waitFor();
	const code = (await page.getByTestId('join-code').textContent())?.trim() ?? '';
	return {
		id: new URL(page.url()).pathname.split('/').at(-1) ?? '',
		code,
		link: (await page.getByTestId('join-link').textContent())?.trim() ?? '',
		page: page.url()
	};
}

/** The page as it was served: the document's language and direction, its heading, its exit button. */
async function shown(page: Page) {
	await page.locator('html[data-ready]').waitFor();
	return {
		lang: await page.locator('html').getAttribute('lang'),
		dir: await page.locator('html').getAttribute('dir'),
		heading: (await page.locator('main h1').textContent())?.trim(),
		exit: (await page.locator('header .exit-button').textContent())?.trim()
	};
}

async function fitsAndPassesAxe(page: Page, where: string) {
	expect.soft(await axeViolations(page), where).toEqual([]);
	expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(320);
}

describe('a session in Dari, Somali and Ukrainian', () => {
	it('prints its sheet in all three languages, each in its own direction', async () => {
		sessions.mixed = await createSession('Thursday language café', ['fa-AF', 'so', 'uk']);
		const { page } = staff;
		const sheet = page.locator('article.sheet');
		const blocks = sheet.locator('section[lang]');
		expect(
			await blocks.evaluateAll((all) => all.map((block) => [block.getAttribute('lang'), block.getAttribute('dir')]))
		).toEqual([
			['fa-AF', 'rtl'],
			['so', 'ltr'],
			['uk', 'ltr']
		]);
		for (const locale of ['fa-AF', 'so', 'uk']) {
			const block = sheet.locator(`section[lang="${locale}"]`);
			expect(await block.locator('h2').textContent()).toBe(text(locale, 'sheet_title'));
			expect(await block.textContent()).toContain(text(locale, 'sheet_privacy'));
			// Each language's link opens the join page in that language.
			const link = (await block.getByTestId('sheet-link').textContent())?.trim();
			expect(link).toBe(`${portal.origin}/${locale}/s/${sessions.mixed.code}`);
		}
		expect(await sheet.textContent()).not.toContain('Tell us what you need');
		// The QR code and the printed link lead to the first language.
		expect(sessions.mixed.link).toBe(`${portal.origin}/fa-AF/s/${sessions.mixed.code}`);

		await page.emulateMedia({ media: 'print' });
		try {
			expect(await sheet.isVisible()).toBe(true);
			expect(await page.locator('main section.no-print').first().isVisible()).toBe(false);
		} finally {
			await page.emulateMedia({ media: 'screen' });
		}
	});

	it('opens its join page in the first session language and lets the person choose among the three', async () => {
		const survivor = await launchBrowser({ width: 320 });
		try {
			const { page } = survivor;
			// The bare link, as someone types it from memory: the session's first language.
			await page.goto(`${portal.origin}/s/${sessions.mixed.code.toLowerCase()}`);
			await page.waitForURL(`${portal.origin}/fa-AF/s/${sessions.mixed.code}`);
			expect(await shown(page)).toEqual({
				lang: 'fa-AF',
				dir: 'rtl',
				heading: text('fa-AF', 'session_join_title'),
				exit: text('fa-AF', 'exit_button')
			});
			await fitsAndPassesAxe(page, 'join page in Dari');
			const choices = page.locator('main nav a[hreflang]');
			expect(await choices.evaluateAll((links) => links.map((link) => link.getAttribute('hreflang')))).toEqual([
				'fa-AF',
				'so',
				'uk'
			]);
			expect(await choices.first().getAttribute('aria-current')).toBe('true');

			await choices.nth(2).click();
			await page.waitForURL(`${portal.origin}/uk/s/${sessions.mixed.code}`);
			expect(await shown(page)).toEqual({
				lang: 'uk',
				dir: 'ltr',
				heading: text('uk', 'session_join_title'),
				exit: text('uk', 'exit_button')
			});
			await fitsAndPassesAxe(page, 'join page in Ukrainian');

			// Begin: into the flow in the chosen language, with the session attached.
			await page.locator('main a.button').first().click();
			await page.waitForURL(new RegExp(`/uk/tell\\?s=${sessions.mixed.id}$`));
		} finally {
			await survivor.close();
		}
	});

	it('leaves no page of the portal behind in history when the person changes language, then goes Back', async () => {
		const survivor = await launchBrowser({ width: 320 });
		try {
			const { page } = survivor;
			await page.goto(`${portal.origin}/s/${sessions.mixed.code}`);
			await page.locator('html[data-ready]').waitFor();
			await page.locator('main nav a[hreflang="so"]').click();
			await page.waitForURL(`${portal.origin}/so/s/${sessions.mixed.code}`);
			// A link clicked before the page's script runs is an ordinary link: wait for the script.
			await page.locator('html[data-ready]').waitFor();
			await page.locator('main nav a[hreflang="uk"]').click();
			await page.waitForURL(`${portal.origin}/uk/s/${sessions.mixed.code}`);
			await page.locator('html[data-ready]').waitFor();
			// One history entry for the whole visit: Back leaves the portal, it does not walk the languages.
			await page.goBack().catch(() => {});
			expect(page.url().startsWith(portal.origin)).toBe(false);
		} finally {
			await survivor.close();
		}
	});

	it('keeps the language of the link when it is one of the session’s, and replaces one that is not', async () => {
		const survivor = await launchBrowser({ width: 320 });
		try {
			const { page } = survivor;
			await page.goto(`${portal.origin}/so/s/${sessions.mixed.code}`);
			expect((await shown(page)).heading).toBe(text('so', 'session_join_title'));
			expect(page.url()).toBe(`${portal.origin}/so/s/${sessions.mixed.code}`);

			await page.goto(`${portal.origin}/fr/s/${sessions.mixed.code}`);
			await page.waitForURL(`${portal.origin}/fa-AF/s/${sessions.mixed.code}`);
			expect((await shown(page)).lang).toBe('fa-AF');
		} finally {
			await survivor.close();
		}
	});

	it('answers, once closed, in the person’s choice among its languages', async () => {
		const { page } = staff;
		await openStaffPage(page, sessions.mixed.page, admin.passphrase);
		await page.getByRole('button', { name: 'Close the session now' }).click();
		await page.getByText('The session is closed.').waitFor();
		const survivor = await launchBrowser({ width: 320 });
		try {
			const visitor = survivor.page;
			await visitor.goto(`${portal.origin}/s/${sessions.mixed.code}`);
			await visitor.waitForURL(`${portal.origin}/fa-AF/s/${sessions.mixed.code}`);
			expect(await shown(visitor)).toEqual({
				lang: 'fa-AF',
				dir: 'rtl',
				heading: text('fa-AF', 'session_closed_title'),
				exit: text('fa-AF', 'exit_button')
			});
			await fitsAndPassesAxe(visitor, 'closed page in Dari');
			await visitor.locator('main nav a[hreflang="so"]').click();
			await visitor.waitForURL(`${portal.origin}/so/s/${sessions.mixed.code}`);
			expect((await shown(visitor)).heading).toBe(text('so', 'session_closed_title'));
			await fitsAndPassesAxe(visitor, 'closed page in Somali');
			// No way into the closed session's flow: only the main site.
			expect(await visitor.locator(`main a[href*="${sessions.mixed.id}"]`).count()).toBe(0);
		} finally {
			await survivor.close();
		}
		await page.getByRole('button', { name: 'Reopen the session' }).click();
		await page.getByText('The session is open again.').waitFor();
	});

	it('answers a wrong code in the language of the link it came from', async () => {
		const survivor = await launchBrowser({ width: 320 });
		try {
			const { page } = survivor;
			for (const locale of ['so', 'fa-AF', 'uk']) {
				const wrong = `${portal.origin}/${locale}/s/WRONG23456`;
				await page.goto(wrong);
				expect(await shown(page)).toEqual({
					lang: locale,
					dir: locale === 'fa-AF' ? 'rtl' : 'ltr',
					heading: text(locale, 'session_unknown_title'),
					exit: text(locale, 'exit_button')
				});
				expect(page.url()).toBe(wrong);
				await fitsAndPassesAxe(page, `wrong code in ${locale}`);
			}
		} finally {
			await survivor.close();
		}
	});
});

describe('a session in the five right-to-left languages', () => {
	it('prints each block right to left and opens the join page right to left in each', async () => {
		sessions.rtl = await createSession('Women’s circle', RTL);
		const sheet = staff.page.locator('article.sheet');
		expect(
			await sheet.locator('section[lang]').evaluateAll((all) => all.map((block) => block.getAttribute('dir')))
		).toEqual(RTL.map(() => 'rtl'));
		const survivor = await launchBrowser({ width: 320 });
		try {
			const { page } = survivor;
			await page.goto(`${portal.origin}/s/${sessions.rtl.code}`);
			await page.waitForURL(`${portal.origin}/ar/s/${sessions.rtl.code}`);
			for (const locale of RTL) {
				await page.locator(`main nav a[hreflang="${locale}"]`).click();
				await page.waitForURL(`${portal.origin}/${locale}/s/${sessions.rtl.code}`);
				expect(await shown(page)).toEqual({
					lang: locale,
					dir: 'rtl',
					heading: text(locale, 'session_join_title'),
					exit: text(locale, 'exit_button')
				});
				await fitsAndPassesAxe(page, `join page in ${locale}`);
			}
		} finally {
			await survivor.close();
		}
	});
});
