/**
 * The authenticator secrets at rest, through the built portal: the database files never hold an
 * admin's TOTP secret, only the key file beside it opens it; with that file lost, the admin is
 * told what to do, signs in with a recovery code and is taken to set up the authenticator again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { databaseFiles, launchBrowser, startPortal, type Browser, type RunningPortal } from './harness';
import { completeSetup, signIn } from './staff-flows';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-e2e-totp-'));
const keyFile = path.join(dataDir, 'deployment.key');
let portal: RunningPortal | null = null;
let browser: Browser | null = null;
let admin: Awaited<ReturnType<typeof completeSetup>>;

afterAll(async () => {
	await browser?.close();
	await portal?.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('authenticator secrets at rest', () => {
	it('keeps the admin authenticator secret out of the database files', async () => {
		portal = await startPortal({ DATA_DIR: dataDir });
		expect(portal.output()).toContain('Deployment key created');
		browser = await launchBrowser();
		admin = await completeSetup(browser.page, portal.setupLink!);
		expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
		const files = databaseFiles(portal);
		const shown = admin.totpKey;
		const secret = decodeBase32IgnorePadding(shown.replace(/\s/g, ''));
		expect(secret.length).toBe(20);
		for (const trace of [secret, shown, shown.replace(/\s/g, ''), shown.replace(/\s/g, '').toLowerCase()]) {
			expect(files.includes(Buffer.from(trace)), 'the TOTP secret in the database files').toBe(false);
		}
	});

	it('tells the admin what to do when the key file is lost, and re-enrols them with a recovery code', async () => {
		await browser!.close();
		browser = null;
		await portal!.stop();
		fs.rmSync(keyFile);
		portal = await startPortal({ DATA_DIR: dataDir });
		expect(portal.output()).toMatch(/1 staff TOTP secrets do not open with the deployment key/);
		browser = await launchBrowser();
		const { page } = browser;

		await signIn(page, portal.origin, admin);
		await page.getByRole('alert').filter({ hasText: 'can no longer check your authenticator' }).waitFor();

		await page.getByLabel(/^Code from your authenticator/).fill(admin.recoveryCodes[0]);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('heading', { name: 'Set up two-factor authentication again' }).waitFor();
		await page.locator('.totp-secret').waitFor();
	});
});
