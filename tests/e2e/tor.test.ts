import fs from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type RunningPortal } from './harness';
import { portalWithModerator } from './staff-api';

/** The Tor Project's own onion service: a real version 3 address with a valid checksum. */
const ONION_HOST = '2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion';
const ONION = `http://${ONION_HOST}`;
const CLEARNET = 'https://voice.example.org';

/** A response's status and headers, for a request with a Host header that fetch would not send. */
function head(
	portal: RunningPortal,
	path: string,
	host: string
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
	return new Promise((resolve, reject) => {
		http
			.get(portal.origin + path, { headers: { host }, agent: false }, (response) => {
				response.resume();
				resolve({ status: response.statusCode ?? 0, headers: response.headers });
			})
			.on('error', reject);
	});
}

/**
 * axe needs JavaScript to run, so it checks the page as a browser without JavaScript shows it:
 * the same HTML served with its scripts removed and its <noscript> content in the page.
 */
async function axeViolationsWithoutScripts(url: string, locale: string, width: number) {
	const browser = await launchBrowser({ locale, width });
	try {
		await browser.page.route(url, async (route) => {
			const response = await route.fetch();
			const body = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/g, '').replace(/<\/?noscript>/g, '');
			await route.fulfill({ response, body });
		});
		await browser.page.goto(url);
		await browser.page.locator('aside.noscript').waitFor();
		return await axeViolations(browser.page);
	} finally {
		await browser.close();
	}
}

describe('a portal that is also an onion service', () => {
	let portal: RunningPortal;
	let adminCookie: string;

	beforeAll(async () => {
		({ portal, moderatorCookie: adminCookie } = await portalWithModerator({ ONION_ORIGIN: ONION }));
	});

	afterAll(async () => {
		await portal?.stop();
	});

	it('says so when it starts', () => {
		expect(portal.output()).toContain(`and ${ONION} (bound to`);
	});

	it('takes survivors’ JSON writes from the onion origin, and still refuses other sites', async () => {
		const status = (origin: string) =>
			fetch(`${portal.origin}/api/receipts/status`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin },
				body: JSON.stringify({ lookupToken: Buffer.alloc(32, 7).toString('base64url') })
			});
		expect((await status(ONION)).status).toBe(404);
		const foreign = await status('https://elsewhere.example');
		expect(foreign.status).toBe(403);
		expect((await foreign.json()).message).toMatch(/other websites are refused/);
	});

	it('takes staff form posts from the onion origin, and refuses them from anywhere else', async () => {
		const invite = (headers: Record<string, string>) =>
			fetch(`${portal.origin}/staff/admin/users?/invite`, {
				method: 'POST',
				headers: { cookie: adminCookie, 'x-sveltekit-action': 'true', accept: 'application/json', ...headers },
				// No role: the action itself answers, with a failure, once the request is let in.
				body: new URLSearchParams({ expiresInDays: '7' })
			});
		const fromOnion = await invite({ origin: ONION });
		expect(fromOnion.status).toBe(200);
		expect((await fromOnion.json()).type).toBe('failure');
		const elsewhere: Record<string, string>[] = [
			{ origin: 'https://elsewhere.example' },
			{ origin: `https://${ONION_HOST}` },
			{}
		];
		for (const headers of elsewhere) {
			const refused = await invite(headers);
			expect(refused.status, JSON.stringify(headers)).toBe(403);
			await refused.body?.cancel();
		}
	});

	it('tells a survivor with JavaScript off, in their language, why it is needed and what else to do', async () => {
		for (const [locale, direction] of [
			['fr', 'ltr'],
			['ar', 'rtl'],
			['zh', 'ltr']
		]) {
			const messages = JSON.parse(fs.readFileSync(`messages/${locale}.json`, 'utf8'));
			const browser = await launchBrowser({ locale, javaScriptDisabled: true, width: 320 });
			try {
				const { page } = browser;
				// The first pages work without JavaScript and carry no note; the pages that encrypt do.
				for (const path of [`/${locale}`, `/${locale}/tell`]) {
					await page.goto(portal.origin + path);
					expect(await page.locator('aside.noscript').count(), path).toBe(0);
				}
				for (const path of [`/${locale}/tell/steps`, `/${locale}/check`]) {
					await page.goto(portal.origin + path);
					const note = page.locator('aside.noscript');
					await note.waitFor();
					expect(await note.isVisible()).toBe(true);
					expect(await note.getAttribute('aria-label')).toBe(messages.noscript_title);
					expect(await note.innerText()).toContain(messages.noscript_text);
					expect(await note.evaluate((element) => getComputedStyle(element).direction)).toBe(direction);
					expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
					expect
						.soft(await axeViolationsWithoutScripts(portal.origin + path, locale, 320), `${locale} ${path}`)
						.toEqual([]);
				}
			} finally {
				await browser.close();
			}
		}
		// With JavaScript on, the note is not part of the page at all.
		const browser = await launchBrowser({ locale: 'fr' });
		try {
			await browser.page.goto(`${portal.origin}/fr/tell/steps`);
			await browser.page.locator('html[data-ready]').waitFor();
			expect(await browser.page.locator('aside.noscript').count()).toBe(0);
		} finally {
			await browser.close();
		}
	});
});

describe('headers of a portal served over https and as an onion service', () => {
	let portal: RunningPortal;

	beforeAll(async () => {
		portal = await startPortal({ ORIGIN: CLEARNET, ONION_ORIGIN: ONION });
	});

	afterAll(async () => {
		await portal?.stop();
	});

	it('name the onion address on survivor pages over https, with HSTS', async () => {
		const page = await head(portal, '/fr/check', 'voice.example.org');
		expect(page.status).toBe(200);
		expect(page.headers['onion-location']).toBe(`${ONION}/fr/check`);
		expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
		const staff = await head(portal, '/staff/login', 'voice.example.org');
		expect(staff.headers['onion-location']).toBeUndefined();
		expect(staff.headers['strict-transport-security']).toMatch(/max-age=\d+/);
	});

	it('send neither over the onion service, for pages and static files alike', async () => {
		for (const path of ['/fr/check', '/staff/login', '/favicon.svg']) {
			const response = await head(portal, path, ONION_HOST);
			expect(response.status, path).toBe(200);
			expect(response.headers['strict-transport-security'], path).toBeUndefined();
			expect(response.headers['onion-location'], path).toBeUndefined();
			expect(response.headers['referrer-policy'], path).toBe('no-referrer');
		}
		expect((await head(portal, '/favicon.svg', 'voice.example.org')).headers['strict-transport-security']).toMatch(
			/max-age/
		);
	});
});

describe('a malformed ONION_ORIGIN', () => {
	it('stops the portal from starting, with a message that says what to set', async () => {
		const started = startPortal({ ONION_ORIGIN: 'http://voice-example.onion' });
		await expect(started).rejects.toThrow(/ONION_ORIGIN=http:\/\/voice-example\.onion is not usable: .*version 3/);
		await expect(started).rejects.toThrow(/HiddenServiceDir/);
	});
});
