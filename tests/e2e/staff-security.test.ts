import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { readRows } from './staff-api';
import { completeSetup, enrol, openStaffPage, signIn, type EnrolledStaff } from './staff-flows';
import { TestAuthenticator } from './totp';

/**
 * A staff member's authenticator is reset by an admin: the passphrase alone opens nothing, the
 * one-time re-enrolment link with the passphrase binds a new authenticator, and meanwhile the
 * half-signed-in session is refused by every endpoint and form action. Then the person is
 * disabled (only with their typed username and a reason) and enabled again.
 */
let portal: RunningPortal;
let adminBrowser: Browser;
let staffBrowser: Browser;
let admin: EnrolledStaff;
let rita: EnrolledStaff;
let reenrolmentLink = '';

beforeAll(async () => {
	portal = await startPortal();
	adminBrowser = await launchBrowser();
	staffBrowser = await launchBrowser();
	admin = await completeSetup(adminBrowser.page, portal.setupLink!);
	await openStaffPage(adminBrowser.page, `${portal.origin}/staff/admin/users`, admin.passphrase);
	const invite = adminBrowser.page.getByRole('region', { name: 'Invite someone' });
	await invite.getByLabel('Researcher').check();
	await invite.getByRole('button', { name: 'Create invitation link' }).click();
	const link = (await adminBrowser.page.getByTestId('invitation-link').textContent())?.trim() ?? '';
	rita = await enrol(staffBrowser.page, link, 'rita.researcher', 'copper meadow lantern violin 73');
}, 300_000);

afterAll(async () => {
	await adminBrowser?.close();
	await staffBrowser?.close();
	await portal?.stop();
});

/** The cookie the person's browser holds, to call endpoints and actions as their page would. */
async function browserCookie(browser: Browser): Promise<string> {
	// The session cookie is scoped to /staff, so ask for the cookies of a staff address.
	const cookies = await browser.context.cookies(`${portal.origin}/staff/`);
	return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

async function statusOf(method: string, path: string, cookie: string, body?: unknown): Promise<number> {
	const response = await fetch(portal.origin + path, {
		method,
		headers: { cookie, origin: portal.origin, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
		redirect: 'manual'
	});
	await response.arrayBuffer();
	return response.status;
}

/** A form action posted as `use:enhance` posts it; the JSON answer carries the status. */
async function actionStatus(path: string, cookie: string, form: Record<string, string>): Promise<number> {
	const response = await fetch(portal.origin + path, {
		method: 'POST',
		headers: { cookie, origin: portal.origin, 'x-sveltekit-action': 'true', accept: 'application/json' },
		body: new URLSearchParams(form)
	});
	const result = (await response.json()) as { type: string; status?: number };
	return result.type === 'success' ? 200 : (result.status ?? response.status);
}

describe('resetting a staff member’s authenticator', () => {
	it('ends their sessions and hands the admin a one-time link', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/admin/users`, admin.passphrase);
		const row = page.locator('tr[data-username="rita.researcher"]');
		await row.getByRole('button', { name: 'Reset two-factor authentication' }).click();
		reenrolmentLink = (await page.getByTestId('invitation-link').textContent())?.trim() ?? '';
		expect(reenrolmentLink).toMatch(/\/staff\/reenrol#[A-Za-z0-9_-]{43}$/);
		await staffBrowser.page.goto(`${portal.origin}/staff`);
		await staffBrowser.page.waitForURL(/\/staff\/login/);
	});

	it('does not let them in with the passphrase alone, nor with the old code', async () => {
		await signIn(staffBrowser.page, portal.origin, rita);
		await staffBrowser.page.getByText('The username, passphrase or code is not correct.').waitFor();
		expect(
			readRows(
				portal,
				"select s.id from staff_session s join staff_user u on u.id = s.staff_user_id where u.username = 'rita.researcher'"
			)
		).toEqual([]);
	});

	it('opens the link with the passphrase into a session that only the enrolment endpoints accept', async () => {
		const { page } = staffBrowser;
		await page.goto(reenrolmentLink);
		await page.getByLabel('Username').fill(rita.username);
		await page.getByLabel('Passphrase').fill(rita.passphrase);
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.getByRole('heading', { name: 'Set up two-factor authentication again' }).waitFor();
		await page.locator('.totp-secret').waitFor();

		const cookie = await browserCookie(staffBrowser);
		const refusals = {
			corpus: await statusOf('GET', '/staff/api/research/corpus', cookie),
			code: await statusOf('POST', '/staff/api/research/codes', cookie, { name: 'Housing', parentId: null }),
			memo: await statusOf('PUT', '/staff/api/research/memos', cookie, {}),
			coding: await statusOf('POST', '/staff/api/research/codings', cookie, {}),
			passphrase: await statusOf('POST', '/staff/api/account/passphrase', cookie, {}),
			grants: await statusOf('POST', '/staff/api/grants', cookie, {}),
			researchPage: await statusOf('GET', '/staff/research', cookie),
			createSession: await actionStatus('/staff/sessions?/create', cookie, { label: 'x' }),
			endOthers: await actionStatus('/staff/account?/endOthers', cookie, {}),
			addTemplate: await actionStatus('/staff/templates?/add', cookie, { text: 'x' })
		};
		const { researchPage, ...endpointsAndActions } = refusals;
		for (const [what, status] of Object.entries(endpointsAndActions)) expect(status, what).toBe(403);
		// The page is sent to the two-factor page, or refused outright.
		expect([303, 403]).toContain(researchPage);
	});

	it('binds a new authenticator, after which the person works as before', async () => {
		const { page } = staffBrowser;
		const key = (await page.locator('.totp-secret').textContent()) ?? '';
		const authenticator = new TestAuthenticator(key);
		await page.getByLabel('Six-digit code').fill(await authenticator.code());
		await page.getByRole('button', { name: 'Confirm' }).click();
		await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.waitForURL((url) => url.pathname !== '/staff/account/two-factor');
		await openStaffPage(page, `${portal.origin}/staff/account`, rita.passphrase);
		await page.getByRole('heading', { name: 'Your account' }).waitFor();
		rita = { ...rita, authenticator };
		expect(await statusOf('GET', '/staff/api/research/corpus', await browserCookie(staffBrowser))).toBe(200);
	});

	it('refuses the same link a second time', async () => {
		const fresh = await launchBrowser();
		try {
			await fresh.page.goto(reenrolmentLink);
			await fresh.page.getByRole('heading', { name: 'This link cannot be used' }).waitFor();
			await fresh.page.getByText('This link has already been used.').waitFor();
		} finally {
			await fresh.close();
		}
	});
});

describe('disabling and enabling a staff member', () => {
	it('does nothing without the typed username', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/admin/users`, admin.passphrase);
		const row = page.locator('tr[data-username="rita.researcher"]');
		await row.getByText('Disable rita.researcher…').click();
		await row.getByLabel(/^Reason/).fill('Leaving for another project');
		await row.getByLabel('Type rita.researcher to confirm').fill('rita');
		await row.getByRole('button', { name: 'Disable rita.researcher', exact: true }).click();
		await page.getByText('Type the username of the person exactly as shown to confirm.').waitFor();
		expect(readRows(portal, "select disabled_at from staff_user where username = 'rita.researcher'")).toEqual([
			{ disabled_at: null }
		]);
	});

	it('disables with a reason that the audit log keeps, and ends the session', async () => {
		const { page } = adminBrowser;
		const row = page.locator('tr[data-username="rita.researcher"]');
		await row.getByLabel('Type rita.researcher to confirm').fill('rita.researcher');
		await row.getByRole('button', { name: 'Disable rita.researcher', exact: true }).click();
		await page.getByText('Disabled. Their sessions and key grants are gone.').waitFor();
		const [entry] = readRows<{ detail: string }>(
			portal,
			"select detail from audit_event where action = 'user.disabled'"
		);
		expect(JSON.parse(entry.detail)).toMatchObject({ reason: 'Leaving for another project' });
		await staffBrowser.page.goto(`${portal.origin}/staff`);
		await staffBrowser.page.waitForURL(/\/staff\/login/);
	});

	it('enables again, after which the person signs in', async () => {
		const { page } = adminBrowser;
		const row = page.locator('tr[data-username="rita.researcher"]');
		await row.getByText('Enable rita.researcher again…').click();
		await row.getByLabel(/^Reason/).fill('Back on the project');
		await row.getByLabel('Type rita.researcher to confirm').fill('rita.researcher');
		await row.getByRole('button', { name: 'Enable rita.researcher', exact: true }).click();
		await page.getByText('Enabled again.', { exact: false }).waitFor();
		expect(readRows(portal, "select action from audit_event where action = 'user.enabled'")).toHaveLength(1);
		await signIn(staffBrowser.page, portal.origin, rita);
		await staffBrowser.page.waitForURL((url) => !url.pathname.startsWith('/staff/login'));
	});

	it('refuses in the language the admin chose on their Account page', async () => {
		const cookie = await browserCookie(adminBrowser);
		expect(await actionStatus('/staff/account?/language', cookie, { locale: 'fr' })).toBeLessThan(400);
		const [{ id }] = readRows<{ id: string }>(portal, "select id from staff_user where username = 'rita.researcher'");
		const response = await fetch(`${portal.origin}/staff/admin/users?/disable`, {
			method: 'POST',
			headers: { cookie, origin: portal.origin, 'x-sveltekit-action': 'true', accept: 'application/json' },
			body: new URLSearchParams({ userId: id, confirmUsername: 'rita', reason: 'Leaving' })
		});
		const result = (await response.json()) as { type: string; status: number; data: string };
		expect(result).toMatchObject({ type: 'failure', status: 400 });
		expect(result.data).toContain('saisissez le nom d’utilisateur de la personne exactement tel qu’il est affiché');
		await actionStatus('/staff/account?/language', cookie, { locale: '' });
	});
});
