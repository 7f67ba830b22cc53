import { randomInt } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { staffRecoveryCode, staffUser, type StaffUser } from '../db/schema';
import { sha256Hex } from '../security/tokens';
import { verifyTotp } from './totp';
import { openStoredTotpSecret } from '../accounts/totp-secrets';

export const RECOVERY_CODE_COUNT = 10;
/** Crockford base32 without look-alikes: easy to read from paper and type back. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function normaliseRecoveryCode(code: string): string {
	return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Replaces a person's 2FA recovery codes with ten new ones, returned once and stored hashed. */
export function issueRecoveryCodes(staffUserId: string): string[] {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const raw = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
		return `${raw.slice(0, 5)}-${raw.slice(5)}`;
	});
	db().transaction(() => {
		db().delete(staffRecoveryCode).where(eq(staffRecoveryCode.staffUserId, staffUserId)).run();
		db()
			.insert(staffRecoveryCode)
			.values(codes.map((code) => ({ codeHash: sha256Hex(normaliseRecoveryCode(code)), staffUserId })))
			.run();
	});
	return codes;
}

export function unusedRecoveryCodes(staffUserId: string): number {
	return (
		db()
			.select({ n: count() })
			.from(staffRecoveryCode)
			.where(and(eq(staffRecoveryCode.staffUserId, staffUserId), isNull(staffRecoveryCode.usedAt)))
			.get()?.n ?? 0
	);
}

/**
 * The person's TOTP secret; null when none is enrolled, or when it does not open with the
 * deployment key (the key file was lost or replaced): then only recovery codes still work.
 */
export function totpSecretOf(user: StaffUser): Uint8Array | null {
	return user.totpSecret && openStoredTotpSecret(user.totpSecret, 'staff_user.totp_secret', user.id);
}

/**
 * Checks a second factor: a TOTP code (each usable once) or an unused recovery code (then
 * spent). Returns false for anything else, including a person with no TOTP enrolled. When the
 * TOTP secret cannot be opened (totpSecretOf gives null), only a recovery code is accepted.
 * `secret` is the opened one, for a caller that opened it already.
 */
export function checkSecondFactor(
	user: StaffUser,
	code: string,
	now = new Date(),
	secret = totpSecretOf(user)
): boolean {
	if (!user.totpSecret) return false;
	const step = secret ? verifyTotp(secret, code, user.totpLastStep, now) : null;
	if (step !== null) {
		const claimed = db()
			.update(staffUser)
			.set({ totpLastStep: step })
			.where(and(eq(staffUser.id, user.id), eq(staffUser.totpLastStep, user.totpLastStep)))
			.run();
		// A concurrent login with the same code already claimed this step.
		return claimed.changes === 1;
	}
	const normalised = normaliseRecoveryCode(code);
	if (!/^[0-9A-Z]{10}$/.test(normalised)) return false;
	const spent = db()
		.update(staffRecoveryCode)
		.set({ usedAt: now })
		.where(
			and(
				eq(staffRecoveryCode.codeHash, sha256Hex(normalised)),
				eq(staffRecoveryCode.staffUserId, user.id),
				isNull(staffRecoveryCode.usedAt)
			)
		)
		.run();
	return spent.changes === 1;
}

/**
 * After a sign-in with a recovery code while the TOTP secret cannot be opened: the secret is
 * removed (it can never be checked again), so the session asks for a new authenticator first.
 */
export function forgetUnreadableTotp(userId: string, now = new Date()): void {
	db().transaction(() => {
		db().update(staffUser).set({ totpSecret: null, totpLastStep: 0 }).where(eq(staffUser.id, userId)).run();
		recordAudit(
			{ actorId: userId, action: 'totp.unreadable_removed', subjectType: 'staff_user', subjectId: userId },
			now
		);
	});
}
