import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isCleanJpeg, readImageMetadata } from '$lib/attach/image-metadata';
import { axeViolations } from './axe';
import { exifSegment, gpsBytes, withSegment } from './exif-segment';
import { databaseFiles, launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { readRows } from './staff-api';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';
import { tellTestimony } from './survivor-flows';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';

/**
 * A survivor in Arabic, on a phone's width, adds a photo that carries a GPS position and a phone
 * model, and a PDF, on the review of their testimony; is told what was removed and warned about
 * the document; sends. The server keeps ciphertext only, and the moderator sees a photo with no
 * metadata. The survivor's page left no cookie or storage and asked no other origin for anything.
 */

const PHONE_CANARY = 'Lumenfon-canary-4410';
const ANSWER_CANARY = 'canary-attach-survivor-8152';
const PAYSLIP_CANARY = 'Canary-payslip-Yaw-Boateng-3307';
/** A file name that would identify the person: it must never show or leave the browser. */
const PHOTO_NAME = 'Fatima-Haddad-residence-permit.jpg';
const text = readSurvivorCatalogue('ar');
let portal: RunningPortal;
let admin: EnrolledStaff;
let staff: Browser;

beforeAll(async () => {
	portal = await startPortal();
	staff = await launchBrowser();
	admin = await completeSetup(staff.page, portal.setupLink!);
});

afterAll(async () => {
	await staff?.close();
	await portal?.stop();
});

/** A JPEG drawn by Chromium, as a phone camera's file would be before its EXIF block. */
async function drawnJpeg(): Promise<Uint8Array> {
	const bytes = await staff.page.evaluate(async () => {
		const canvas = new OffscreenCanvas(80, 60);
		const context = canvas.getContext('2d')!;
		context.fillStyle = '#c33';
		context.fillRect(0, 0, 80, 60);
		context.fillStyle = '#fff';
		context.fillRect(10, 10, 30, 20);
		const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
		return [...new Uint8Array(await blob.arrayBuffer())];
	});
	return new Uint8Array(bytes);
}

/** An EXIF segment with a phone model and a GPS position (36°48′N, 10°10′E). */
const photoExif = () =>
	exifSegment({
		model: PHONE_CANARY,
		latitude: { ref: 'N', degrees: 36, minutes: 48 },
		longitude: { ref: 'E', degrees: 10, minutes: 10 }
	});

/** The scripts among `urls` whose source contains `marker`. */
async function scriptsWith(urls: string[], marker: string): Promise<string[]> {
	const scripts = urls.filter((url) => url.endsWith('.js'));
	const sources = await Promise.all(scripts.map(async (url) => (await fetch(url)).text()));
	return scripts.filter((_, index) => sources[index].includes(marker));
}

/** Whether the page can still load a `blob:` address as an image (it cannot once revoked). */
const blobLoads = (page: Page, src: string) =>
	page.evaluate(
		(url) =>
			new Promise<boolean>((resolve) => {
				const image = new Image();
				image.onload = () => resolve(true);
				image.onerror = () => resolve(false);
				image.src = url;
			}),
		src
	);

describe('a survivor attaching a photo and a document', () => {
	it('is told what was removed, sends ciphertext only, and the moderator sees a clean photo', async () => {
		const segment = photoExif();
		const jpeg = await drawnJpeg();
		const photo = withSegment(jpeg, segment);
		expect(readImageMetadata(photo).found).toEqual(expect.arrayContaining(['place', 'device']));
		const payslip = Buffer.from(`%PDF-1.4\n% ${PAYSLIP_CANARY}\n%%EOF\n`);

		const survivor = await launchBrowser({ locale: 'ar', width: 320 });
		const requested: string[] = [];
		let beforeReview: string[] = [];
		survivor.context.on('request', (request) => requested.push(request.url()));
		try {
			const { page, context } = survivor;
			await tellTestimony(page, `${portal.origin}/ar/tell`, {
				answers: [`${ANSWER_CANARY} رسالة من مكتب العمل`],
				free: true,
				stopAtReview: true,
				onScreen: async (_, screen) => {
					if (screen === 'context') beforeReview = requested.slice();
				}
			});
			const main = page.locator('main');
			const picker = page.getByLabel(text.attach_add);
			// The steps before the review loaded none of the attach code, and the review only the
			// control: the code that reads and re-draws a photo comes with the first file chosen.
			expect(beforeReview.length).toBeGreaterThan(0);
			expect(await scriptsWith(beforeReview, 'attach_files_title')).toEqual([]);
			await picker.waitFor({ state: 'attached' });
			expect(await scriptsWith(requested, 'attach_files_title')).toHaveLength(1);
			expect(await scriptsWith(requested, 'imageOrientation')).toEqual([]);
			await picker.setInputFiles({ name: PHOTO_NAME, mimeType: 'image/jpeg', buffer: Buffer.from(photo) });
			const photoItem = main.locator('.files > li').filter({ hasText: 'الصورة 1' });
			await photoItem.getByText(text.attach_removed_place).waitFor({ timeout: 30_000 });
			await photoItem.getByText(text.attach_removed_device).waitFor();
			expect(await scriptsWith(requested, 'imageOrientation')).toHaveLength(1);
			await expect
				.poll(() => photoItem.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
				.toBe(80);

			await picker.setInputFiles({ name: 'payslip.pdf', mimeType: 'application/pdf', buffer: payslip });
			const documentItem = main.locator('.files > li').filter({ hasText: 'المستند 1' });
			await documentItem.getByText(text.attach_document_warning).waitFor();

			// A file of no known kind is refused in the browser, in the survivor's language.
			await picker.setInputFiles({ name: 'notes.txt', mimeType: 'image/jpeg', buffer: Buffer.from('just words') });
			await main.getByRole('alert').filter({ hasText: text.attach_unsupported }).waitFor();

			// A second photo, removed again: it goes from the list, and its preview's address is revoked.
			await picker.setInputFiles({ name: 'second.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg) });
			const second = main.locator('.files > li').filter({ hasText: 'الصورة 2' });
			await second.getByText(text.attach_removed_nothing).waitFor();
			// The preview may be drawn again (and its address renewed) while the file is sealed, so
			// what is checked is the picture on screen, then the address it has when removed.
			const preview = second.getByRole('img');
			await expect
				.poll(() => preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0), {
					timeout: 30_000
				})
				.toBe(true);
			const secondSrc = await preview.getAttribute('src');
			expect(secondSrc?.startsWith('blob:')).toBe(true);
			await second.getByRole('button', { name: text.attach_remove }).click();
			await second.waitFor({ state: 'detached' });
			expect(await main.locator('.files > li').count()).toBe(2);
			expect(await blobLoads(page, secondSrc!)).toBe(false);
			// Focus returns to the control that adds a file.
			expect(await page.evaluate(() => document.activeElement?.id)).toBe('attach-file');

			expect(await page.content()).not.toContain('Fatima');
			expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
			// Scrolled down as a survivor leaves it after choosing files: the skip link, hidden until
			// it has focus, must not sit over a button there (axe's target-size rule).
			await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
			expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
			expect(await axeViolations(page)).toEqual([]);

			const before = new Set(readRows<{ id: string }>(portal, 'select id from submission').map((row) => row.id));
			await main.locator('button.send').dblclick();
			await page.getByTestId('receipt').waitFor({ timeout: 60_000 });
			const sent = readRows<{ id: string }>(portal, 'select id from submission').filter((row) => !before.has(row.id));
			expect(sent).toHaveLength(1);
			const id = sent[0].id;
			const stored = readRows<{ uploaded: number }>(
				portal,
				'select uploaded from attachment where submission_id = ?',
				id
			);
			expect(stored).toEqual([{ uploaded: 1 }, { uploaded: 1 }]);
			// The day's byte budget counted the testimony and both files, as it counts voice notes.
			const [{ sealed }] = readRows<{ sealed: number }>(
				portal,
				'select (select sum(length(ciphertext)) from submission) + (select sum(declared_bytes) from attachment) as sealed'
			);
			expect(readRows(portal, 'select bytes from intake_day')).toEqual([{ bytes: sealed }]);

			const disk = databaseFiles(portal);
			expect(disk.includes(gpsBytes(segment))).toBe(false);
			expect(disk.includes(Buffer.from(PHONE_CANARY))).toBe(false);
			expect(disk.includes(Buffer.from(ANSWER_CANARY))).toBe(false);
			expect(disk.includes(Buffer.from(PAYSLIP_CANARY))).toBe(false);
			expect(disk.includes(Buffer.from('Fatima'))).toBe(false);

			expect(requested.filter((url) => !url.startsWith(portal.origin) && !url.startsWith('blob:'))).toEqual([]);
			expect(await context.cookies()).toEqual([]);
			expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
			expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);

			const { page: moderator } = staff;
			await openStaffPage(moderator, `${portal.origin}/staff/testimony/${id}`, admin.passphrase);
			await moderator.getByRole('heading', { name: 'Photos and documents' }).waitFor({ timeout: 60_000 });
			await moderator.getByRole('button', { name: 'Show photo 1' }).click();
			const image = moderator.getByRole('img', { name: 'Photo 1 sent with the testimony' });
			await image.waitFor();
			await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(80);
			const src = await image.evaluate((element: HTMLImageElement) => element.src);
			// The staff page's policy lets it fetch nothing from a blob: URL; read it from a page without one.
			const reader = await staff.context.newPage();
			await reader.goto(`${portal.origin}/healthz`);
			const shown = new Uint8Array(
				await reader.evaluate(async (url) => [...new Uint8Array(await (await fetch(url)).arrayBuffer())], src)
			);
			await reader.close();
			expect(isCleanJpeg(shown)).toBe(true);
			expect(readImageMetadata(shown).found).toEqual([]);
			expect(Buffer.from(shown).includes(Buffer.from(PHONE_CANARY))).toBe(false);
		} finally {
			await survivor.close();
		}
	});
});
