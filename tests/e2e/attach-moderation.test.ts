import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCleanJpeg, readImageMetadata } from '$lib/attach/image-metadata';
import { sealAttachedFile } from '$lib/attach/seal';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { encryptSubmission, readyCrypto, toBase64url, type AttachedFileReference } from '$lib/crypto';
import { mintedProof } from '$lib/demo/portal-api';
import { databaseFiles, launchBrowser, startPortal, type RunningPortal } from './harness';
import { firstChannel, postSealedTestimony } from './sealed-intake';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';

/**
 * A testimony carrying a photo and a PDF, sealed by the same code the survivor's worker runs and
 * sent as a browser sends it: the server keeps ciphertext only, and the moderator sees the photo
 * and downloads the document, both decrypted in the staff browser.
 */

const PAYSLIP_CANARY = 'Canary-payslip-Ama-Owusu-5521';
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

/** A JPEG Chromium draws from a canvas, as the survivor page's re-encoder makes it. */
async function drawnPhoto(): Promise<Uint8Array> {
	const bytes = await staff.page.evaluate(async () => {
		const canvas = new OffscreenCanvas(64, 48);
		const context = canvas.getContext('2d')!;
		context.fillStyle = '#2a7';
		context.fillRect(0, 0, 64, 48);
		context.fillStyle = '#fff';
		context.fillRect(8, 8, 20, 20);
		const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
		return [...new Uint8Array(await blob.arrayBuffer())];
	});
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

describe('a testimony with a photo and a document', () => {
	it('is stored as ciphertext only, and the moderator sees the photo and downloads the PDF', async () => {
		const photo = await drawnPhoto();
		expect(isCleanJpeg(photo)).toBe(true);
		const payslip = new TextEncoder().encode(`%PDF-1.4\n% ${PAYSLIP_CANARY}\n%%EOF\n`);
		const sealedPhoto = sealAttachedFile(photo, randomBytes(16).toString('base64url'));
		const sealedPayslip = sealAttachedFile(payslip, randomBytes(16).toString('base64url'));
		const files: AttachedFileReference[] = [sealedPhoto.reference, sealedPayslip.reference];

		const address = firstChannel(portal);
		const sealed = encryptSubmission(
			{
				v: 1,
				kind: 'testimony',
				locale: 'ar',
				mode: 'free',
				consent: { research: true, quote: false, replies: false },
				answers: [{ questionId: 'free', questionVersion: 1, text: 'هذه رسالة من مكتب السكن.' }],
				files
			},
			address
		);
		const receipt = { lookupToken: randomBytes(32), replyPublicKey: randomBytes(32) };
		const sent = await postSealedTestimony(portal, address, sealed, receipt, {
			attachments: [sealedPhoto, sealedPayslip].map(({ reference, ciphertext }) => ({
				id: reference.attachmentId,
				bytes: ciphertext.length
			}))
		});
		expect(sent.status).toBe(201);
		await upload(sent.id, receipt.lookupToken, sealedPhoto.reference.attachmentId, sealedPhoto.ciphertext);
		await upload(sent.id, receipt.lookupToken, sealedPayslip.reference.attachmentId, sealedPayslip.ciphertext);

		const disk = databaseFiles(portal);
		expect(disk.includes(Buffer.from(photo.subarray(photo.length - 200, photo.length - 100)))).toBe(false);
		expect(disk.includes(PAYSLIP_CANARY)).toBe(false);

		const { page } = staff;
		await openStaffPage(page, `${portal.origin}/staff/testimony/${sent.id}`, admin.passphrase);
		await page.getByRole('heading', { name: 'Photos and documents' }).waitFor({ timeout: 60_000 });
		await page.getByRole('button', { name: 'Show photo 1' }).click();
		const image = page.getByRole('img', { name: 'Photo 1 sent with the testimony' });
		await image.waitFor();
		await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(64);
		const src = await image.evaluate((element: HTMLImageElement) => element.src);
		// The staff page's Content-Security-Policy lets it fetch nothing from a blob: URL, so the
		// photo's bytes are read from a same-origin response without a page policy.
		const reader = await staff.context.newPage();
		await reader.goto(`${portal.origin}/healthz`);
		const bytes = await reader.evaluate(
			async (url) => [...new Uint8Array(await (await fetch(url)).arrayBuffer())],
			src
		);
		await reader.close();
		const shown = { src: src.slice(0, 5), bytes };
		expect(shown.src).toBe('blob:');
		expect(new Uint8Array(shown.bytes)).toEqual(photo);
		expect(readImageMetadata(new Uint8Array(shown.bytes)).found).toEqual([]);

		const downloading = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download document 1 (PDF)' }).click();
		const saved = await downloading;
		expect(saved.suggestedFilename()).toBe('document-1.pdf');
		expect(fs.readFileSync((await saved.path())!, 'utf8')).toContain(PAYSLIP_CANARY);
	});
});
