import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { databaseFiles, launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { axeViolations } from './axe';
import { readRows } from './staff-api';
import {
	ADMIN,
	completeSetup,
	enrol,
	inviteModerator,
	openStaffPage,
	signIn,
	unlock,
	type EnrolledStaff
} from './staff-flows';
import { tellTestimony } from './survivor-flows';

/**
 * Team management end to end: invite → enrol with TOTP → grant after comparing fingerprints →
 * the newcomer reads; rotate → pending until a colleague confirms → both key versions readable; disable → sessions
 * and grants gone; recovery with the printed recovery key; and the audit log records all of it without content.
 */
let portal: RunningPortal;
let adminBrowser: Browser;
let moderatorBrowser: Browser;
let admin: EnrolledStaff;
let moderator: EnrolledStaff;
const CANARY_OLD = `canary-old-key-${Date.now()}`;
const CANARY_PENDING = `canary-pending-key-${Date.now()}`;
const CANARY_NEW = `canary-new-key-${Date.now()}`;

beforeAll(async () => {
	portal = await startPortal();
	adminBrowser = await launchBrowser();
	moderatorBrowser = await launchBrowser();
	admin = await completeSetup(adminBrowser.page, portal.setupLink!);
});

afterAll(async () => {
	await adminBrowser?.close();
	await moderatorBrowser?.close();
	await portal?.stop();
});

async function survivorTells(text: string) {
	const survivor = await launchBrowser();
	try {
		await tellTestimony(survivor.page, `${portal.origin}/tell`, { answers: [text] });
	} finally {
		await survivor.close();
	}
}

/** Opens each testimony of the inbox and returns the decrypted answers (or the problem shown). */
async function readInbox(page: Page, who: EnrolledStaff): Promise<string[]> {
	await openStaffPage(page, `${portal.origin}/staff`, who.passphrase);
	await page.getByRole('heading', { name: 'Inbox' }).waitFor();
	const count = await page.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ }).count();
	const texts: string[] = [];
	for (let index = 0; index < count; index++) {
		await page
			.getByRole('link', { name: /^Testimony [2-9A-Z]{4}-[2-9A-Z]{4}$/ })
			.nth(index)
			.click();
		const shown = page.locator('.answer-text, main .error').first();
		await shown.waitFor({ timeout: 30_000 });
		texts.push((await page.locator('main').textContent()) ?? '');
		await page.getByRole('link', { name: '← Inbox' }).click();
		await page.getByRole('heading', { name: 'Inbox' }).waitFor();
	}
	return texts;
}

describe('a lone member rotating', () => {
	it('is told plainly that the new key cannot take effect until a colleague confirms it, and can withdraw it', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/grants`, admin.passphrase);
		await page.getByRole('button', { name: `Rotate the ${ADMIN.channelName} key` }).click();
		await page
			.getByRole('status')
			.filter({ hasText: 'cannot take effect: a colleague who holds it must confirm it, and nobody but you holds it' })
			.waitFor();
		await page.getByText('Nobody but its proposer holds this key, so nobody can confirm it yet').waitFor();
		expect(readRows(portal, 'select version, pending from channel_key order by version')).toEqual([
			{ version: 1, pending: 0 },
			{ version: 2, pending: 1 }
		]);
		await page.getByRole('button', { name: 'Withdraw it' }).click();
		await page.getByRole('status').filter({ hasText: 'was withdrawn' }).waitFor();
		expect(readRows(portal, 'select version, pending from channel_key')).toEqual([{ version: 1, pending: 0 }]);
	});
});

describe('a new moderator joins', () => {
	it('is invited by the admin with a one-time link', async () => {
		const link = await inviteModerator(adminBrowser.page, portal.origin, admin);
		expect(link).toMatch(new RegExp(`^${portal.origin}/staff/enrol#[A-Za-z0-9_-]{43}$`));

		moderator = await enrol(moderatorBrowser.page, link, 'joseph.mod', 'copper kettle meadow sparrow 7');
		expect(moderator.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
		const stored = readRows<{ totp: number; auth: number }>(
			portal,
			"select totp_secret is not null as totp, length(auth_key_hash) as auth from staff_user where username = 'joseph.mod'"
		);
		expect(stored).toEqual([{ totp: 1, auth: 32 }]);
	});

	it('refuses the same invitation link a second time', async () => {
		const second = await launchBrowser();
		try {
			const link = (await adminBrowser.page.getByTestId('invitation-link').textContent())?.trim() ?? '';
			await second.page.goto(link);
			await second.page.getByRole('heading', { name: 'This invitation cannot be used' }).waitFor();
		} finally {
			await second.close();
		}
	});

	it('cannot read a testimony before a key holder grants the channel key', async () => {
		await survivorTells(`${CANARY_OLD} about housing`);
		const [shown] = await readInbox(moderatorBrowser.page, moderator);
		expect(shown).toContain('You do not hold the channel key');
		expect(shown).not.toContain(CANARY_OLD);
	});

	it('is granted the key by the admin after comparing fingerprints, then reads the testimony', async () => {
		const ownFingerprint = moderatorBrowser.page;
		await openStaffPage(ownFingerprint, `${portal.origin}/staff/account`, moderator.passphrase);
		await expect
			.poll(() => ownFingerprint.getByTestId('own-fingerprint').textContent())
			.toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){5}$/);
		const fingerprint = await ownFingerprint.getByTestId('own-fingerprint').textContent();

		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/grants`, admin.passphrase);
		await expect.poll(() => page.locator('.fingerprint').first().textContent()).toBe(fingerprint);
		const grantButton = page.getByRole('button', { name: 'Grant to joseph.mod' }).first();
		expect(await grantButton.isDisabled()).toBe(true);
		await page.getByLabel('joseph.mod read me this same fingerprint').first().check();
		await grantButton.click();
		await page.getByRole('status').filter({ hasText: 'Granted to joseph.mod' }).waitFor();

		const [shown] = await readInbox(moderatorBrowser.page, moderator);
		expect(shown).toContain(CANARY_OLD);
	});
});

describe('rotating the channel key', () => {
	it('leaves a capture attempt (a foreign key, junk for colleagues) pending; the colleague is warned and it is withdrawn', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/grants`, admin.passphrase);
		const [{ channelId }] = readRows<{ channelId: string }>(portal, 'select id as channelId from channel');
		const members = readRows<{ id: string }>(
			portal,
			"select staff_user_id as id from staff_role where role = 'moderator' and channel_id = ?",
			channelId
		);
		const junk = (bytes: number) =>
			Buffer.from(Array.from({ length: bytes }, () => Math.floor(Math.random() * 256))).toString('base64url');
		const body = { publicKey: junk(32), grants: members.map((member) => ({ userId: member.id, sealedKey: junk(80) })) };
		// Sent with the proposer's own session, as a hostile script in their tab would.
		const status = await page.evaluate(
			async ({ channelId, body }) =>
				(
					await fetch(`/staff/api/channels/${channelId}/rotate`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(body)
					})
				).status,
			{ channelId, body }
		);
		expect(status).toBe(201);

		const colleague = moderatorBrowser.page;
		await openStaffPage(colleague, `${portal.origin}/staff/grants`, moderator.passphrase);
		await colleague.getByRole('button', { name: `Confirm the ${ADMIN.channelName} channel key, version 2` }).click();
		await colleague
			.getByRole('alert')
			.filter({ hasText: 'does not open, or is not the key it claims to be' })
			.waitFor();
		expect(readRows(portal, 'select version, pending from channel_key order by version')).toEqual([
			{ version: 1, pending: 0 },
			{ version: 2, pending: 1 }
		]);

		await colleague.getByRole('button', { name: 'Withdraw it' }).click();
		await colleague.getByRole('status').filter({ hasText: 'was withdrawn' }).waitFor();
		expect(readRows(portal, 'select version from channel_key')).toEqual([{ version: 1 }]);
	});

	it('keeps a new key pending, still sealing testimonies to the old one, until a colleague confirms it', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/grants`, admin.passphrase);
		await page.getByRole('button', { name: `Rotate the ${ADMIN.channelName} key` }).click();
		await page.getByRole('status').filter({ hasText: 'now waits for a colleague to confirm it' }).waitFor();
		const pendingRotation = page.getByRole('region', { name: 'New keys waiting for confirmation' });
		await pendingRotation.getByText('Can confirm: joseph.mod.').waitFor();
		// The proposer's own confirmation would not count, so they are not offered one.
		expect(await pendingRotation.getByRole('button', { name: /^Confirm/ }).count()).toBe(0);
		expect(await page.getByRole('button', { name: `Rotate the ${ADMIN.channelName} key` }).isDisabled()).toBe(true);

		await survivorTells(`${CANARY_PENDING} about health`);
		expect(readRows(portal, 'select version, pending from channel_key order by version')).toEqual([
			{ version: 1, pending: 0 },
			{ version: 2, pending: 1 }
		]);
	});

	it('is confirmed by the colleague in one click; new testimonies then use it and all stay readable', async () => {
		// The testimony page is kept in server memory; the confirmation must empty it at once.
		const keyVersionOnTestimonyPage = async () => {
			const html = await (await fetch(`${portal.origin}/tell/steps`)).text();
			return Number(/channelKeyVersion\W+(\d+)/.exec(html)?.[1]);
		};
		expect(await keyVersionOnTestimonyPage()).toBe(1);
		expect(await keyVersionOnTestimonyPage()).toBe(1);
		const colleague = moderatorBrowser.page;
		await openStaffPage(colleague, `${portal.origin}/staff/grants`, moderator.passphrase);
		await colleague.getByRole('button', { name: `Confirm the ${ADMIN.channelName} channel key, version 2` }).click();
		await colleague.getByRole('status').filter({ hasText: 'is confirmed and now in use' }).waitFor();
		expect(await keyVersionOnTestimonyPage()).toBe(2);
		await survivorTells(`${CANARY_NEW} about work`);

		const versions = readRows<{ version: number }>(
			portal,
			'select channel_key.version from submission join channel_key on channel_key.id = submission.channel_key_id order by channel_key.version'
		).map((row) => row.version);
		expect(versions).toEqual([1, 1, 2]);
		const [confirmed] = readRows<{ confirmer: string; proposer: string }>(
			portal,
			'select c.username as confirmer, p.username as proposer from channel_key k join staff_user c on c.id = k.confirmed_by join staff_user p on p.id = k.proposed_by where k.version = 2'
		);
		expect(confirmed).toEqual({ confirmer: 'joseph.mod', proposer: admin.username });

		for (const [browser, who] of [
			[moderatorBrowser, moderator],
			[adminBrowser, admin]
		] as const) {
			const texts = (await readInbox(browser.page, who)).join('\n');
			expect(texts).toContain(CANARY_OLD);
			expect(texts).toContain(CANARY_PENDING);
			expect(texts).toContain(CANARY_NEW);
		}
	});
});

describe('rotating the research corpus key', () => {
	it('keeps the current corpus key until a colleague confirms the new one in their browser', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/grants`, admin.passphrase);
		await page.getByRole('button', { name: 'Rotate the corpus key' }).click();
		await page
			.getByRole('status')
			.filter({ hasText: 'Version 2 of the research corpus key now waits for a colleague' })
			.waitFor();
		expect(
			readRows(
				portal,
				'select version, pending, length(check_public_key) as check_bytes from corpus_key order by version'
			)
		).toEqual([
			{ version: 1, pending: 0, check_bytes: null },
			{ version: 2, pending: 1, check_bytes: 32 }
		]);

		const colleague = moderatorBrowser.page;
		await openStaffPage(colleague, `${portal.origin}/staff/grants`, moderator.passphrase);
		await colleague.getByRole('button', { name: 'Confirm the research corpus key, version 2' }).click();
		await colleague.getByRole('status').filter({ hasText: 'is confirmed and now in use' }).waitFor();
		expect(readRows(portal, 'select version, pending from corpus_key order by version')).toEqual([
			{ version: 1, pending: 0 },
			{ version: 2, pending: 0 }
		]);
	});
});

describe('disabling a moderator', () => {
	it('ends their session at once and deletes their key grants', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/admin/users`, admin.passphrase);
		const row = page.locator('tr[data-username="joseph.mod"]');
		await row.getByText('Disable joseph.mod…').click();
		await row.getByLabel(/^Reason/).fill('Left the organisation');
		await row.getByLabel('Type joseph.mod to confirm').fill('joseph.mod');
		await row.getByRole('button', { name: 'Disable joseph.mod', exact: true }).click();
		await page.getByText('Disabled. Their sessions and key grants are gone.').waitFor();

		const [{ id }] = readRows<{ id: string }>(portal, "select id from staff_user where username = 'joseph.mod'");
		expect(readRows(portal, 'select * from staff_session where staff_user_id = ?', id)).toEqual([]);
		expect(readRows(portal, 'select * from channel_key_grant where staff_user_id = ?', id)).toEqual([]);
		expect(readRows(portal, 'select * from corpus_key_grant where staff_user_id = ?', id)).toEqual([]);

		await moderatorBrowser.page.goto(`${portal.origin}/staff`);
		await moderatorBrowser.page.waitForURL(/\/staff\/login/);
	});

	it('recommends rotating the channel key to the remaining members', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/grants`, admin.passphrase);
		await page.getByText('a member was removed: rotation recommended').waitFor();
	});

	it('refuses a sign-in with their old passphrase and code', async () => {
		await signIn(moderatorBrowser.page, portal.origin, moderator);
		await moderatorBrowser.page.getByText('The username, passphrase or code is not correct.').waitFor();
	});
});

describe('recovery and locking', () => {
	it('lets the admin set a new passphrase with the printed recovery key and keep all access', async () => {
		const { page } = adminBrowser;
		await page.goto(`${portal.origin}/staff/recover`);
		await page.getByLabel('Username').fill(admin.username);
		await page.getByLabel('Recovery key').fill(admin.recoveryKey.toLowerCase());
		await page.getByLabel(/^Code from your authenticator/).fill(await admin.authenticator.code());
		admin = { ...admin, passphrase: 'violet ferry harbour thimble 19' };
		await page.getByLabel('New passphrase', { exact: true }).fill(admin.passphrase);
		await page.getByLabel('New passphrase again').fill(admin.passphrase);
		await page.locator('#new-passphrase-strength', { hasText: /Strong|Very strong/ }).waitFor();
		await page.getByRole('button', { name: 'Recover access' }).click();
		await page.getByRole('heading', { name: 'Inbox' }).waitFor();
		const texts = (await readInbox(page, admin)).join('\n');
		expect(texts).toContain(CANARY_OLD);
		expect(texts).toContain(CANARY_NEW);
	});

	it('locks the keys on reload and unlocks them with the passphrase, keeping the session', async () => {
		const { page } = adminBrowser;
		await page.reload();
		await page.getByRole('heading', { name: 'Unlock your keys' }).waitFor();
		await unlock(page, admin.passphrase);
		await page.getByRole('heading', { name: 'Inbox' }).waitFor();
	});

	it('locks on request and signs in with the new passphrase after signing out', async () => {
		const { page } = adminBrowser;
		await page.getByRole('button', { name: 'Lock' }).click();
		await page.getByRole('heading', { name: 'Unlock your keys' }).waitFor();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(/\/staff\/login/);
		await signIn(page, portal.origin, admin);
		await page.getByRole('heading', { name: 'Inbox' }).waitFor();
	});
});

describe('the staff pages in the partners’ languages', () => {
	it('follow the browser when signed out, change by the address, and follow the account once chosen', async () => {
		const czech = await launchBrowser({ locale: 'cs-CZ' });
		try {
			await czech.page.goto(`${portal.origin}/staff/login`);
			await czech.page.getByRole('heading', { name: 'Přihlášení pro tým' }).waitFor();
			expect(await czech.page.evaluate(() => document.documentElement.lang)).toBe('cs');
			await czech.page.getByRole('link', { name: 'Français' }).click();
			await czech.page.getByRole('heading', { name: 'Connexion de l’équipe' }).waitFor();
			expect(czech.page.url()).toMatch(/[?&]lang=fr\b/);
			expect(await czech.page.evaluate(() => document.documentElement.lang)).toBe('fr');
			expect(await czech.context.cookies()).toEqual([]);
		} finally {
			await czech.close();
		}

		// The admin's browser asks for English; the account's choice wins, wherever they sign in.
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/account`, admin.passphrase);
		await page.getByRole('combobox', { name: 'Language of these pages' }).selectOption('fr');
		await page.getByRole('button', { name: 'Save language' }).click();
		await page.getByRole('status').filter({ hasText: 'La langue a été enregistrée.' }).waitFor();
		await page.getByRole('navigation', { name: 'Équipe' }).getByRole('link', { name: 'Boîte de réception' }).waitFor();
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
		expect(await axeViolations(page)).toEqual([]);
		// Stored with the account: the page loaded afresh, even the unlock form is in French.
		await page.reload();
		await page.getByLabel('Phrase secrète').fill(admin.passphrase);
		await page.getByRole('button', { name: 'Déverrouiller' }).click();
		await page.getByRole('heading', { name: 'Votre compte' }).waitFor();
		expect(await page.title()).toBe('Compte · TRIPS Voice équipe');

		await page.getByRole('combobox', { name: 'Langue de ces pages' }).selectOption('');
		await page.getByRole('button', { name: 'Enregistrer la langue' }).click();
		await page.getByRole('heading', { name: 'Your account' }).waitFor();
		await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Inbox' }).waitFor();
	});

	it('give an Italian admin the settings, the audit log with named events, the channels and the questionnaire in Italian', async () => {
		const { page } = adminBrowser;
		await openStaffPage(page, `${portal.origin}/staff/account`, admin.passphrase);
		await page.getByRole('combobox', { name: 'Language of these pages' }).selectOption('it');
		await page.getByRole('button', { name: 'Save language' }).click();
		await page.getByRole('status').filter({ hasText: 'La lingua è stata salvata.' }).waitFor();
		try {
			// Moving by links keeps the keys unlocked in this tab.
			await page.getByRole('navigation', { name: 'Personale' }).getByRole('link', { name: 'Amministrazione' }).click();
			await page
				.getByRole('navigation', { name: 'Amministrazione' })
				.getByRole('link', { name: 'Impostazioni' })
				.click();
			await page.getByRole('heading', { level: 1, name: 'Impostazioni' }).waitFor();
			await page.getByRole('button', { name: 'Salva le impostazioni' }).waitFor();
			expect(await page.getByText('Save settings').count()).toBe(0);

			await page
				.getByRole('navigation', { name: 'Amministrazione' })
				.getByRole('link', { name: 'Registro di controllo' })
				.click();
			await page.getByRole('heading', { level: 1, name: 'Registro di controllo' }).waitFor();
			// The event's name in Italian, its code beside it for those who know the CSV.
			const signIn = page.locator('td[data-action="login.succeeded"]').first();
			expect(await signIn.innerText()).toContain('Accesso effettuato');
			expect(await page.getByText('Signed in', { exact: true }).count()).toBe(0);
			expect(await page.getByRole('columnheader', { name: 'Time (UTC)' }).count()).toBe(0);

			await page.getByRole('navigation', { name: 'Amministrazione' }).getByRole('link', { name: 'Canali' }).click();
			await page.getByRole('heading', { level: 1, name: 'Canali' }).waitFor();
			await page.getByRole('columnheader', { name: 'Versione della chiave' }).waitFor();
			expect(await page.getByText('Create a channel').count()).toBe(0);

			await page
				.getByRole('navigation', { name: 'Amministrazione' })
				.getByRole('link', { name: 'Questionario' })
				.click();
			await page.getByRole('heading', { level: 2, name: 'Domande guidate' }).waitFor();
			expect(await page.getByRole('heading', { name: 'Add a question' }).count()).toBe(0);
			await page.getByRole('link', { name: 'housing', exact: true }).click();
			await page.getByRole('heading', { level: 2, name: 'Ordine e visibilità' }).waitFor();
			await page.getByRole('button', { name: 'Sposta giù' }).waitFor();
			expect(await page.getByRole('heading', { name: 'Wording and preview' }).count()).toBe(0);
		} finally {
			await page.getByRole('navigation', { name: 'Personale' }).getByRole('link', { name: 'Profilo' }).click();
			await page.getByRole('combobox', { name: 'Lingua di queste pagine' }).selectOption('');
			await page.getByRole('button', { name: 'Salva la lingua' }).click();
			await page.getByRole('heading', { name: 'Your account' }).waitFor();
		}
	});
});

describe('the audit log', () => {
	it('records every staff action of this story, and nothing from a testimony', () => {
		const actions = new Set(
			readRows<{ action: string }>(portal, 'select action from audit_event').map((row) => row.action)
		);
		for (const expected of [
			'setup.completed',
			'invitation.created',
			'enrolment.completed',
			'grant.created',
			'submission.opened',
			'channel_key.rotation_proposed',
			'channel_key.rotation_confirmed',
			'channel_key.rotation_withdrawn',
			'corpus_key.rotation_proposed',
			'corpus_key.rotation_confirmed',
			'user.disabled',
			'login.failed',
			'recovery.used',
			'logout',
			'login.succeeded'
		]) {
			expect(actions, expected).toContain(expected);
		}
		const everything = JSON.stringify(readRows(portal, 'select * from audit_event'));
		expect(everything).not.toContain(CANARY_OLD);
		expect(everything).not.toContain('about housing');
		expect(databaseFiles(portal).includes(Buffer.from(CANARY_NEW))).toBe(false);
	});
});
