import type { Page } from 'playwright-core';
import type { RunningPortal } from './harness';
import { readRows } from './staff-api';
import { ADMIN, openStaffPage, type EnrolledStaff } from './staff-flows';

/**
 * The admin takes the facilitator role for the first channel and creates a facilitated session
 * in French, as a facilitator does; returns the address a kiosk device opens the testimony at.
 */
export async function createKioskSession(page: Page, portal: RunningPortal, admin: EnrolledStaff): Promise<string> {
	await openStaffPage(page, `${portal.origin}/staff/admin/users`, admin.passphrase);
	const row = page.locator(`tr[data-username="${ADMIN.username}"]`);
	await row.getByText('Change roles').click();
	await row.getByLabel(`Facilitator for ${ADMIN.channelName} (FR)`).check();
	await row.getByRole('button', { name: 'Save roles' }).click();
	await page.getByText('Roles saved.').waitFor();
	await openStaffPage(page, `${portal.origin}/staff/sessions`, admin.passphrase);
	await page.getByLabel('Label (no names of people or exact places)').fill('Thursday drop-in');
	await page.getByLabel('English').check();
	await page.getByRole('button', { name: 'Create session' }).click();
	await page.getByTestId('join-code').waitFor();
	const [session] = readRows<{ id: string }>(portal, 'select id from facilitation_session');
	return `${portal.origin}/tell?s=${session.id}&kiosk=1`;
}
