import * as devalue from 'devalue';
import type { Page } from 'playwright-core';
import { readyCrypto } from '$lib/crypto';
import { axeViolations, type AxeViolation } from './axe';
import type { RunningPortal } from './harness';
import { fillCorpus } from './research-corpus';
import { readStaffCatalogue } from '../unit/catalogue-checks';
import { discoverTargets } from './routes';
import { enrolThroughApi, readRows, staffCookie } from './staff-api';
import type { EnrolledStaff } from './staff-flows';

/** The two widths every staff page is checked at: a desktop and a small phone. */
export const WIDTHS = [1280, 375] as const;

/** Every staff page in the source tree: a page added tomorrow joins the list by itself. */
export function staffPageRoutes(): string[] {
	return discoverTargets()
		.filter((target) => target.kind === 'page' && target.route.startsWith('/staff'))
		.map((target) => target.route);
}

export type PageFindings = {
	title: string;
	/** The page's language (`<html lang>`): the staff language it is shown in. */
	lang: string;
	/** What the first Tab after arriving focuses, and what following the skip link focuses. */
	firstTab: string;
	afterSkip: string;
	mainLandmarks: number;
	/** Sideways scrolling of the whole page, in CSS pixels (0 when nothing pans). */
	overflow: Record<number, number>;
	axe: Record<number, AxeViolation[]>;
	/** Staff string keys shown as they are: a string the page's parts of the catalogue lack. */
	rawKeys: string[];
};

/** The focused element as `tag#id “text”`; the text only for links and buttons. */
export const describeFocus = (page: Page) =>
	page.evaluate(() => {
		const active = document.activeElement;
		if (!active || active === document.body) return 'body';
		const name = active.tagName.toLowerCase();
		const text = ['a', 'button'].includes(name) ? ` “${active.textContent?.trim().slice(0, 40)}”` : '';
		return `${name}${active.id ? `#${active.id}` : ''}${text}`;
	});

/** The skip link as `describeFocus` names it, in the page's staff language. */
const skipLink = (lang: string) => `a “${staffWords(lang, 'staff_skip_to_content')}”`;

/**
 * Checks the page as it is now, as a keyboard user first meets it (the first Tab and the skip
 * link, at the desktop width), then axe-core and sideways scrolling at each width.
 */
export async function checkPage(page: Page): Promise<PageFindings> {
	// The skip link's move of the focus into the main landmark is done by the page's script: a page
	// shown from the server but not yet started would leave the focus on the body.
	await page.locator('html[data-ready]').waitFor({ state: 'attached' });
	await page.setViewportSize({ width: WIDTHS[0], height: 800 });
	await page.keyboard.press('Tab');
	const firstTab = await describeFocus(page);
	// Enter on anything else could leave the page being checked.
	const lang = await page.evaluate(() => document.documentElement.lang);
	const onSkipLink = firstTab === skipLink(lang);
	if (onSkipLink) await page.keyboard.press('Enter');
	const afterSkip = onSkipLink ? await describeFocus(page) : 'not followed';
	const findings: PageFindings = {
		title: await page.title(),
		lang,
		firstTab,
		afterSkip,
		mainLandmarks: await page.locator('main').count(),
		overflow: {},
		axe: {},
		rawKeys: await rawKeys(page)
	};
	for (const width of WIDTHS) {
		await page.setViewportSize({ width, height: 800 });
		await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
		findings.overflow[width] = await page.evaluate(() => {
			const root = document.scrollingElement!;
			return Math.max(0, root.scrollWidth - root.clientWidth);
		});
		findings.axe[width] = await axeViolations(page);
	}
	return findings;
}

const catalogues = new Map<string, Record<string, string>>();

/** One staff language's whole catalogue, read once per test file. */
export function staffCatalogue(locale: string): Record<string, string> {
	if (!catalogues.has(locale)) catalogues.set(locale, readStaffCatalogue(locale));
	return catalogues.get(locale)!;
}

/** A staff string as a page in `locale` shows it, placeholders filled. */
export function staffWords(locale: string, key: string, params: Record<string, string> = {}): string {
	const template = staffCatalogue(locale)[key];
	if (template === undefined) throw new Error(`No staff string ${key}`);
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** A staff string whose placeholders may be anything, as a whole-text pattern. */
export function staffPattern(locale: string, key: string): RegExp {
	const parts = staffWords(locale, key).split(/\{\w+\}/);
	return new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
}

/**
 * English sentences on a page shown in another staff language: each English catalogue string of
 * two words or more (its longest run between placeholders) that the language words differently.
 */
export async function englishShown(page: Page, locale: string): Promise<string[]> {
	const english = staffCatalogue('en');
	const own = staffCatalogue(locale);
	const text = await page.locator('body').innerText();
	return Object.keys(english)
		.filter((key) => own[key] !== english[key])
		.map((key) =>
			english[key]
				.split(/\{\w+\}/)
				.reduce((a, b) => (b.trim().length > a.trim().length ? b : a))
				.trim()
		)
		.filter((run) => run.length >= 10 && run.includes(' ') && text.includes(run));
}

/**
 * Text and labels that are a staff message key rather than its words (`staff_research_title`):
 * a string the page's parts of the catalogue lack. Data codes that look alike (`staff_user`)
 * are not keys.
 */
async function rawKeys(page: Page): Promise<string[]> {
	const words = await page.evaluate(() => {
		const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((element) =>
			['aria-label', 'title', 'placeholder', 'alt'].map((name) => element.getAttribute(name) ?? '')
		);
		return [document.title, document.body.innerText, ...labels].join('\n').match(/\bstaff_[a-z0-9_]+/g) ?? [];
	});
	const keys = staffCatalogue('en');
	return [...new Set(words)].filter((word) => word in keys);
}

/** What a page that holds up looks like, for a readable comparison in the test's failures. */
export function expectedFindings(findings: PageFindings): PageFindings {
	return {
		...findings,
		firstTab: skipLink(findings.lang),
		afterSkip: 'main#main',
		mainLandmarks: 1,
		overflow: Object.fromEntries(WIDTHS.map((width) => [width, 0])),
		axe: Object.fromEntries(WIDTHS.map((width) => [width, []])),
		rawKeys: []
	};
}

/**
 * Moves to another staff page inside the app, as following a link does: a full load would lock
 * the keys and close the research corpus.
 */
export async function followLink(page: Page, path: string): Promise<void> {
	await page.evaluate((href) => {
		const link = document.createElement('a');
		link.href = href;
		document.body.append(link);
		link.click();
		link.remove();
	}, path);
	await page.waitForURL((url) => url.pathname + url.search === path);
}

/** A form action posted as the browser's enhanced forms post it; returns the action's data. */
export async function postAction(
	portal: RunningPortal,
	cookie: string,
	path: string,
	form: Record<string, string | string[]>
): Promise<Record<string, unknown>> {
	const body = new URLSearchParams();
	for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) body.append(name, item);
	const response = await fetch(portal.origin + path, {
		method: 'POST',
		headers: { cookie, origin: portal.origin, 'x-sveltekit-action': 'true', accept: 'application/json' },
		body
	});
	const result = (await response.json()) as { type: string; data?: string; location?: string };
	if (result.type === 'failure' || result.type === 'error') throw new Error(`${path} refused: ${result.data}`);
	return result.type === 'redirect' ? { location: result.location } : (devalue.parse(result.data!) ?? {});
}

export type StaffWork = {
	adminCookie: string;
	channelId: string;
	sessionId: string;
	recordId: string;
	colleague: EnrolledStaff;
	colleagueId: string;
};

/**
 * The everyday content staff pages show: the admin also facilitates a session, three research
 * records sealed under the corpus key, and a colleague who codes them differently from the admin
 * (so the agreement table has rows). Everything goes through the portal's own endpoints and
 * crypto; the audit log fills up on the way.
 */
export async function seedStaffWork(portal: RunningPortal, admin: EnrolledStaff): Promise<StaffWork> {
	await readyCrypto();
	const adminCookie = await staffCookie(portal, admin);
	const [{ id: adminId }] = readRows<{ id: string }>(portal, 'select id from staff_user');
	const [{ id: channelId }] = readRows<{ id: string }>(portal, 'select id from channel');
	await postAction(portal, adminCookie, '/staff/admin/users?/setRoles', {
		userId: adminId,
		role: ['admin', 'researcher', `moderator:${channelId}`, `facilitator:${channelId}`]
	});
	const today = new Date().toISOString().slice(0, 10);
	const created = await postAction(portal, adminCookie, '/staff/sessions?/create', {
		label: 'Thursday evening group at the community centre',
		channelId,
		locales: ['ar', 'so', 'uk'],
		startsDay: today,
		endsDay: today,
		expectedParticipants: '12'
	});
	const sessionId = String(created.location).split('/').pop()!;

	fillCorpus(portal, admin, 3);
	const { staff: colleague } = await enrolThroughApi(portal, adminCookie, 'sami.researcher', 'researcher');
	const colleagueCookie = await staffCookie(portal, colleague);
	const records = readRows<{ id: string }>(portal, 'select id from research_record order by id');
	// The starter codebook is written the first time someone opens the workspace.
	await (await fetch(`${portal.origin}/staff/research/__data.json`, { headers: { cookie: adminCookie } })).text();
	const codes = readRows<{ id: string }>(portal, 'select id from code where parent_id is not null order by name');
	for (const [index, record] of records.entries()) {
		for (const [cookie, start, end] of [
			[adminCookie, 0, 60],
			[colleagueCookie, 20, 90]
		] as const) {
			const response = await fetch(`${portal.origin}/staff/api/research/codings`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie },
				body: JSON.stringify({
					recordId: record.id,
					field: '0.text',
					start,
					end,
					codeIds: [codes[index].id, codes[index + 3].id]
				})
			});
			if (response.status !== 201) throw new Error(`Coding refused: ${await response.text()}`);
		}
	}
	// Coding is blind until the team lead (here the admin, also a researcher) reveals the round.
	const revealed = await fetch(`${portal.origin}/staff/api/research/codings/reveal`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: adminCookie },
		body: JSON.stringify({ round: 1 })
	});
	if (!revealed.ok) throw new Error(`The round was not revealed: ${await revealed.text()}`);
	const [{ id: colleagueId }] = readRows<{ id: string }>(
		portal,
		"select id from staff_user where username = 'sami.researcher'"
	);
	return { adminCookie, channelId, sessionId, recordId: records[0].id, colleague, colleagueId };
}
