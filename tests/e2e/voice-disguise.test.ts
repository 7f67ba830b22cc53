import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { encodeWav } from '../../src/lib/client/voice-playback';
import { VOICE_SHIFTS, semitoneFactor } from '../../src/lib/client/voice-disguise';
import { fundamentalFrequency, readWav, vowelTone } from '../voice-pitch';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';
import { finishAfterReceipt, tellTestimony } from './survivor-flows';

/**
 * "Change my voice" end to end: a fake microphone plays a vowel-like tone of a known pitch, the
 * survivor lowers it, listens, sends; the moderator's decrypted note has the lower pitch and the
 * length of the recording. Changing the voice asks nothing of the network.
 */
const TONE_HZ = 200;
const RATE = 48_000;

let portal: RunningPortal;
let admin: EnrolledStaff;
let adminBrowser: Browser;
let toneFile = '';
let recordedSeconds = Number.NaN;
const requestsWhileChanging: { url: string; bodyBytes: number }[] = [];

/** The recorder's player learns the length of the WebM Chromium writes by seeking to its end. */
async function recordingSeconds(page: Page): Promise<number> {
	const audio = page.locator('main .voice audio').first();
	await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.duration)).toBeLessThan(1e6);
	return audio.evaluate((element: HTMLAudioElement) => element.duration);
}

async function changeVoice(page: Page, choice: RegExp | string) {
	const recorder = page.locator('main .voice');
	await recorder.getByRole('button', { name: 'Change my voice' }).click();
	await recorder.getByRole('radio', { name: choice }).check();
	await recorder.getByRole('button', { name: 'Listen to the changed voice' }).click();
	await recorder.getByLabel('Listen to your changed voice').waitFor();
}

beforeAll(async () => {
	toneFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tv-e2e-tone-')), 'vowel.wav');
	fs.writeFileSync(toneFile, Buffer.from(encodeWav(vowelTone(TONE_HZ, 1000, 10, RATE), RATE)));
	portal = await startPortal();
	adminBrowser = await launchBrowser({ width: 1280 });
	admin = await completeSetup(adminBrowser.page, portal.setupLink!);
});

afterAll(async () => {
	await adminBrowser?.close();
	await portal?.stop();
	if (toneFile) fs.rmSync(path.dirname(toneFile), { recursive: true, force: true });
});

describe('changing my voice', () => {
	it('sends the lowered voice, with its pitch moved and its length kept, and asks nothing of the network meanwhile', async () => {
		const survivor = await launchBrowser({ fakeMicrophone: true, fakeMicrophoneFile: toneFile });
		try {
			const receipt = await tellTestimony(survivor.page, `${portal.origin}/en/tell`, {
				answers: ['A test answer written for this check.'],
				voiceAt: [0],
				voiceSeconds: 4,
				onScreen: async (page, screen) => {
					if (screen !== 'question') return;
					recordedSeconds = await recordingSeconds(page);
					const record = (request: Request) =>
						requestsWhileChanging.push({ url: request.url(), bodyBytes: request.postDataBuffer()?.length ?? 0 });
					page.on('request', record);
					await changeVoice(page, 'A little lower');
					// A second listen with another choice replaces the first preview.
					await changeVoiceAgain(page);
					await page.locator('main .voice').getByRole('button', { name: 'Use the changed voice' }).click();
					await expect
						.poll(() => page.locator('main .voice .status').textContent())
						.toContain('Only the changed voice will be sent.');
					page.off('request', record);
					expect(await page.locator('main .voice audio').count()).toBe(1);
					expect(await page.locator('main .voice audio').getAttribute('src')).toMatch(/^blob:/);
				}
			});
			expect(receipt).toMatch(/\d/);
			await finishAfterReceipt(survivor.page);
		} finally {
			await survivor.close();
		}
		// The page fetches proof-of-work puzzles ahead of sending, as it does without a changed voice;
		// nothing else goes out, and nothing large enough to carry sound.
		expect(
			requestsWhileChanging.filter(({ url }) => !url.startsWith('blob:') && url !== `${portal.origin}/api/proofs`)
		).toEqual([]);
		expect(requestsWhileChanging.every(({ bodyBytes }) => bodyBytes < 1024)).toBe(true);

		const { page } = adminBrowser;
		// The staff page's CSP rightly lets no script fetch a blob: URL; the test alone reads the
		// decrypted audio the player was given, so only this browser's pages skip the CSP.
		await (await page.context().newCDPSession(page)).send('Page.setBypassCSP', { enabled: true });
		await openStaffPage(page, `${portal.origin}/staff`, admin.passphrase);
		await page
			.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ })
			.first()
			.click();
		const voiced = page.locator('article.answer').first();
		await voiced.getByRole('button', { name: 'Listen' }).click();
		const audio = voiced.locator('audio');
		await audio.waitFor({ state: 'attached' });
		const source = (await audio.getAttribute('src'))!;
		const bytes = await page.evaluate(
			async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())),
			source
		);
		const { samples, sampleRate } = readWav(Uint8Array.from(bytes));

		const seconds = samples.length / sampleRate;
		expect(seconds).toBeGreaterThan(recordedSeconds * 0.95);
		expect(seconds).toBeLessThan(recordedSeconds * 1.05);
		const middle = samples.subarray(
			Math.floor(samples.length / 2 - sampleRate / 2),
			Math.floor(samples.length / 2 + sampleRate / 2)
		);
		const expected = TONE_HZ * semitoneFactor(VOICE_SHIFTS.lower);
		expect(fundamentalFrequency(middle, sampleRate)).toBeGreaterThan(expected * 0.975);
		expect(fundamentalFrequency(middle, sampleRate)).toBeLessThan(expected * 1.025);
	});

	it('shows the choice, its limits and the preview readably and accessibly at 320 px, right to left', async () => {
		const survivor = await launchBrowser({
			locale: 'ar',
			width: 320,
			fakeMicrophone: true,
			fakeMicrophoneFile: toneFile
		});
		try {
			const { page } = survivor;
			await tellTestimony(page, `${portal.origin}/ar/tell`, {
				answers: [null],
				voiceAt: [0],
				stopAtReview: true,
				onScreen: async (current, screen) => {
					if (screen !== 'question') return;
					const recorder = current.locator('main .voice');
					await recorder.locator('.actions button.secondary').last().click();
					await recorder.getByRole('radio').last().check();
					await recorder.locator('.disguise .actions button').first().click();
					await recorder.locator('.disguise audio').waitFor();
					expect(await current.evaluate(() => document.documentElement.dir)).toBe('rtl');
					expect(await current.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
					expect(await axeViolations(current)).toEqual([]);
					// Keeping the recording closes the choice and gives focus back to where it opened.
					await recorder.locator('.disguise .actions button.secondary').click();
					expect(await recorder.locator('.disguise').count()).toBe(0);
					expect(await current.evaluate(() => document.activeElement?.textContent?.trim())).toBe('تغيير صوتي');
				}
			});
		} finally {
			await survivor.close();
		}
	});
});

async function changeVoiceAgain(page: Page) {
	const recorder = page.locator('main .voice');
	await recorder.getByRole('radio', { name: 'Much lower' }).check();
	// A new choice forgets the preview of the old one, so it cannot be sent by mistake.
	expect(await recorder.getByLabel('Listen to your changed voice').count()).toBe(0);
	await recorder.getByRole('radio', { name: 'A little lower' }).check();
	await recorder.getByRole('button', { name: 'Listen to the changed voice' }).click();
	await recorder.getByLabel('Listen to your changed voice').waitFor();
}
