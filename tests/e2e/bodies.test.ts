import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from '../../src/lib/crypto';
import { PROOF_HEADER } from '../../src/lib/crypto/proof';
import { launchBrowser, startPortal, type RunningPortal } from './harness';
import { peakResidentBytesDuring, sendChunked } from './http-bodies';
import { mintedProof } from './proofs';
import { fillCorpus } from './research-corpus';
import { readRows, staffCookie } from './staff-api';
import { testimonyAwaitingVoiceNote } from './voice-notes';
import { completeSetup, openStaffPage, signIn, type EnrolledStaff } from './staff-flows';

/**
 * Request bodies against a running portal: limits enforced while the bytes arrive (a chunked
 * body has no Content-Length to check), voice notes streamed into the database and back, and
 * the research corpus in pages.
 */
const MiB = 1024 * 1024;
let portal: RunningPortal;
let admin: EnrolledStaff;

beforeAll(async () => {
	await readyCrypto();
	portal = await startPortal();
	const browser = await launchBrowser();
	try {
		admin = await completeSetup(browser.page, portal.setupLink!);
	} finally {
		await browser.close();
	}
}, 300_000);

afterAll(async () => {
	await portal?.stop();
});

let adminSession: Promise<string> | undefined;
/**
 * The admin's session for the API tests, signed in once: every sign-in spends a new step of the
 * authenticator, and one step past the clock's next makes the sign-in wait up to 30 s for it.
 */
const adminCookie = () => (adminSession ??= staffCookie(portal, admin));

describe('bodies larger than an endpoint takes', () => {
	it('are refused with 413 while they arrive: 36 chunked 25 MiB bodies to a 1 KiB endpoint leave memory flat', async () => {
		const answers: { status: number; body: string; bytesSentBeforeAnswer: number }[] = [];
		const { before, peak } = await peakResidentBytesDuring(portal.pid, async () => {
			for (let round = 0; round < 6; round++) {
				const batch = Array.from({ length: 6 }, () =>
					sendChunked(`${portal.origin}/api/receipts/status`, {
						headers: { 'content-type': 'application/json' },
						totalBytes: 25 * MiB
					})
				);
				answers.push(...(await Promise.all(batch)));
			}
		});
		// Each is answered 413, or cut off by the server closing the connection after that answer.
		expect(answers.every((answer) => answer.status === 413 || answer.status === 0)).toBe(true);
		const answered = answers.find((answer) => answer.status === 413)!;
		expect(JSON.parse(answered.body).message).toBe('The request is too large.');
		// The answer came long before the 25 MiB were sent (socket buffers hold a few MiB at most).
		expect(Math.max(...answers.map((answer) => answer.bytesSentBeforeAnswer))).toBeLessThan(12 * MiB);
		// Buffering them whole grew the server by over 500 MB.
		expect(peak - before).toBeLessThan(100 * MiB);
	}, 300_000);

	it('are refused with 413 on a staff form action, before the action or its sign-in check reads them', async () => {
		const answer = await sendChunked(`${portal.origin}/staff/account?/endSession`, {
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.origin },
			totalBytes: 25 * MiB
		});
		expect(answer.status).toBe(413);
		expect(answer.body).toMatch(/^The request is too large\. Forms here take at most 64 KiB\.$/);
		expect(answer.bytesSentBeforeAnswer).toBeLessThan(12 * MiB);
	});
});

describe('a voice note', () => {
	it('of several MiB arrives in 256 KiB rows and is served back to a moderator byte for byte', async () => {
		const ciphertext = randomBytes(3 * MiB + 777);
		const note = testimonyAwaitingVoiceNote(portal, ciphertext.length);
		const upload = await fetch(
			`${portal.origin}/api/submissions/${note.submissionId}/attachments/${note.attachmentId}`,
			{
				method: 'PUT',
				headers: {
					'content-type': 'application/octet-stream',
					'x-receipt-lookup': note.token,
					[PROOF_HEADER]: await mintedProof(portal.origin, 'attachment', note.attachmentId)
				},
				body: ciphertext
			}
		);
		expect(upload.status).toBe(201);
		const rows = readRows<{ bytes: number }>(
			portal,
			'select length(ciphertext) as bytes from attachment_chunk where attachment_id = ? order by sequence',
			note.attachmentId
		);
		expect(rows.map((row) => row.bytes)).toEqual([...Array(12).fill(256 * 1024), 777]);

		const cookie = await adminCookie();
		const served = await fetch(`${portal.origin}/staff/api/attachments/${note.attachmentId}`, { headers: { cookie } });
		expect(served.status).toBe(200);
		expect(served.headers.get('content-length')).toBe(String(ciphertext.length));
		expect(Buffer.from(await served.arrayBuffer()).equals(ciphertext)).toBe(true);
	});

	it('sent chunked with more bytes than announced is cut off with 413 or 400 and nothing of it is kept', async () => {
		const note = testimonyAwaitingVoiceNote(portal, MiB);
		const answer = await sendChunked(
			`${portal.origin}/api/submissions/${note.submissionId}/attachments/${note.attachmentId}`,
			{
				method: 'PUT',
				headers: {
					'content-type': 'application/octet-stream',
					'x-receipt-lookup': note.token,
					[PROOF_HEADER]: await mintedProof(portal.origin, 'attachment', note.attachmentId)
				},
				totalBytes: 30 * MiB
			}
		);
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.body).message).toBe('The voice note is not the size that was announced.');
		expect(answer.bytesSentBeforeAnswer).toBeLessThan(12 * MiB);
		expect(
			readRows(portal, 'select sequence from attachment_chunk where attachment_id = ?', note.attachmentId)
		).toEqual([]);
		expect(readRows(portal, 'select uploaded from attachment where id = ?', note.attachmentId)).toEqual([
			{ uploaded: 0 }
		]);
	});
});

describe('the research corpus', () => {
	it('opens in the workspace from several pages, with every record', async () => {
		fillCorpus(portal, admin, 2500);
		const browser = await launchBrowser({ width: 1280 });
		try {
			const pages: string[] = [];
			browser.page.on('request', (request) => {
				if (request.url().includes('/staff/api/research/corpus')) pages.push(request.url());
			});
			await signIn(browser.page, portal.origin, admin);
			await browser.page.getByRole('heading', { name: 'Inbox' }).waitFor();
			await openStaffPage(browser.page, `${portal.origin}/staff/research`, admin.passphrase);
			await browser.page
				.getByTestId('result-count')
				.or(browser.page.getByRole('alert'))
				.first()
				.waitFor({ timeout: 120_000 });
			expect(
				await browser.page.getByRole('alert').count(),
				(await browser.page.locator('main').textContent()) ?? ''
			).toBe(0);
			await expect
				.poll(() => browser.page.getByTestId('result-count').textContent(), { timeout: 120_000 })
				.toBe('2,500 records match.');
			expect(pages.length).toBeGreaterThanOrEqual(2);
			expect(pages.slice(1).every((url) => /\?after=\d{4}-\d{2}\.[0-9a-f-]{36}$/.test(url))).toBe(true);
		} finally {
			await browser.close();
		}
	}, 300_000);

	it('refuses a page cursor it did not make with a clear 400', async () => {
		const cookie = await adminCookie();
		const response = await fetch(
			`${portal.origin}/staff/api/research/corpus?after=${encodeURIComponent(randomUUID())}`,
			{ headers: { cookie } }
		);
		expect(response.status).toBe(400);
		expect((await response.json()).message).toMatch(/cursor/);
	});
});
