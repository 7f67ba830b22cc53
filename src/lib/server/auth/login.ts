import { recordAudit } from '../audit';
import { keyMaterial, normaliseUsername, verifyAuthKey, type StaffKeyMaterial } from '../staff';
import { FailureThrottle } from './rate-limit';
import { createSession } from './session';

/** One message for every failed login, whatever the reason. */
export const LOGIN_FAILED = 'The username or passphrase is not correct.';

/** Five free attempts per username, then 1 s, 2 s, 4 s … up to 15 minutes between tries. */
const throttle = new FailureThrottle(5, 1000, 15 * 60 * 1000);

export type LoginOutcome =
	| { ok: true; token: string; expiresAt: Date; material: StaffKeyMaterial }
	| { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

export function login(username: string, authKey: Uint8Array, now = new Date()): LoginOutcome {
	const key = normaliseUsername(username);
	const wait = throttle.retryAfter(key, now.getTime());
	if (wait > 0) {
		const retryAfterSeconds = Math.ceil(wait / 1000);
		return {
			ok: false,
			status: 429,
			message: `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
			retryAfterSeconds
		};
	}
	const user = verifyAuthKey(username, authKey);
	if (!user) {
		throttle.recordFailure(key, now.getTime());
		recordAudit({ actorId: null, action: 'login.failed' }, now);
		return { ok: false, status: 401, message: LOGIN_FAILED };
	}
	throttle.reset(key);
	const { token, expiresAt } = createSession(user.id, now);
	recordAudit({ actorId: user.id, action: 'login.succeeded' }, now);
	return { ok: true, token, expiresAt, material: keyMaterial(user) };
}
