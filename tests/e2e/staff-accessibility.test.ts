import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { readRows } from './staff-api';
import { ADMIN, completeSetup, openStaffPage, unlock, type EnrolledStaff } from './staff-flows';
import {
	checkPage,
	describeFocus,
	englishShown,
	expectedFindings,
	followLink,
	postAction,
	seedStaffWork,
	staffPageRoutes,
	staffPattern,
	staffWords,
	type PageFindings,
	type StaffWork
} from './staff-pages';
import { finishAfterReceipt, tellTestimony } from './survivor-flows';

/**
 * Every staff page, at a desktop width and at 375 px, with real content in it: axe-core finds
 * nothing, nothing pans sideways, and the first Tab reaches a skip link that lands in the page's
 * one main landmark. Each page's findings are compared whole, so one failure lists them all.
 *
 * The signed-in pages are walked in the partners' languages, as the people who use them work:
 * the inbox, testimony, sessions and admin pages by a French moderator and admin, the research
 * workspace by a Czech researcher. Every string is theirs, no English sentence of the staff
 * catalogues is left on a page, and the longer words still fit a phone.
 */
let portal: RunningPortal;
let admin: EnrolledStaff;
let staff: Browser;
let work: StaffWork;
let submissionId = '';
const SESSION = 'Thursday evening group at the community centre';
const checked = new Map<string, PageFindings>();
/** The staff language the signed-in browser's pages are shown in. */
let shownIn = 'en';
const words = (key: string, params?: Record<string, string>) => staffWords(shownIn, key, params);
const pattern = (key: string) => staffPattern(shownIn, key);

/** Saves another language on the Account page, as a person does. */
async function chooseLanguage(locale: string) {
	const { page } = staff;
	await followLink(page, '/staff/account');
	await page.getByRole('combobox', { name: words('staff_language_choice') }).selectOption(locale);
	await page.getByRole('button', { name: words('staff_account_language_save') }).click();
	await page.getByRole('heading', { level: 1, name: staffWords(locale, 'staff_account_heading') }).waitFor();
	shownIn = locale;
}

function expectHoldsUp(route: string, findings: PageFindings | undefined) {
	expect(findings, `${route} was not visited`).toBeDefined();
	// Soft, so one run reports every page that falls short, not only the first.
	expect.soft(findings, route).toEqual(expectedFindings(findings!));
	checked.set(route, findings!);
}

/** A page outside the signed-in app, opened with a full load in a browser without a session. */
async function checkSignedOut(route: string, url: string, ready: (page: Page) => Promise<unknown>) {
	const visitor = await launchBrowser({ width: 1280 });
	try {
		await visitor.page.goto(url);
		await ready(visitor.page);
		expectHoldsUp(route, await checkPage(visitor.page));
	} finally {
		await visitor.close();
	}
}

/** Follows a link to the page, waits for its heading and for `content` when given, and checks it. */
async function visit(route: string, path: string, heading: string | RegExp, content?: string) {
	await followLink(staff.page, path);
	try {
		await staff.page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 60_000 });
		if (content) await staff.page.locator(content).first().waitFor({ timeout: 30_000 });
	} catch (cause) {
		const shown = await staff.page.locator('body').innerText();
		throw new Error(`${path} did not show ${heading} ${content ?? ''}; it shows:\n${shown.slice(0, 1500)}`, { cause });
	}
	expectHoldsUp(route, await checkPage(staff.page));
	if (shownIn !== 'en') {
		expect.soft(await staff.page.evaluate(() => document.documentElement.lang), route).toBe(shownIn);
		expect.soft(await englishShown(staff.page, shownIn), `English on ${route} in ${shownIn}`).toEqual([]);
	}
}

beforeAll(async () => {
	portal = await startPortal();
	const visitor = await launchBrowser({ width: 1280 });
	try {
		await visitor.page.goto(portal.setupLink!);
		await visitor.page.getByRole('heading', { name: 'Set up this portal' }).waitFor();
		checked.set('/staff/setup', await checkPage(visitor.page));
	} finally {
		await visitor.close();
	}
	staff = await launchBrowser({ width: 1280 });
	admin = await completeSetup(staff.page, portal.setupLink!);

	const survivor = await launchBrowser({ locale: 'en', width: 375 });
	try {
		await tellTestimony(survivor.page, `${portal.origin}/en/tell`, {
			answers: [
				'The agency kept my passport and said the debt for the journey grew every month.',
				'I slept in the back room of the restaurant with four other women.'
			],
			context: true,
			quote: true,
			replies: true
		});
		await finishAfterReceipt(survivor.page);
	} finally {
		await survivor.close();
	}
	[{ id: submissionId }] = readRows<{ id: string }>(portal, 'select id from submission');
	work = await seedStaffWork(portal, admin);
}, 600_000);

afterAll(async () => {
	await staff?.close();
	await portal?.stop();
});

describe('staff pages for keyboard, screen reader and phone', () => {
	it('asks to unlock the keys on a titled page with a skip link, then carries the keyboard on into the page', async () => {
		await staff.page.goto(`${portal.origin}/staff/admin/audit`);
		await staff.page.getByRole('heading', { name: 'Unlock your keys' }).waitFor();
		const findings = await checkPage(staff.page);
		expect(findings.title).toBe('Unlock your keys · TRIPS Voice staff');
		expect(findings, 'unlock screen').toEqual(expectedFindings(findings));

		await unlock(staff.page, admin.passphrase);
		await staff.page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
		await expect.poll(() => describeFocus(staff.page)).toBe('main#main');
	});

	it('holds up on the setup page, before the portal has an admin', () => {
		expectHoldsUp('/staff/setup', checked.get('/staff/setup'));
	});

	it('holds up on the pages a signed-out person sees', async () => {
		await checkSignedOut('/staff/login', `${portal.origin}/staff/login`, (page) =>
			page.getByRole('heading', { name: 'Staff sign-in' }).waitFor()
		);
		await checkSignedOut('/staff/recover', `${portal.origin}/staff/recover`, (page) =>
			page.getByRole('heading', { name: 'Recover access with your recovery key' }).waitFor()
		);
		const { link } = await postAction(portal, work.adminCookie, '/staff/admin/users?/invite', {
			role: 'researcher',
			expiresInDays: '7'
		});
		await checkSignedOut('/staff/enrol', String(link), (page) =>
			page.getByRole('heading', { name: 'Join TRIPS Voice' }).waitFor()
		);
	});

	it('holds up on every page of the app, with content in it, in French', async () => {
		await openStaffPage(staff.page, `${portal.origin}/staff/account`, admin.passphrase);
		await chooseLanguage('fr');
		await visit('/staff', '/staff', words('staff_nav_inbox'), 'main a[href^="/staff/testimony/"]');
		await visit(
			'/staff/testimony/[id]',
			`/staff/testimony/${submissionId}`,
			pattern('staff_moderation_testimony_heading'),
			'article.answer'
		);
		await visit('/staff/sessions', '/staff/sessions', words('staff_sessions_heading'), 'main tbody a');
		await visit('/staff/sessions/[id]', `/staff/sessions/${work.sessionId}`, SESSION, '[data-testid="join-code"]');
		await visit('/staff/templates', '/staff/templates', words('staff_nav_templates'));
		await visit('/staff/grants', '/staff/grants', words('staff_accounts_grants_title'));
		await visit('/staff/account', '/staff/account', words('staff_account_heading'));
		await visit('/staff/admin/users', '/staff/admin/users', words('staff_admin_nav_users'), 'tr[data-username]');
		await visit('/staff/admin/channels', '/staff/admin/channels', words('staff_admin_nav_channels'));
		await visit('/staff/admin/channels/[id]', `/staff/admin/channels/${work.channelId}`, ADMIN.channelName);
		await visit('/staff/admin/channels/new', '/staff/admin/channels/new', words('staff_admin_channels_create'));
		await visit('/staff/admin/questions', '/staff/admin/questions', words('staff_admin_nav_questions'));
		await visit(
			'/staff/admin/questions/[id]',
			'/staff/admin/questions/housing',
			`${words('staff_admin_questions_question')} housing`
		);
		await visit('/staff/admin/settings', '/staff/admin/settings', words('staff_admin_nav_settings'));
		await visit('/staff/admin/settings/pending', '/staff/admin/settings/pending', words('staff_admin_pending_title'));
		await visit('/staff/admin/flood-days', '/staff/admin/flood-days', words('staff_admin_nav_flood_days'));
		await visit('/staff/admin/audit', '/staff/admin/audit', words('staff_admin_nav_audit'), 'main tbody tr');
		await visit('/staff/admin/listen', '/staff/admin/listen', words('staff_admin_listen_title'));
		await postAction(portal, work.adminCookie, '/staff/findings?/create', {
			channelId: work.channelId,
			baseLocale: 'fr',
			peopleCount: '12',
			'title.fr': 'Le logement après la protection',
			'heard.fr': 'Plusieurs personnes ont dit attendre des mois une place en logement social.',
			'changed.fr': 'Les partenaires ont ouvert une permanence logement chaque mardi.',
			'title.ar': 'السكن بعد الحماية',
			'heard.ar': 'قال عدة أشخاص إنهم ينتظرون شهوراً للحصول على سكن.',
			'changed.ar': 'فتح الشركاء مكتباً للسكن كل يوم ثلاثاء.'
		});
		await visit('/staff/findings', '/staff/findings', words('staff_findings_heading'));
	}, 300_000);

	it('holds up on every page of the research workspace, with records and two coders’ codings, in Czech', async () => {
		await chooseLanguage('cs');
		await visit('/staff/research', '/staff/research', words('staff_research_corpus_title'), 'tr[data-record-id]');
		await visit(
			'/staff/research/records/[id]',
			`/staff/research/records/${work.recordId}`,
			pattern('staff_research_record_heading'),
			'.coded-text'
		);
		await visit('/staff/research/codebook', '/staff/research/codebook', words('staff_codebook_title'));
		await visit(
			'/staff/research/agreement',
			'/staff/research/agreement',
			words('staff_analysis_agreement_title'),
			'#per-code-heading'
		);
		await visit('/staff/research/quotes', '/staff/research/quotes', words('staff_analysis_quotes_title'));
		await visit('/staff/research/exports', '/staff/research/exports', words('staff_codebook_exports_title'));
	}, 300_000);

	// Its charts can draw tens of thousands of elements, which axe-core takes minutes to go through.
	it('holds up on the patterns page of the research workspace', async () => {
		await visit('/staff/research/patterns', '/staff/research/patterns', words('staff_analysis_patterns_heading'));
	}, 600_000);

	it('lets the keyboard reach the agreement table on a phone: a labelled, focusable scrolling region', async () => {
		const { page } = staff;
		await page.setViewportSize({ width: 375, height: 800 });
		const region = page.getByRole('region', { name: words('staff_analysis_per_code_caption') });
		await followLink(page, '/staff/research/agreement');
		await region.waitFor({ timeout: 60_000 });
		const scroll = await region.evaluate((element) => ({
			scrolls: element.scrollWidth > element.clientWidth,
			tabIndex: (element as HTMLElement).tabIndex
		}));
		expect(scroll).toEqual({ scrolls: true, tabIndex: 0 });
		await region.focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
	});

	it('holds up on the two-factor page a re-enrolment link leads to', async () => {
		const { link } = await postAction(portal, work.adminCookie, '/staff/admin/users?/resetTotp', {
			userId: work.colleagueId
		});
		const colleague = await launchBrowser({ width: 1280 });
		try {
			const { page } = colleague;
			await page.goto(String(link));
			await page.getByRole('heading', { name: 'Set up a new authenticator' }).waitFor();
			expectHoldsUp('/staff/reenrol', await checkPage(page));
			await page.getByLabel('Username').fill(work.colleague.username);
			await page.getByLabel('Passphrase').fill(work.colleague.passphrase);
			await page.getByRole('button', { name: 'Continue' }).click();
			await page.locator('.totp-secret').waitFor({ timeout: 60_000 });
			expectHoldsUp('/staff/account/two-factor', await checkPage(page));
		} finally {
			await colleague.close();
		}
	});

	it('has checked every staff page in the source tree', () => {
		expect([...checked.keys()].sort()).toEqual(staffPageRoutes().sort());
	});
});
