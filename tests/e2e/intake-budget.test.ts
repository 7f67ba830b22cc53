import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { axeViolations } from './axe';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { mintedProof } from './proofs';
import { readRows, writeRows } from './staff-api';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';
import { tellTestimony } from './survivor-flows';
import { testimonyAwaitingVoiceNote } from './voice-notes';

const portals: RunningPortal[] = [];
const browsers: Browser[] = [];

afterAll(async () => {
	for (const browser of browsers) await browser.close();
	for (const portal of portals) await portal.stop();
});

/** A portal after first-run setup, and its admin's browser, still signed in. */
async function portalWithChannel(
	env: Record<string, string> = {}
): Promise<{ portal: RunningPortal; admin: Browser; staff: EnrolledStaff }> {
	const portal = await startPortal(env);
	portals.push(portal);
	const admin = await launchBrowser();
	browsers.push(admin);
	const staff = await completeSetup(admin.page, portal.setupLink!);
	return { portal, admin, staff };
}

/** Sets a budget as an operator would in the database; the server reads budgets at most a second old. */
async function setBudget(portal: RunningPortal, key: string, value: number): Promise<void> {
	writeRows(
		portal,
		'insert into setting (key, value) values (?, ?) on conflict(key) do update set value = excluded.value',
		key,
		String(value)
	);
	await new Promise((resolve) => setTimeout(resolve, 1100));
}

const today = () => new Date().toISOString().slice(0, 10);
const submissionCount = (portal: RunningPortal) =>
	readRows<{ n: number }>(portal, 'select count(*) as n from submission')[0].n;
const b64 = (length: number) => randomBytes(length).toString('base64url');

/** A well-formed survivor message, with its proof of work, for a receipt that does not exist. */
async function sendJunkMessage(portal: RunningPortal) {
	const id = b64(16);
	return fetch(`${portal.origin}/api/receipts/messages`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			origin: portal.origin,
			[PROOF_HEADER]: await mintedProof(portal.origin, 'message', id)
		},
		body: JSON.stringify({
			lookupToken: b64(32),
			message: {
				id,
				channelKeyVersion: 1,
				formatVersion: 1,
				nonce: b64(24),
				ciphertext: b64(528),
				sealedDataKey: b64(80)
			}
		})
	});
}

describe('a spent intake budget', () => {
	let flooded: Awaited<ReturnType<typeof portalWithChannel>>;

	it('shows the survivor a translated "too many people" screen with 429, keeps the answers, and sends on retry', async () => {
		flooded = await portalWithChannel();
		const { portal } = flooded;
		// Before the first send, so the server reads the day's counts from the file: the day is spent.
		await setBudget(portal, 'intake_testimonies_per_day', 3);
		writeRows(portal, 'insert into intake_day (day, testimonies) values (?, 3)', today());

		const { page, close } = await launchBrowser({ locale: 'fr' });
		try {
			await tellTestimony(page, `${portal.origin}/fr/tell`, {
				answers: ['Une réponse gardée pendant la saturation.'],
				stopAtReview: true
			});
			const refused = page.waitForResponse((response) => response.url().endsWith('/api/submissions'));
			await page.locator('button.send').click();
			const response = await refused;
			expect(response.status()).toBe(429);
			expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
			const main = page.locator('main');
			await expect.poll(() => main.locator('h1').textContent()).toBe('Trop de personnes envoient en ce moment');
			await expect.poll(() => main.textContent()).toContain("Vos réponses sont à l'abri sur cet écran");
			expect(await axeViolations(page)).toEqual([]);
			expect(submissionCount(portal)).toBe(0);

			await main.getByRole('button', { name: 'Revenir à mes réponses' }).click();
			await expect
				.poll(() => main.locator('ol.review').textContent())
				.toContain('Une réponse gardée pendant la saturation.');
			await main.locator('button.send').click();
			await main.getByRole('button', { name: 'Réessayer' }).waitFor();

			await setBudget(portal, 'intake_testimonies_per_day', 100);
			await main.getByRole('button', { name: 'Réessayer' }).click();
			const receipt = page.getByTestId('receipt');
			await receipt.waitFor({ timeout: 60_000 });
			expect(submissionCount(portal)).toBe(1);
			const receiptNumber = (await receipt.textContent())?.trim() ?? '';
			const [day] = readRows<{ testimonies: number; refused_over_budget: number }>(
				portal,
				'select testimonies, refused_over_budget from intake_day where day = ?',
				today()
			);
			// Refusals reach the file at most every few seconds; the first one at once.
			expect(day.testimonies).toBe(4);
			expect(day.refused_over_budget).toBeGreaterThanOrEqual(1);

			// Coming back with the receipt once the day's message budget is spent: the message stays in the form.
			await setBudget(portal, 'intake_messages_per_day', 1);
			// Spends the day's only message (then refused itself: no such receipt).
			expect((await sendJunkMessage(portal)).status).toBe(404);
			await page.goto(`${portal.origin}/fr/check`);
			await page.locator('#receipt').fill(receiptNumber);
			await main.locator('form button[type="submit"]').click();
			await page.locator('.status-text').waitFor({ timeout: 30_000 });
			await page.locator('#message').fill('Un message pendant la saturation.');
			const refusedMessage = page.waitForResponse((response) => response.url().endsWith('/api/receipts/messages'));
			await main.locator('section').nth(1).locator('button[type="submit"]').click();
			expect((await refusedMessage).status()).toBe(429);
			await expect
				.poll(() => main.locator('.error').textContent())
				.toBe(
					'Trop de personnes envoient en ce moment. Votre message est toujours là. Réessayez dans quelques minutes.'
				);
			expect(await page.locator('#message').inputValue()).toBe('Un message pendant la saturation.');
		} finally {
			await close();
		}

		// The other two anonymous writes answer the same way once their budgets are spent.
		await setBudget(portal, 'intake_messages_per_day', 2);
		// One message was let in today: the next spends the second, and the one after finds none left.
		expect((await sendJunkMessage(portal)).status).toBe(404);
		const message = await sendJunkMessage(portal);
		expect(message.status).toBe(429);
		expect(Number(message.headers.get('retry-after'))).toBeGreaterThan(0);
		await setBudget(portal, 'intake_megabytes_per_day', 1);
		const note = testimonyAwaitingVoiceNote(portal, 2 * 1024 * 1024);
		const voice = await fetch(
			`${portal.origin}/api/submissions/${note.submissionId}/attachments/${note.attachmentId}`,
			{
				method: 'PUT',
				headers: {
					'content-type': 'application/octet-stream',
					'x-receipt-lookup': note.token,
					origin: portal.origin,
					[PROOF_HEADER]: await mintedProof(portal.origin, 'attachment', note.attachmentId)
				},
				body: randomBytes(2 * 1024 * 1024)
			}
		);
		expect(voice.status).toBe(429);
		expect((await voice.json()).message).toMatch(/try again in a few minutes/);
	}, 240_000);

	it('shows moderators a flood banner, lets an admin change the budgets and release the flood day, audited', async () => {
		const { portal, admin, staff } = flooded;
		const page = admin.page;
		await openStaffPage(page, `${portal.origin}/staff`, staff.passphrase);
		const banner = page.getByRole('region', { name: 'Intake is being flooded or was recently' });
		await expect.poll(() => banner.textContent()).toMatch(/refused [1-9]\d* anonymous sends over its budgets/);
		await expect.poll(() => banner.textContent()).toContain(`(${today()})`);

		await openStaffPage(page, `${portal.origin}/staff/admin/settings`, staff.passphrase);
		await page.getByLabel('New testimonies per minute').fill('12');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
		expect(readRows(portal, "select value from setting where key = 'intake_testimonies_per_minute'")).toEqual([
			{ value: '12' }
		]);

		await openStaffPage(page, `${portal.origin}/staff/admin/flood-days`, staff.passphrase);
		// The staff pages write a day as the staff member's language does.
		const shownToday = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date());
		await page.getByRole('button', { name: `Release ${shownToday}` }).click();
		// The confirmation is required: nothing is released without it.
		expect(readRows(portal, 'select released_at from intake_day where released_at is not null')).toEqual([]);
		await page.getByLabel(`Let retention delete the 0 unreviewed testimonies of ${shownToday} it holds`).check();
		await page.getByRole('button', { name: `Release ${shownToday}` }).click();
		await page
			.getByRole('status')
			.filter({ hasText: `Retention now treats ${shownToday} like any other day.` })
			.waitFor();
		await page.getByRole('cell', { name: 'Released' }).waitFor();
		const audit = readRows<{ action: string; detail: string }>(
			portal,
			"select action, detail from audit_event where action in ('settings.updated', 'flood_day.released') order by id"
		);
		expect(audit.map((row) => row.action)).toEqual(['settings.updated', 'flood_day.released']);
		expect(JSON.parse(audit[0].detail)).toEqual({ keys: 'intake_testimonies_per_minute' });
	});
});

describe('a disk within its headroom', () => {
	it('refuses intake with 503 and shows the survivor a translated "no room" screen', async () => {
		// A headroom larger than any disk: every anonymous write finds the disk "full".
		const { portal } = await portalWithChannel({ DISK_HEADROOM_MB: String(1024 * 1024 * 1024) });
		const { page, close } = await launchBrowser({ locale: 'ar' });
		try {
			await tellTestimony(page, `${portal.origin}/ar/tell`, { answers: ['إجابة للاختبار.'], stopAtReview: true });
			// The receipt's Argon2id and the proof of work run before the request is sent.
			const refused = page.waitForResponse((response) => response.url().endsWith('/api/submissions'), {
				timeout: 120_000
			});
			await page.locator('button.send').click();
			expect((await refused).status()).toBe(503);
			const main = page.locator('main');
			await expect.poll(() => main.locator('h1').textContent()).toBe('لا يمكننا استقبال شهادات جديدة الآن');
			await main.getByRole('button', { name: 'حاول مرة أخرى' }).waitFor();
			expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
			expect(await axeViolations(page)).toEqual([]);
			expect(submissionCount(portal)).toBe(0);
			expect(readRows<{ refused_low_disk: number }>(portal, 'select refused_low_disk from intake_day')).toEqual([
				{ refused_low_disk: 1 }
			]);
		} finally {
			await close();
		}
	});
});
