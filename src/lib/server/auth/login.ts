import { recordAudit } from '../audit/record';
import { findActiveUser, keyMaterial, verifyAuthKeyOf, type StaffKeyMaterial } from '../accounts/staff';
import {
	accountRetryAfter,
	clearAccountFailures,
	globalRetryAfter,
	recordAccountFailure,
	recordWrongSecret,
	type FailureScope
} from './failure-budget';
import { checkSecondFactor, forgetUnreadableTotp, totpSecretOf } from './second-factor';
import { createSession } from './session';
import type { Refusal } from '../http/errors';
import { staffText } from '../i18n/staff';

/** One refusal for every failed login, whatever the reason. */
export const LOGIN_FAILED: Refusal = { key: 'staff_refusals_sign_in_failed' };

/** The passphrase was right but the server cannot open the authenticator's secret (deployment key lost). */
export const TOTP_UNREADABLE: Refusal = { key: 'staff_refusals_authenticator_unreadable' };

/** A refused attempt: `message` is the English sentence, `refusal` what a staff page translates. */
type Refused = { ok: false; message: string; refusal: Refusal };

/** A wrong secret's answer: 401, or 429 while a budget is spent. */
export type FailedAnswer = Refused & { status: 401 | 429; retryAfterSeconds?: number };

export type LoginOutcome =
	| { ok: true; token: string; expiresAt: Date; material: StaffKeyMaterial }
	| FailedAnswer
	| (Refused & { status: 409; retryAfterSeconds?: undefined });

export type Throttled = Refused & { status: 429; retryAfterSeconds: number };

function refused(refusal: Refusal): Refused {
	return { ok: false, message: staffText('en', refusal.key, refusal.params), refusal };
}

function tooMany(waitMs: number): Throttled {
	const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
	return {
		...refused({ key: 'staff_refusals_too_many_attempts', params: { seconds: retryAfterSeconds } }),
		status: 429,
		retryAfterSeconds
	};
}

/**
 * The wait for the account a username names, checked before the secret so that the answer is
 * the same whether or not the caller's passphrase is right: a 429 never confirms a guess.
 */
export function accountThrottled(
	scope: FailureScope,
	username: string,
	now: Date,
	named = findActiveUser(username)
): Throttled | null {
	const wait = named ? accountRetryAfter(scope, named.id, now.getTime()) : 0;
	return wait > 0 ? tooMany(wait) : null;
}

/** A failed attempt's answer: 401, or 429 once wrong secrets from everyone spent the global budget. */
export function failedAnswer(scope: FailureScope, now: Date, refusal: Refusal): FailedAnswer {
	const wait = globalRetryAfter(scope, now.getTime());
	return wait > 0 ? tooMany(wait) : { ...refused(refusal), status: 401 };
}

/**
 * Passphrase (as the auth key the browser derived) and second factor in one step, with one
 * answer for any failure. A wrong passphrase counts against the global budget only; a right
 * one with a wrong code counts against the account. Someone whose authenticator an admin reset
 * cannot sign in here at all: their one-time re-enrolment link is the only way back.
 */
export function login(username: string, authKey: Uint8Array, code: string, now = new Date()): LoginOutcome {
	const named = findActiveUser(username);
	const blocked = accountThrottled('login', username, now, named);
	if (blocked) return blocked;
	const user = verifyAuthKeyOf(named, username, authKey);
	if (!user) {
		recordWrongSecret('login', now.getTime());
		return failedAnswer('login', now, LOGIN_FAILED);
	}
	if (!user.totpSecret) return failedAnswer('login', now, LOGIN_FAILED);
	// The passphrase was right: from here on the answer may speak of this account.
	const secret = totpSecretOf(user);
	const unreadable = secret === null;
	if (!checkSecondFactor(user, code, now, secret)) {
		recordAccountFailure('login', user.id, now.getTime());
		const answer = failedAnswer('login', now, LOGIN_FAILED);
		// No code can be checked until the key file is back: say so, and what still works.
		if (unreadable && answer.status === 401) return { ...refused(TOTP_UNREADABLE), status: 409 };
		return answer;
	}
	// Signed in with a recovery code while the authenticator cannot be checked: the secret is
	// dropped, so the person is sent to set up their authenticator again before anything else.
	if (unreadable) forgetUnreadableTotp(user.id, now);
	clearAccountFailures('login', user.id);
	const { token, expiresAt } = createSession(user.id, now);
	recordAudit({ actorId: user.id, action: 'login.succeeded' }, now);
	return { ok: true, token, expiresAt, material: keyMaterial(user) };
}
