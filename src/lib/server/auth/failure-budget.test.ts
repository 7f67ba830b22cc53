import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { closeDatabase, db } from '../db';
import { auditEvent, authThrottle } from '../db/schema';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { openRecovery } from '../accounts/manage';
import { FAILURE_POLICY, accountRetryAfter, flushFailureCounts, globalRetryAfter } from './failure-budget';
import { login } from './login';
import { totpCode, totpStep } from './totp';

useTemporaryDatabase();

const authKey = randomBytes(32);
let adminId: string;
let totpSecret: Uint8Array;
let recoveryAuthKey: Uint8Array;

/** Each test works in its own day, so windows and TOTP steps never overlap between tests. */
const day = (n: number) => new Date(Date.UTC(2031, 0, 1 + n, 9));
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const auditCount = (action: string) =>
	db().select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, action)).get()!.n;

beforeAll(() => {
	const admin = fakeStaffUser('hana.admin', authKey);
	recoveryAuthKey = admin.recoveryAuthKey;
	const deployment = setUpTestDeployment({ admin, now: day(0) });
	adminId = deployment.adminId;
	totpSecret = deployment.totpSecret;
});

describe('sign-in failure budgets', () => {
	it('lets the owner sign in while a stranger tries wrong passphrases for their name', () => {
		const now = day(1);
		for (let i = 0; i < 40; i++) {
			expect(login('hana.admin', randomBytes(32), '000000', later(now, i * 1000))).toMatchObject({
				ok: false,
				status: 401
			});
		}
		expect(accountRetryAfter('login', adminId, later(now, 40_000).getTime())).toBe(0);
		const owner = login('hana.admin', authKey, totpCode(totpSecret, totpStep(later(now, 41_000))), later(now, 41_000));
		expect(owner.ok).toBe(true);
	});

	it('slows the account down after the right passphrase with wrong codes, and lets it in after the wait', () => {
		const now = day(2);
		const { freeAccountFailures, baseDelayMs } = FAILURE_POLICY.login;
		for (let i = 0; i <= freeAccountFailures; i++) login('hana.admin', authKey, '000000', now);
		expect(accountRetryAfter('login', adminId, now.getTime())).toBe(baseDelayMs);
		const early = login('hana.admin', authKey, totpCode(totpSecret, totpStep(now)), now);
		expect(early).toMatchObject({ ok: false, status: 429 });
		const afterWait = later(now, baseDelayMs);
		expect(login('hana.admin', authKey, totpCode(totpSecret, totpStep(afterWait)), afterWait).ok).toBe(true);
		expect(
			db()
				.select()
				.from(authThrottle)
				.where(eq(authThrottle.key, `login:${adminId}`))
				.get()
		).toBeUndefined();
	});

	it('keeps an account waiting across a restart', () => {
		const now = day(3);
		for (let i = 0; i < FAILURE_POLICY.login.freeAccountFailures + 3; i++) login('hana.admin', authKey, '000000', now);
		const waitBefore = accountRetryAfter('login', adminId, now.getTime());
		expect(waitBefore).toBeGreaterThan(0);
		closeDatabase();
		expect(accountRetryAfter('login', adminId, now.getTime())).toBe(waitBefore);
		expect(login('hana.admin', authKey, totpCode(totpSecret, totpStep(now)), now)).toMatchObject({
			ok: false,
			status: 429
		});
	});

	it('answers 429 once the global budget is spent, yet still lets the right passphrase and code in', () => {
		const now = day(4);
		const { globalBudget } = FAILURE_POLICY.login;
		for (let i = 0; i < globalBudget; i++) login(`someone-${i}`, randomBytes(32), '000000', now);
		expect(globalRetryAfter('login', now.getTime())).toBeGreaterThan(0);
		expect(login('nobody-at-all', randomBytes(32), '000000', now)).toMatchObject({ ok: false, status: 429 });
		expect(login('hana.admin', authKey, totpCode(totpSecret, totpStep(now)), now).ok).toBe(true);
		// A new window brings the budget back.
		const next = later(now, FAILURE_POLICY.login.windowMs);
		expect(login('nobody-at-all', randomBytes(32), '000000', next)).toMatchObject({ ok: false, status: 401 });
	});

	it('keeps one audit entry per window with the count, not one per failure', () => {
		const now = day(5);
		const before = auditCount('login.failed');
		for (let i = 0; i < 25; i++) login(`visitor-${i}`, randomBytes(32), '000000', later(now, i));
		flushFailureCounts();
		expect(auditCount('login.failed')).toBe(before + 1);
		const entry = db().select().from(auditEvent).where(eq(auditEvent.action, 'login.failed')).all().at(-1)!;
		expect(entry.detail).toMatchObject({ count: 25 });
		login('visitor-next-window', randomBytes(32), '000000', later(now, FAILURE_POLICY.login.windowMs + 1));
		expect(auditCount('login.failed')).toBe(before + 2);
	});

	it('keeps nothing per name: 50,000 made-up usernames leave one row and one audit entry', () => {
		const now = day(6);
		const auditBefore = db().select({ n: count() }).from(auditEvent).get()!.n;
		const heapBefore = process.memoryUsage().heapUsed;
		for (let i = 0; i < 50_000; i++) login(`made-up-${i}-${i * 7919}`, randomBytes(32), '', later(now, i));
		flushFailureCounts();
		const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
		expect(db().select({ n: count() }).from(authThrottle).get()!.n).toBeLessThanOrEqual(2);
		expect(db().select({ n: count() }).from(auditEvent).get()!.n - auditBefore).toBe(1);
		// The old per-name map grew about 4 KB a name (200 MB for 54k); this stays flat.
		expect(heapGrowth).toBeLessThan(50 * 1024 * 1024);
	}, 60_000);

	it('gives recovery its own budgets: sign-in failures do not touch it, wrong codes there slow only recovery', () => {
		const now = day(7);
		for (let i = 0; i < FAILURE_POLICY.login.freeAccountFailures + 2; i++) login('hana.admin', authKey, '000000', now);
		expect(accountRetryAfter('login', adminId, now.getTime())).toBeGreaterThan(0);
		expect(accountRetryAfter('recovery', adminId, now.getTime())).toBe(0);
		for (let i = 0; i <= FAILURE_POLICY.recovery.freeAccountFailures; i++) {
			expect(() => openRecovery('hana.admin', recoveryAuthKey, '000000', now)).toThrow(/not correct/);
		}
		expect(() => openRecovery('hana.admin', recoveryAuthKey, '000000', now)).toThrow(/Too many attempts/);
		// A stranger with a wrong recovery key does not add to the account's wait.
		const wait = accountRetryAfter('recovery', adminId, now.getTime());
		expect(() => openRecovery('hana.admin', randomBytes(32), '000000', now)).toThrow(/Too many attempts/);
		expect(accountRetryAfter('recovery', adminId, now.getTime())).toBe(wait);
	});
});
