import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sealAttachedFile } from '$lib/attach/seal';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { encryptSubmission, readyCrypto, toBase64url } from '$lib/crypto';
import { mintedProof, readRows } from '$lib/demo/portal-api';
import { axeViolations } from './axe';
import { databaseFiles, launchBrowser, startPortal, type RunningPortal } from './harness';
import { firstChannel, postSealedTestimony } from './sealed-intake';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';

/**
 * A moderator blacks out a bright marker on a photo, includes that photo and leaves another out,
 * and approves; a researcher then sees the one photo, black where the box was, and the database
 * never holds a photo's plaintext.
 */

const WIDTH = 200;
const HEIGHT = 120;
/** The white marker on the first photo, and the box drawn over it (a little larger). */
const MARKER = { x: 40, y: 30, width: 40, height: 40 };
const BOX = { x: 34, y: 24, width: 52, height: 52 };
/** The first bytes of every JPEG Chromium's canvas writes (SOI, APP0 "JFIF"): never in the database. */
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

let portal: RunningPortal;
let admin: EnrolledStaff;
let staff: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
	portal = await startPortal();
	staff = await launchBrowser();
	admin = await completeSetup(staff.page, portal.setupLink!);
	await readyCrypto();
});

afterAll(async () => {
	await staff?.close();
	await portal?.stop();
});

/** A green photo with a white marker, or a plain blue one, drawn and encoded by Chromium as the survivor page does. */
async function drawnPhoto(page: Page, marker: boolean): Promise<Uint8Array> {
	const bytes = await page.evaluate(
		async ({ width, height, square }) => {
			const canvas = new OffscreenCanvas(width, height);
			const context = canvas.getContext('2d')!;
			context.fillStyle = square ? '#2a7' : '#36c';
			context.fillRect(0, 0, width, height);
			if (square) {
				context.fillStyle = '#fff';
				context.fillRect(square.x, square.y, square.width, square.height);
			}
			const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
			return [...new Uint8Array(await blob.arrayBuffer())];
		},
		{ width: WIDTH, height: HEIGHT, square: marker ? MARKER : null }
	);
	return new Uint8Array(bytes);
}

async function upload(submissionId: string, lookupToken: Uint8Array, attachmentId: string, ciphertext: Uint8Array) {
	const response = await fetch(`${portal.origin}/api/submissions/${submissionId}/attachments/${attachmentId}`, {
		method: 'PUT',
		headers: {
			'content-type': 'application/octet-stream',
			'x-receipt-lookup': toBase64url(lookupToken),
			[PROOF_HEADER]: await mintedProof(portal.origin, 'attachment', attachmentId)
		},
		body: new Uint8Array(ciphertext)
	});
	expect(response.status).toBe(201);
}

/** A testimony with two photos, sealed and sent as a survivor's browser does. */
async function testimonyWithTwoPhotos(marked: Uint8Array, plain: Uint8Array): Promise<string> {
	const photos = [marked, plain].map((photo) => sealAttachedFile(photo, randomBytes(16).toString('base64url')));
	const address = firstChannel(portal);
	const sealed = encryptSubmission(
		{
			v: 1,
			kind: 'testimony',
			locale: 'en',
			mode: 'free',
			consent: { research: true, quote: false, replies: false },
			answers: [{ questionId: 'free', questionVersion: 1, text: 'This is the letter the housing office sent.' }],
			files: photos.map((photo) => photo.reference)
		},
		address
	);
	const receipt = { lookupToken: randomBytes(32), replyPublicKey: randomBytes(32) };
	const sent = await postSealedTestimony(portal, address, sealed, receipt, {
		attachments: photos.map(({ reference, ciphertext }) => ({ id: reference.attachmentId, bytes: ciphertext.length }))
	});
	expect(sent.status).toBe(201);
	for (const photo of photos) {
		await upload(sent.id, receipt.lookupToken, photo.reference.attachmentId, photo.ciphertext);
	}
	return sent.id;
}

/** Drags across the shown photo from one of its pixels to another. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
	const shown = (await page.getByRole('img', { name: 'Photo 1 sent with the testimony' }).boundingBox())!;
	const scale = shown.width / WIDTH;
	await page.mouse.move(shown.x + from.x * scale, shown.y + from.y * scale);
	await page.mouse.down();
	await page.mouse.move(shown.x + ((from.x + to.x) / 2) * scale, shown.y + ((from.y + to.y) / 2) * scale, { steps: 4 });
	await page.mouse.move(shown.x + to.x * scale, shown.y + to.y * scale, { steps: 4 });
	await page.mouse.up();
}

describe('blacking out part of a photo for the research corpus', () => {
	it('seals only the included photo, blacked out in the box, and shows it to researchers', async () => {
		const { page } = staff;
		const marked = await drawnPhoto(page, true);
		const plain = await drawnPhoto(page, false);
		const id = await testimonyWithTwoPhotos(marked, plain);

		await openStaffPage(page, `${portal.origin}/staff/testimony/${id}`, admin.passphrase);
		await page.getByRole('heading', { name: 'Photos and documents' }).waitFor({ timeout: 60_000 });
		const include = page.getByLabel('Include this photo in the research corpus');
		await expect.poll(() => include.count()).toBe(2);
		await page.getByRole('button', { name: 'Show photo 1' }).click();
		const image = page.getByRole('img', { name: 'Photo 1 sent with the testimony' });
		await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(WIDTH);

		// A box by pointer over the marker…
		await drag(page, { x: BOX.x, y: BOX.y }, { x: BOX.x + BOX.width, y: BOX.y + BOX.height });
		const first = page.getByRole('button', { name: 'Box 1', exact: true });
		await first.waitFor();
		const firstPlace = await page.locator(`[id^="box-place-"]`).first().textContent();
		expect(firstPlace).toMatch(/position 3[3-5], 2[3-5]; size 5[1-3] × 5[1-3] pixels/);
		// …and one by keyboard, moved with an arrow key, then removed.
		await page.getByRole('button', { name: 'Add a box' }).click();
		const second = page.getByRole('button', { name: 'Box 2', exact: true });
		await expect.poll(() => second.evaluate((element) => element === document.activeElement)).toBe(true);
		const placeOf = () => page.locator(`[id^="box-place-"]`).nth(1).textContent();
		const before = await placeOf();
		await page.keyboard.press('ArrowRight');
		await expect.poll(placeOf).not.toBe(before);
		await page.getByRole('button', { name: 'Remove box 2' }).click();
		await expect.poll(() => second.count()).toBe(0);

		// Including waits for a look at the blacked-out copy.
		expect(await include.first().isDisabled()).toBe(true);
		await page.getByRole('button', { name: 'Show what researchers would see' }).click();
		await page.getByRole('img', { name: /Photo 1 as researchers would see it/ }).waitFor();
		await include.first().check();
		expect(await include.nth(1).isChecked()).toBe(false);
		expect(await axeViolations(page)).toEqual([]);
		// On a phone's width the tools fit without sideways scrolling.
		const wide = page.viewportSize()!;
		await page.setViewportSize({ width: 320, height: 640 });
		await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
		await page.setViewportSize(wide);

		// The boxes and the choice are in the saved draft: a reload brings them back.
		await page.getByRole('button', { name: 'Save draft' }).click();
		await page.getByText('Saved, encrypted for this channel’s moderators.').waitFor();
		await openStaffPage(page, `${portal.origin}/staff/testimony/${id}`, admin.passphrase);
		await page.getByRole('button', { name: 'Show photo 1' }).click({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Box 1', exact: true }).waitFor();
		expect(await include.first().isChecked()).toBe(true);

		await page.getByLabel('I removed names, places and other identifying details').check();
		await page.getByRole('button', { name: 'Approve for research' }).click();
		await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 60_000 }).toBe('Approved');

		const [record] = readRows<{ id: string }>(portal, 'select id from research_record');
		const images = readRows<{ record_id: string; position: number }>(
			portal,
			'select record_id, position from research_image'
		);
		expect(images).toEqual([{ record_id: record.id, position: 1 }]);
		const audit = readRows<{ detail: string }>(
			portal,
			"select detail from audit_event where action = 'research_image.included'"
		);
		expect(audit.map((row) => JSON.parse(row.detail).boxes)).toEqual([1]);
		const disk = databaseFiles(portal);
		expect(disk.includes(JPEG_START)).toBe(false);
		for (const photo of [marked, plain]) {
			expect(disk.includes(Buffer.from(photo.subarray(photo.length - 200, photo.length - 100)))).toBe(false);
		}

		await openStaffPage(page, `${portal.origin}/staff/research/records/${record.id}`, admin.passphrase);
		const section = page.getByTestId('record-photos');
		const shown = section.getByRole('img', { name: 'Photo 1 sent with this testimony, with parts blacked out' });
		await shown.waitFor({ timeout: 60_000 });
		await expect.poll(() => shown.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(WIDTH);
		expect(await section.getByRole('img').count()).toBe(1);
		expect(await axeViolations(page)).toEqual([]);

		const pixels = await shown.evaluate(
			(element: HTMLImageElement, { marker, width, height }) => {
				const canvas = document.createElement('canvas');
				canvas.width = width;
				canvas.height = height;
				const context = canvas.getContext('2d')!;
				context.drawImage(element, 0, 0);
				const data = context.getImageData(0, 0, width, height).data;
				const brightest = (x0: number, y0: number, w: number, h: number) => {
					let most = 0;
					for (let y = y0; y < y0 + h; y++)
						for (let x = x0; x < x0 + w; x++) {
							const at = (y * width + x) * 4;
							most = Math.max(most, data[at], data[at + 1], data[at + 2]);
						}
					return most;
				};
				const at = (x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)];
				return {
					marker: brightest(marker.x, marker.y, marker.width, marker.height),
					outside: at(160, 100),
					corner: at(5, 5)
				};
			},
			{ marker: MARKER, width: WIDTH, height: HEIGHT }
		);
		// Where the white marker was, the copy is black; elsewhere the green photo is untouched.
		expect(pixels.marker).toBeLessThan(40);
		for (const [red, green, blue] of [pixels.outside, pixels.corner]) {
			expect(green).toBeGreaterThan(130);
			expect(red).toBeLessThan(100);
			expect(blue).toBeGreaterThan(60);
		}
	});
});
