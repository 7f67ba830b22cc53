import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { ADMIN, completeSetup, openStaffPage } from './staff-flows';
import { tellTestimony } from './survivor-flows';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';

/** Listen instead of read: an admin records a question in Tigrinya, a survivor plays it. */
let portal: RunningPortal;
let admin: Browser;

beforeAll(async () => {
	portal = await startPortal();
	admin = await launchBrowser({ fakeMicrophone: true });
	await completeSetup(admin.page, portal.setupLink!);
}, 120_000);

afterAll(async () => {
	await admin?.close();
	await portal?.stop();
});

/** A second of WebM/Opus from Chromium's fake microphone, made by the browser as a recorder would. */
async function recordedWebm(page: Page): Promise<Buffer> {
	const bytes = await page.evaluate(async () => {
		const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		const recorder = new MediaRecorder(stream, { mimeType: 'audio/webm;codecs=opus' });
		const chunks: Blob[] = [];
		recorder.ondataavailable = (event) => chunks.push(event.data);
		const stopped = new Promise((resolve) => (recorder.onstop = resolve));
		recorder.start();
		await new Promise((resolve) => setTimeout(resolve, 1200));
		recorder.stop();
		await stopped;
		for (const track of stream.getTracks()) track.stop();
		return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
	});
	return Buffer.from(bytes);
}

/** The upload form of one text on the admins' Listen page. */
const textSection = (page: Page, textId: string) =>
	page.locator('main section').filter({ has: page.locator(`input[name="text"][value="${textId}"]`) });

async function upload(
	page: Page,
	textId: string,
	locale: string,
	file: { name: string; mimeType: string; buffer: Buffer }
) {
	const section = textSection(page, textId);
	await section.locator('select[name="locale"]').selectOption(locale);
	await section.locator('input[type="file"]').setInputFiles(file);
	await section.getByRole('button', { name: 'Upload' }).click();
}

/** The first question's text id, as the survivor meets it: the first guided question in the list. */
const FIRST_QUESTION = 'question.rights';

describe('Listen recordings', () => {
	it('refuses a file that is not audio, whatever its name, and keeps nothing', async () => {
		const { page } = admin;
		await openStaffPage(page, `${portal.origin}/staff/admin/listen`, ADMIN.passphrase);
		await upload(page, FIRST_QUESTION, 'ti', {
			name: 'question.ogg',
			mimeType: 'audio/ogg',
			buffer: Buffer.from('<html><script>alert(1)</script></html>')
		});
		await expect
			.poll(() => page.getByRole('alert').textContent())
			.toContain("not an audio format survivors' browsers can play");
		await expect(textSection(page, FIRST_QUESTION).locator('audio').count()).resolves.toBe(0);
	});

	it('an admin uploads a Tigrinya reading of the first question; a survivor on /ti/ plays it, fetched only on Play', async () => {
		const { page } = admin;
		await openStaffPage(page, `${portal.origin}/staff/admin/listen`, ADMIN.passphrase);
		const audio = await recordedWebm(page);
		await upload(page, FIRST_QUESTION, 'ti', { name: 'rights-ti.webm', mimeType: 'audio/webm', buffer: audio });
		await page.locator('main').getByRole('status').getByText('Recording saved.').waitFor();
		const preview = textSection(page, FIRST_QUESTION).locator('audio');
		await expect(preview.count()).resolves.toBe(1);
		const src = (await preview.getAttribute('src'))!;
		expect(src).toMatch(/^\/api\/prompts\/[0-9a-f]{64}\.webm$/);
		expect(await textSection(page, FIRST_QUESTION).textContent()).toContain('No recording in:');

		// Served as public, immutable audio with its own type and no cookie.
		const served = await fetch(portal.origin + src);
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('audio/webm');
		expect(served.headers.get('cache-control')).toContain('immutable');
		expect(served.headers.get('x-content-type-options')).toBe('nosniff');
		expect(served.headers.get('set-cookie')).toBeNull();
		expect(Buffer.from(await served.arrayBuffer())).toEqual(audio);

		const survivor = await launchBrowser({ locale: 'ti', width: 320 });
		try {
			const requests: string[] = [];
			survivor.page.on('request', (request) => requests.push(request.url()));
			let played = false;
			await tellTestimony(survivor.page, `${portal.origin}/ti/tell`, {
				answers: [],
				stopAtReview: true,
				onScreen: async (screen, name) => {
					const main = screen.locator('main');
					if (name === 'safety' || name === 'consent') {
						// No recording of these texts in Tigrinya: no button at all.
						await expect(main.locator('a.listen').count()).resolves.toBe(0);
					}
					if (name !== 'question' || played) return;
					played = true;
					const listen = main.getByRole('link', { name: 'ነቲ ሕቶ ስማዕ' });
					await listen.waitFor();
					expect(requests.some((url) => url.includes('/api/prompts/'))).toBe(false);
					const box = await listen.boundingBox();
					expect(box!.height).toBeGreaterThanOrEqual(44);
					expect(box!.x + box!.width).toBeLessThanOrEqual(320);
					expect(await axeViolations(screen)).toEqual([]);

					await listen.click();
					await expect
						.poll(
							() => screen.evaluate(() => document.querySelector<HTMLAudioElement>('main audio')?.readyState ?? 0),
							{
								timeout: 15_000
							}
						)
						.toBeGreaterThanOrEqual(2);
					expect(await screen.evaluate(() => document.querySelector('main audio')?.getAttribute('src'))).toBe(
						portal.origin + src
					);
					// While it plays, the same button says Stop; a second press stops it.
					await main.getByRole('link', { name: 'ምስማዕ ደው ኣብል' }).click();
					await expect
						.poll(() => screen.evaluate(() => document.querySelector<HTMLAudioElement>('main audio')?.paused))
						.toBe(true);
					await main.getByRole('link', { name: 'ነቲ ሕቶ ስማዕ' }).waitFor();
					expect(await screen.evaluate(() => location.pathname)).toBe('/ti/tell/steps');
				}
			});
			expect(played).toBe(true);
			const prompts = requests.filter((url) => url.includes('/api/prompts/'));
			expect(prompts.length).toBeGreaterThanOrEqual(1);
			expect(requests.every((url) => url.startsWith(portal.origin) || url.startsWith('data:'))).toBe(true);
		} finally {
			await survivor.close();
		}
	}, 180_000);

	it('shows no Listen button in a language without a recording', async () => {
		const survivor = await launchBrowser({ locale: 'so', width: 320 });
		try {
			let seen = false;
			await tellTestimony(survivor.page, `${portal.origin}/so/tell`, {
				answers: [],
				stopAtReview: true,
				onScreen: async (screen, name) => {
					if (name !== 'question') return;
					seen = true;
					await expect(screen.locator('main a.listen').count()).resolves.toBe(0);
				}
			});
			expect(seen).toBe(true);
		} finally {
			await survivor.close();
		}
	}, 120_000);

	it('an admin removes the recording, and the survivor page offers it no more', async () => {
		const { page } = admin;
		await openStaffPage(page, `${portal.origin}/staff/admin/listen`, ADMIN.passphrase);
		await textSection(page, FIRST_QUESTION)
			.getByRole('button', { name: /^Remove/ })
			.click();
		await page.locator('main').getByRole('status').getByText('Recording removed.').waitFor();
		await expect(textSection(page, FIRST_QUESTION).locator('audio').count()).resolves.toBe(0);
		const steps = await (await fetch(`${portal.origin}/ti/tell/steps`)).text();
		expect(steps).not.toContain('/api/prompts/');
	});

	it('an admin records the safety advice in Tigrinya in the browser, keeps it, and a survivor plays it', async () => {
		const { page } = admin;
		await openStaffPage(page, `${portal.origin}/staff/admin/listen`, ADMIN.passphrase);
		const section = textSection(page, 'safety');
		await section.locator('select[name="locale"]').selectOption('ti');
		await section.getByRole('button', { name: 'Record: Safety advice' }).click();
		await section
			.getByRole('status')
			.getByText(/^Recording… /)
			.waitFor();
		await page.waitForTimeout(2000);
		await section.getByRole('button', { name: 'Stop recording' }).click();
		// Heard before it is kept: nothing is sent until Keep.
		await section.locator('audio[aria-label="Your new recording of Safety advice"]').waitFor();
		await expect(section.locator('audio[src^="/api/prompts/"]').count()).resolves.toBe(0);
		await section.getByRole('button', { name: 'Discard' }).click();
		await expect(section.locator('audio').count()).resolves.toBe(0);

		await section.getByRole('button', { name: 'Record: Safety advice' }).click();
		await page.waitForTimeout(2000);
		await section.getByRole('button', { name: 'Stop recording' }).click();
		await section.getByRole('button', { name: 'Keep and upload' }).click();
		await page.locator('main').getByRole('status').getByText('Recording saved.').waitFor();
		const kept = section.locator('audio[src^="/api/prompts/"]');
		await expect(kept.count()).resolves.toBe(1);
		const src = (await kept.getAttribute('src'))!;
		expect(src).toMatch(/^\/api\/prompts\/[0-9a-f]{64}\.(webm|ogg)$/);

		const survivor = await launchBrowser({ locale: 'ti', width: 320 });
		try {
			const { page: screen } = survivor;
			await screen.goto(`${portal.origin}/ti/tell`);
			await screen
				.locator('main')
				.getByRole('link', { name: readSurvivorCatalogue('ti').listen_safety })
				.click();
			await expect
				.poll(() => screen.evaluate(() => document.querySelector<HTMLAudioElement>('main audio')?.readyState ?? 0), {
					timeout: 15_000
				})
				.toBeGreaterThanOrEqual(2);
			expect(await screen.evaluate(() => document.querySelector('main audio')?.getAttribute('src'))).toBe(
				portal.origin + src
			);
		} finally {
			await survivor.close();
		}
	}, 120_000);
});

/**
 * Headless Chromium may have no speech synthesis voices, so these tests replace the page's
 * `speechSynthesis.getVoices`, `speak` and `cancel` before any script runs and record the calls.
 * That stands in for the browser's speech API only: the portal, its SQLite file and Chromium
 * itself are real.
 */
type SpeechStub = { voices: string[]; lateVoices?: string[] };

/** Ends a walk through the flow once the survivor has left it. */
class Left extends Error {}

async function stubSpeech(survivor: Browser, stub: SpeechStub) {
	await survivor.context.addInitScript((options: SpeechStub) => {
		const synthesis = window.speechSynthesis;
		const spoken: { text: string; lang: string }[] = [];
		let voices = options.voices.map((lang) => ({ lang, name: `Stub ${lang}` }));
		Object.assign(window, { spoken, cancelled: 0 });
		synthesis.getVoices = () => voices as unknown as SpeechSynthesisVoice[];
		synthesis.speak = (utterance) => void spoken.push({ text: utterance.text, lang: utterance.lang });
		synthesis.cancel = () => {
			Object.assign(window, { cancelled: (window as unknown as { cancelled: number }).cancelled + 1 });
			// Reported to the test too, which still hears it once the page has left for the exit site.
			(window as unknown as { reportCancel?: () => void }).reportCancel?.();
		};
		if (options.lateVoices) {
			const late = options.lateVoices;
			setTimeout(() => {
				voices = late.map((lang) => ({ lang, name: `Stub ${lang}` }));
				synthesis.dispatchEvent(new Event('voiceschanged'));
			}, 500);
		}
	}, stub);
}

const spoken = (page: Page) =>
	page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);

async function setSpeechSynthesis(locale: string, on: boolean) {
	const { page } = admin;
	await openStaffPage(page, `${portal.origin}/staff/admin/listen`, ADMIN.passphrase);
	const form = page.locator('form[action="?/speech"]');
	await form.locator(`input[value="${locale}"]`).setChecked(on);
	await form.getByRole('button', { name: 'Save speech synthesis languages' }).click();
	await page.locator('main').getByRole('status').getByText('Speech synthesis languages saved.').waitFor();
}

describe('Speech synthesis where no recording exists', () => {
	const so = readSurvivorCatalogue('so');

	it('is off by default: no Listen button in Somali, even where the browser has a Somali voice', async () => {
		const survivor = await launchBrowser({ locale: 'so', width: 320 });
		try {
			await stubSpeech(survivor, { voices: ['so-SO'] });
			await survivor.page.goto(`${portal.origin}/so/tell`);
			await survivor.page.locator('html[data-voice]').waitFor({ state: 'attached' });
			await expect(survivor.page.locator('main .listen').count()).resolves.toBe(0);
		} finally {
			await survivor.close();
		}
	});

	it('turned on for Somali, reads the safety advice and the question aloud in the browser, in Somali', async () => {
		await setSpeechSynthesis('so', true);
		const survivor = await launchBrowser({ locale: 'so', width: 320 });
		try {
			await stubSpeech(survivor, { voices: ['en-GB'], lateVoices: ['en-GB', 'so-SO'] });
			const requests: string[] = [];
			survivor.page.on('request', (request) => requests.push(request.url()));
			let heardQuestion = false;
			await tellTestimony(survivor.page, `${portal.origin}/so/tell`, {
				answers: [],
				stopAtReview: true,
				onScreen: async (screen, name) => {
					const main = screen.locator('main');
					const listen = main.getByRole('button', {
						name: name === 'question' ? so.listen_question : so.listen_safety
					});
					if (name === 'safety') {
						// Shown once the Somali voice arrives, after the page has loaded.
						await listen.waitFor();
						const box = await listen.boundingBox();
						expect(box!.height).toBeGreaterThanOrEqual(44);
						expect(box!.x + box!.width).toBeLessThanOrEqual(320);
						expect(await axeViolations(screen)).toEqual([]);
						const before = requests.length;
						await listen.click();
						expect(await spoken(screen)).toEqual([{ text: expect.stringContaining(so.safety_no_trace), lang: 'so' }]);
						// While it reads, the same button says Stop; a second press stops it.
						await main.getByRole('button', { name: so.listen_stop }).click();
						await listen.waitFor();
						expect(await screen.evaluate(() => (window as unknown as { cancelled: number }).cancelled)).toBeGreaterThan(
							0
						);
						expect(requests.length).toBe(before);
					}
					if (name !== 'question' || heardQuestion) return;
					heardQuestion = true;
					await listen.click();
					const question = (await main.locator('h1').innerText()).trim();
					const last = (await spoken(screen)).at(-1)!;
					expect([last.text.trim(), last.lang]).toEqual([question, 'so']);
				}
			});
			expect(heardQuestion).toBe(true);
		} finally {
			await survivor.close();
		}
	}, 120_000);

	for (const where of ['safety', 'question'] as const) {
		it(`stops reading aloud at once when the survivor leaves with the quick exit, on the ${where} page`, async () => {
			const survivor = await launchBrowser({ locale: 'so', width: 320 });
			try {
				const { page, context } = survivor;
				let cancels = 0;
				await context.exposeFunction('reportCancel', () => void cancels++);
				await context.route('https://www.timeanddate.com/**', (route) =>
					route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title>' })
				);
				await stubSpeech(survivor, { voices: ['so-SO'] });
				let left = false;
				await tellTestimony(page, `${portal.origin}/so/tell`, {
					answers: [],
					stopAtReview: true,
					onScreen: async (screen, name) => {
						if (name !== where || left) return;
						left = true;
						const listen = screen.locator('main').getByRole('button', {
							name: where === 'question' ? so.listen_question : so.listen_safety
						});
						await listen.click();
						expect(await spoken(screen)).toHaveLength(1);
						const before = cancels;
						await screen.getByRole('button', { name: so.exit_button }).click();
						await screen.waitForURL('https://www.timeanddate.com/**');
						expect(cancels).toBeGreaterThan(before);
						throw new Left();
					}
				}).catch((error: unknown) => {
					if (!(error instanceof Left)) throw error;
				});
				expect(left).toBe(true);
			} finally {
				await survivor.close();
			}
		}, 120_000);
	}

	it('shows nothing where the browser has no voice for the language, or runs no JavaScript', async () => {
		const noVoice = await launchBrowser({ locale: 'so', width: 320 });
		try {
			await stubSpeech(noVoice, { voices: ['en-GB', 'sq-AL'] });
			await noVoice.page.goto(`${portal.origin}/so/tell`);
			await noVoice.page.locator('main h1').waitFor();
			await expect(noVoice.page.locator('main button.listen').count()).resolves.toBe(1);
			await expect(noVoice.page.locator('main button.listen').isVisible()).resolves.toBe(false);
			expect(await noVoice.page.getByRole('button', { name: so.listen_safety }).count()).toBe(0);
		} finally {
			await noVoice.close();
		}
		const noScript = await launchBrowser({ locale: 'so', width: 320, javaScriptDisabled: true });
		try {
			await noScript.page.goto(`${portal.origin}/so/tell`);
			await expect(noScript.page.locator('main button.listen').isVisible()).resolves.toBe(false);
		} finally {
			await noScript.close();
		}
	});

	it('turned off again, offers no button at all', async () => {
		await setSpeechSynthesis('so', false);
		const html = await (await fetch(`${portal.origin}/so/tell`)).text();
		// The quick-exit script names the attribute; no element carries it.
		expect(html).not.toContain('data-speak="');
		expect(html).toContain('id="safety-text"');
	});
});
