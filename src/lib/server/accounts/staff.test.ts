import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { fakeStaffUser, useTemporaryDatabase } from '../testing';
import { login, LOGIN_FAILED } from '../auth/login';
import { SESSION_IDLE_MS, validateSession } from '../auth/session';
import { totpCode, totpStep } from '../auth/totp';
import { completeSetup, issueSetupToken, setupTokenIsValid, setupTotp, SetupError } from './setup';
import { adminExists, loginParams } from './staff';

useTemporaryDatabase();

const authKey = randomBytes(32);
const admin = fakeStaffUser('Amina.Admin', authKey);

let totpSecret: Uint8Array;
/** Days after now: TOTP steps only move forward, so each test signs in later than the last. */
const daysFromNow = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000);

function setUp(token: string, totpCodeValue = '000000') {
	return completeSetup({
		token,
		totpCode: totpCodeValue,
		admin,
		channel: { name: 'Brno group', country: 'CZ', publicKey: randomBytes(32), sealedSecretKey: randomBytes(80) },
		sealedCorpusKey: randomBytes(80)
	});
}

describe('first-run setup', () => {
	let token: string;

	beforeAll(() => {
		token = issueSetupToken()!;
	});

	it('issues a new token on each start while no admin exists, and only the newest works', () => {
		const older = token;
		token = issueSetupToken()!;
		expect(token).not.toBe(older);
		expect(setupTokenIsValid(older)).toBe(false);
		expect(setupTokenIsValid(token)).toBe(true);
	});

	it('refuses a wrong token without creating anything', () => {
		expect(() => setUp('x'.repeat(43))).toThrow(SetupError);
		expect(adminExists()).toBe(false);
	});

	it('refuses a wrong authenticator code without creating anything', () => {
		setupTotp(token, admin.username);
		expect(() => setUp(token, '000000')).toThrow(/authenticator code/);
		expect(adminExists()).toBe(false);
	});

	it('creates the admin once, with ten recovery codes, after which the token is spent', () => {
		const offered = setupTotp(token, admin.username);
		totpSecret = decodeBase32IgnorePadding(offered.secret.replace(/ /g, ''));
		const created = setUp(token, totpCode(totpSecret, totpStep(new Date())));
		expect(created.recoveryCodes).toHaveLength(10);
		expect(adminExists()).toBe(true);
		expect(setupTokenIsValid(token)).toBe(false);
		expect(() => setUp(token)).toThrow(SetupError);
		expect(issueSetupToken()).toBeNull();
	});
});

describe('login', () => {
	it('gives an unknown username a stable salt of the same shape as a real one', () => {
		const real = loginParams('amina.admin');
		const unknown = loginParams('nobody-here');
		expect(unknown).toEqual(loginParams('NOBODY-here'));
		expect(Object.keys(unknown).sort()).toEqual(Object.keys(real).sort());
		expect(Buffer.from(unknown.salt, 'base64url')).toHaveLength(16);
		expect(unknown.salt).not.toBe(loginParams('somebody-else').salt);
	});

	it('returns the stored salt for a real username, whatever its case', () => {
		expect(Buffer.from(loginParams('AMINA.ADMIN').salt, 'base64url')).toEqual(Buffer.from(admin.pwhashSalt));
	});

	it('answers a wrong key, a wrong code and an unknown user with the same message', () => {
		const now = daysFromNow(1);
		const wrongKey = login('amina.admin', randomBytes(32), totpCode(totpSecret, totpStep(now)), now);
		const wrongCode = login('amina.admin', authKey, '123456', now);
		const noUser = login('nobody-here', randomBytes(32), '123456', now);
		expect(wrongCode).toMatchObject({ ok: false, status: 401, refusal: LOGIN_FAILED });
		expect(wrongKey).toMatchObject({ ok: false, status: 401, refusal: LOGIN_FAILED });
		expect(noUser).toMatchObject({ ok: false, status: 401, refusal: LOGIN_FAILED });
	});

	it('opens a session whose token is stored only as a hash and slides its expiry', () => {
		const now = daysFromNow(2);
		const outcome = login('amina.admin', authKey, totpCode(totpSecret, totpStep(now)), now);
		if (!outcome.ok) throw new Error(outcome.message);
		const session = validateSession(outcome.token, now);
		expect(session?.identity.username).toBe('amina.admin');
		expect(session?.identity.sessionId).not.toContain(outcome.token);
		expect(session?.identity.roles.map((r) => r.role).sort()).toEqual(['admin', 'moderator', 'researcher']);

		const later = new Date(now.getTime() + SESSION_IDLE_MS * 0.75);
		const slid = validateSession(outcome.token, later);
		expect(slid?.expiresAt.getTime()).toBe(later.getTime() + SESSION_IDLE_MS);
		expect(validateSession(outcome.token, new Date(later.getTime() + SESSION_IDLE_MS + 1))).toBeNull();
	});

	it("does not let a stranger's wrong passphrases for a username lock its owner out", () => {
		const now = daysFromNow(3);
		for (let i = 0; i < 20; i++) login('amina.admin', randomBytes(32), '000000', now);
		const owner = login('amina.admin', authKey, totpCode(totpSecret, totpStep(now)), now);
		expect(owner.ok).toBe(true);
	});

	it('throttles the account after the right passphrase with wrong codes', () => {
		const now = daysFromNow(4);
		for (let i = 0; i < 6; i++) login('amina.admin', authKey, '000000', now);
		const blocked = login('amina.admin', authKey, totpCode(totpSecret, totpStep(now)), now);
		expect(blocked).toMatchObject({ ok: false, status: 429 });
		// The wait is the account's, whoever asks: a wrong passphrase gets the same answer.
		expect(login('amina.admin', randomBytes(32), '000000', now)).toMatchObject({ ok: false, status: 429 });
	});
});
