import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { readRows, sendReply, staffCookie } from './staff-api';
import { completeSetup, openStaffPage, type EnrolledStaff } from './staff-flows';
import { tellTestimony } from './survivor-flows';

/**
 * Rejecting is the one staff action that ends in deletion: it asks first, naming what will be
 * lost and when, and any moderator of the channel can undo it during the grace period.
 */
let portal: RunningPortal;
let admin: EnrolledStaff;
let staffBrowser: Browser;
let submissionId = '';

const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
	portal = await startPortal();
	staffBrowser = await launchBrowser({ width: 1280 });
	admin = await completeSetup(staffBrowser.page, portal.setupLink!);
	const survivor = await launchBrowser({ fakeMicrophone: true });
	try {
		await tellTestimony(survivor.page, `${portal.origin}/tell`, {
			answers: ['A testimony that will be rejected, then restored.'],
			voiceAt: [0],
			replies: true
		});
	} finally {
		await survivor.close();
	}
	[{ id: submissionId }] = readRows<{ id: string }>(portal, 'select id from submission');
	await sendReply(portal, await staffCookie(portal, admin), submissionId, 'Thank you for writing to us.');
});

afterAll(async () => {
	await staffBrowser?.close();
	await portal?.stop();
});

describe('rejecting a testimony', () => {
	it('asks first in a keyboard-operable dialog that names what will be lost and when', async () => {
		const { page } = staffBrowser;
		await openStaffPage(page, `${portal.origin}/staff/testimony/${submissionId}`, admin.passphrase);
		await page.locator('article.answer').first().waitFor({ timeout: 30_000 });
		await page.getByLabel('Reason to reject').selectOption('spam');

		await page.getByRole('button', { name: 'Reject…' }).click();
		const dialog = page.getByRole('dialog', { name: 'Reject this testimony?' });
		await dialog.waitFor();
		const deleteOn = new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10);
		expect(await dialog.locator('#reject-dialog-losses').textContent()).toMatch(
			new RegExp(
				`This testimony, its 1 voice note and 1 message will be deleted on ${deleteOn} unless someone undoes it\\.`
			)
		);
		// The harmless choice has the focus, and Escape closes without rejecting.
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel');
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		expect(readRows<{ status: string }>(portal, 'select status from submission')[0].status).toBe('in_review');

		await page.getByRole('button', { name: 'Reject…' }).focus();
		await page.keyboard.press('Enter');
		await dialog.waitFor();
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Reject testimony');
		await page.keyboard.press('Enter');

		await expect.poll(() => page.getByTestId('status').textContent()).toBe('Rejected');
		expect(await page.getByTestId('rejection').textContent()).toMatch(
			new RegExp(`deleted on ${deleteOn} \\(30 days left\\)`)
		);
		expect(readRows(portal, 'select reason, prior_status, proposed_by from rejection')).toEqual([
			{ reason: 'spam', prior_status: 'in_review', proposed_by: expect.any(String) }
		]);

		await openStaffPage(page, `${portal.origin}/staff?status=rejected`, admin.passphrase);
		expect(await page.getByTestId('grace').innerText()).toContain(
			`deleted on ${deleteOn} unless undone (30 days left)`
		);
	});

	it('can be undone during the grace period, back to where it was', async () => {
		const { page } = staffBrowser;
		await openStaffPage(page, `${portal.origin}/staff/testimony/${submissionId}`, admin.passphrase);
		await page.getByRole('button', { name: 'Undo rejection' }).click({ timeout: 30_000 });
		await page.getByText('Rejection undone. The testimony is back where it was.').waitFor();
		await expect.poll(() => page.getByTestId('status').textContent()).toBe('In review');
		expect(readRows(portal, 'select status, decided_at from submission')).toEqual([
			{ status: 'in_review', decided_at: null }
		]);
		expect(readRows(portal, 'select * from rejection')).toEqual([]);
		expect(
			readRows(
				portal,
				"select action from audit_event where action like 'submission.rejection%' or action = 'submission.rejected' order by id"
			)
		).toEqual([{ action: 'submission.rejected' }, { action: 'submission.rejection_undone' }]);
		await page.getByRole('button', { name: 'Reject…' }).waitFor();
	});
});

describe('weakening a retention setting', () => {
	it('waits, shows every admin a banner with who and when, and lets an admin cancel it; raising is immediate', async () => {
		const { page } = staffBrowser;
		await openStaffPage(page, `${portal.origin}/staff/admin/settings`, admin.passphrase);
		await page.getByLabel('Days to keep testimonies nobody has reviewed').fill('30');
		await page.getByRole('button', { name: 'Save settings' }).click();
		// The banner writes moments as the staff member's language does: in English, "May 10, 2024, 8:00 AM UTC".
		const effective = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
			new Date(Date.now() + 7 * DAY_MS)
		);
		await page.getByRole('status').filter({ hasText: `Deleting sooner waits 7 days` }).waitFor();
		const banner = page.getByRole('region', { name: 'Setting changes waiting to take effect' });
		await banner.waitFor();
		expect(await banner.innerText()).toMatch(
			new RegExp(`becomes 30 on ${effective}, \\d{1,2}:\\d\\d\\s[AP]M UTC, proposed by ${admin.username}`)
		);
		expect(readRows(portal, 'select key, value from pending_setting_change')).toEqual([
			{ key: 'unreviewed_retention_days', value: '30' }
		]);
		expect(readRows(portal, "select value from setting where key = 'unreviewed_retention_days'")).toEqual([]);

		await banner.getByRole('button', { name: 'Cancel this change' }).click();
		await page.getByRole('status').filter({ hasText: 'The change was cancelled' }).waitFor();
		// The message comes with the action's answer; the layout's banner goes once its data reloads.
		await expect
			.poll(() => page.getByRole('region', { name: 'Setting changes waiting to take effect' }).count())
			.toBe(0);
		expect(readRows(portal, 'select * from pending_setting_change')).toEqual([]);

		await openStaffPage(page, `${portal.origin}/staff/admin/settings`, admin.passphrase);
		await page.getByLabel('Days to keep testimonies nobody has reviewed').fill('400');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
		expect(readRows(portal, "select value from setting where key = 'unreviewed_retention_days'")).toEqual([
			{ value: '400' }
		]);
		expect(readRows(portal, "select action from audit_event where action like 'settings.%' order by id")).toEqual([
			{ action: 'settings.change_proposed' },
			{ action: 'settings.change_cancelled' },
			{ action: 'settings.updated' }
		]);
	});
});
