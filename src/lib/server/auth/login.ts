import { recordAudit } from '../audit';
import { keyMaterial, normaliseUsername, verifyAuthKey, type StaffKeyMaterial } from '../staff';
import { FailureThrottle } from './rate-limit';
import { checkSecondFactor } from './second-factor';
import { createSession } from './session';

/** One message for every failed login, whatever the reason. */
export const LOGIN_FAILED = 'The username, passphrase or code is not correct.';

/**
 * Five free attempts per username, then 1 s, 2 s, 4 s … up to 15 minutes between tries. It
 * counts wrong passphrases and wrong codes alike, so neither can be guessed separately.
 */
export const loginThrottle = new FailureThrottle(5, 1000, 15 * 60 * 1000);

export type LoginOutcome =
	| { ok: true; token: string; expiresAt: Date; material: StaffKeyMaterial; mustEnrolTotp: boolean }
	| { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

export type Throttled = { ok: false; status: 429; message: string; retryAfterSeconds: number };

export function throttled(username: string, now: Date): Throttled | null {
	const wait = loginThrottle.retryAfter(normaliseUsername(username), now.getTime());
	if (wait <= 0) return null;
	const retryAfterSeconds = Math.ceil(wait / 1000);
	return { ok: false, status: 429, message: `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, retryAfterSeconds };
}

/**
 * Passphrase (as the auth key the browser derived) and second factor in one step, with one
 * answer for any failure. A person whose 2FA an admin reset signs in without a code and must
 * enrol a new authenticator before anything else.
 */
export function login(username: string, authKey: Uint8Array, code: string, now = new Date()): LoginOutcome {
	const key = normaliseUsername(username);
	const blocked = throttled(username, now);
	if (blocked) return blocked;
	const user = verifyAuthKey(username, authKey);
	const secondFactorOk = user ? (user.totpSecret ? checkSecondFactor(user, code, now) : true) : false;
	if (!user || !secondFactorOk) {
		loginThrottle.recordFailure(key, now.getTime());
		recordAudit({ actorId: user?.id ?? null, action: 'login.failed' }, now);
		return { ok: false, status: 401, message: LOGIN_FAILED };
	}
	loginThrottle.reset(key);
	const { token, expiresAt } = createSession(user.id, now);
	recordAudit({ actorId: user.id, action: 'login.succeeded' }, now);
	return { ok: true, token, expiresAt, material: keyMaterial(user), mustEnrolTotp: !user.totpSecret };
}
