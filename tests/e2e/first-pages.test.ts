import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from './axe';
import { launchBrowser, type RunningPortal } from './harness';
import { startPortalWithChannel } from './staff-flows';
import { tellTestimony } from './survivor-flows';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';

/**
 * The first survivor pages (languages, safety, consent) work without JavaScript, and the quick
 * exit works on every survivor page before any script but its own has run.
 */
const SAFE_URL = 'https://www.timeanddate.com/weather/';
const messages = (locale: string) => readSurvivorCatalogue(locale);
const localePath = (locale: string, path: string) => (locale === 'en' ? path : `/${locale}${path}`);
let portal: RunningPortal;

beforeAll(async () => {
	portal = await startPortalWithChannel();
});

afterAll(async () => {
	await portal?.stop();
});

/** Every request the browser makes, to see what a page loads and from where. */
function requests(context: BrowserContext): string[] {
	const seen: string[] = [];
	context.on('request', (request) => seen.push(request.url()));
	return seen;
}

async function answerSafeSite(context: BrowserContext) {
	await context.route(`${SAFE_URL}**`, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Sunny.</p>' })
	);
}

const heading = (page: Page) => page.locator('main h1').textContent();

describe('with JavaScript off', () => {
	for (const locale of ['fr', 'ar', 'ti']) {
		it(`walks language → safety → consent in ${locale}, and is told what needs JavaScript`, async () => {
			const text = messages(locale);
			const { page, context, close } = await launchBrowser({ javaScriptDisabled: true, width: 320 });
			const seen = requests(context);
			try {
				await page.goto(`${portal.origin}/`);
				await page.locator(`main a[hreflang="${locale}"]`).click();
				await page.waitForURL(`${portal.origin}${localePath(locale, '/tell')}`);
				expect(await heading(page)).toBe(text.safety_title);
				expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
				// These pages work without JavaScript: they do not say they need it.
				expect(await page.locator('.noscript').count()).toBe(0);
				// Nor do they load any script file (the testimony's code is preloaded on the next page).
				expect(seen.filter((url) => url.endsWith('.js'))).toEqual([]);

				await page.getByRole('link', { name: text.safety_continue }).click();
				await page.waitForURL(`${portal.origin}${localePath(locale, '/tell/steps')}`);
				expect(await heading(page)).toBe(text.consent_title);

				// Sent without the check question: the server says what is missing and keeps the choices.
				await page.getByLabel(text.consent_research_label).check();
				await page.getByLabel(text.consent_quote_label).check();
				const refused = page.waitForResponse((response) => response.request().method() === 'POST');
				await page.getByRole('button', { name: text.consent_continue }).click();
				expect((await refused).status()).toBe(400);
				await page.getByRole('alert').filter({ hasText: text.consent_check_required }).waitFor();
				expect(await page.getByLabel(text.consent_research_label).isChecked()).toBe(true);
				expect(await page.getByLabel(text.consent_quote_label).isChecked()).toBe(true);
				expect(await page.getByLabel(text.consent_replies_label).isChecked()).toBe(false);

				await page.getByLabel(text.consent_check_yes).check();
				const accepted = page.waitForResponse((response) => response.request().method() === 'POST');
				await page.getByRole('button', { name: text.consent_continue }).click();
				expect((await accepted).status()).toBe(200);
				// The next step needs the browser's encryption: the page says so, in the person's language.
				expect(await heading(page)).toBe(text.mode_title);
				expect(await page.locator('.noscript').textContent()).toContain(text.noscript_title);

				expect(await context.cookies()).toEqual([]);
				expect(seen.filter((url) => !url.startsWith(portal.origin))).toEqual([]);
			} finally {
				await close();
			}
		});
	}
});

describe('with JavaScript on', () => {
	it('completes the testimony from the same pages, in Arabic', async () => {
		const { page, context, close } = await launchBrowser({ locale: 'ar', width: 320 });
		const seen = requests(context);
		try {
			await page.goto(`${portal.origin}/ar`);
			const first = [...seen];
			// The first page loads no script file and no crypto worker.
			expect(first.filter((url) => url.endsWith('.js'))).toEqual([]);
			await page.locator('main a.button').click();
			await page.waitForURL(`${portal.origin}/ar/tell`);
			const receipt = await tellTestimony(page, `${portal.origin}/ar/tell`, {
				answers: ['إجابة خيالية عن انتظار موعد السكن.'],
				onScreen: async (current, screen) => {
					expect.soft(await axeViolations(current), screen).toEqual([]);
				}
			});
			expect(receipt).toMatch(/^\d{3}( \d{3}){5}$/);
			// The testimony is an island: its own code and Svelte's, never SvelteKit's client or router.
			expect(seen.filter((url) => url.includes('/_app/immutable/entry/'))).toEqual([]);
			expect(seen.some((url) => url.includes('/_app/immutable/islands/tell.'))).toBe(true);
			expect(await context.cookies()).toEqual([]);
			expect(seen.filter((url) => !url.startsWith(portal.origin))).toEqual([]);
		} finally {
			await close();
		}
	});

	it('goes on to the next step when the consent was sent before the page’s code ran', async () => {
		const { page, context, close } = await launchBrowser();
		try {
			// The flow's code is held back, as on a slow line: the form posts as without JavaScript.
			let release!: () => void;
			const held = new Promise<void>((resolve) => (release = resolve));
			await context.route('**/_app/immutable/**/*.js', async (route) => {
				await held;
				await route.continue();
			});
			await page.goto(`${portal.origin}/tell/steps`, { waitUntil: 'commit' });
			await page.getByLabel(messages('en').consent_research_label).check();
			await page.getByLabel(messages('en').consent_check_yes).check();
			await page.getByRole('button', { name: messages('en').consent_continue }).click();
			await page.locator('button.mode').first().waitFor();
			release();
			await page.locator('html[data-ready]').waitFor();
			await page.locator('button.mode').first().click();
			await page.locator('main textarea').waitFor();
			// Back returns to the consent the server received, with its choices.
			await page.goBack();
			await page.goBack();
			await expect.poll(() => heading(page)).toBe(messages('en').consent_title);
			expect(await page.getByLabel(messages('en').consent_research_label).isChecked()).toBe(true);
		} finally {
			await close();
		}
	});
});

describe('quick exit before any other script', () => {
	it('leaves with the button while the flow’s code is still loading, leaving the portal out of Back', async () => {
		const { page, context, close } = await launchBrowser();
		await answerSafeSite(context);
		try {
			await context.route('**/_app/immutable/**/*.js', () => {
				// Never answered: the page's own code never starts.
			});
			await page.goto(`${portal.origin}/`);
			await page.locator('main a.button').click();
			await page.waitForURL(`${portal.origin}/tell`);
			await page.locator('main .actions a').click();
			await page.waitForURL(`${portal.origin}/tell/steps`, { waitUntil: 'commit' });
			await page.getByRole('button', { name: messages('en').exit_button }).click();
			await page.waitForURL(SAFE_URL);
			expect(await page.title()).toBe('Weather');
			// Each move within the portal replaced the entry before it: Back leaves the portal.
			await page.goBack().catch(() => {});
			expect(page.url().startsWith(portal.origin)).toBe(false);
		} finally {
			await close();
		}
	});

	it('leaves on Shift pressed three times on a page with no code of its own, announcing the count', async () => {
		const text = messages('ar');
		const { page, context, close } = await launchBrowser();
		await answerSafeSite(context);
		try {
			await page.goto(`${portal.origin}/ar/tell`);
			const status = page.locator('#exit-status');
			await page.keyboard.press('Shift');
			await expect.poll(() => status.textContent()).toBe(text.exit_shortcut_count.replace('{count}', '1'));
			// Another key starts the count again, as does a Shift used for a capital letter.
			await page.keyboard.press('a');
			await expect.poll(() => status.textContent()).toBe('');
			await page.keyboard.press('Shift');
			await page.keyboard.press('Shift+A');
			await page.keyboard.press('Shift');
			await expect.poll(() => status.textContent()).toBe(text.exit_shortcut_count.replace('{count}', '1'));
			await page.keyboard.press('Shift');
			await expect.poll(() => status.textContent()).toBe(text.exit_shortcut_count.replace('{count}', '2'));
			await page.keyboard.press('Shift');
			await page.waitForURL(SAFE_URL);
			await page.goBack().catch(() => {});
			expect(page.url().startsWith(portal.origin)).toBe(false);
		} finally {
			await close();
		}
	});

	it('counts only presses within five seconds of each other', async () => {
		const text = messages('en');
		const { page, close } = await launchBrowser();
		try {
			await page.clock.install();
			await page.goto(`${portal.origin}/tell`);
			const status = page.locator('#exit-status');
			const count = (n: number) => text.exit_shortcut_count.replace('{count}', String(n));
			await page.keyboard.press('Shift');
			await page.keyboard.press('Shift');
			await expect.poll(() => status.textContent()).toBe(count(2));
			await page.clock.fastForward(5000);
			// The first two presses are now too old: this one starts the count again.
			await page.keyboard.press('Shift');
			await expect.poll(() => status.textContent()).toBe(count(1));
			expect(page.url()).toBe(`${portal.origin}/tell`);
		} finally {
			await close();
		}
	});

	it('runs only because the policy names its hash: no inline script is allowed otherwise', async () => {
		const response = await fetch(`${portal.origin}/ar/tell`);
		const policy = response.headers.get('content-security-policy') ?? '';
		const scriptSources = /script-src ([^;]*)/.exec(policy)?.[1].split(' ') ?? [];
		expect(scriptSources).not.toContain("'unsafe-inline'");
		const html = await response.text();
		const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
		expect(inline).toHaveLength(1);
		const { createHash } = await import('node:crypto');
		const hash = `'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`;
		expect(scriptSources).toContain(hash);
		// It sits before anything else the page loads.
		expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('<style') === -1 ? Infinity : html.indexOf('<style'));
		expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('<body'));
	});

	it('is not on staff pages, which have their own', async () => {
		const html = await (await fetch(`${portal.origin}/staff/login`)).text();
		expect(html).not.toContain('exit-status');
		expect(html).not.toMatch(/<script>\(\(\)=>/);
	});
});

describe('addresses', () => {
	it('answers a locale with a trailing slash directly, and serves the icon', async () => {
		for (const path of ['/ar/', '/ar/tell/', '/fr/']) {
			const response = await fetch(portal.origin + path, { redirect: 'manual' });
			expect(response.status, path).toBe(200);
		}
		const icon = await fetch(`${portal.origin}/favicon.ico`);
		expect(icon.status).toBe(200);
		expect(icon.headers.get('content-type')).toMatch(/icon/);
	});

	it('keeps the safety page clean for screen readers at 320 px in every direction', async () => {
		const { page, close } = await launchBrowser({ width: 320 });
		try {
			for (const locale of ['en', 'ar', 'ckb']) {
				await page.goto(portal.origin + localePath(locale, '/tell'));
				expect(await axeViolations(page), locale).toEqual([]);
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
			}
		} finally {
			await close();
		}
	});
});
