import { randomBytes } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32NoPadding } from '@oslojs/encoding';
import { constantTimeEqual } from '../security/tokens';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side absorbs clock drift between a phone and the server. */
const ALLOWED_DRIFT_STEPS = 1;

export function newTotpSecret(): Buffer {
	return randomBytes(20);
}

export function totpStep(now: Date): number {
	return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpCode(secret: Uint8Array, step: number): string {
	return generateHOTP(secret, BigInt(step), TOTP_DIGITS);
}

/**
 * The time step a code belongs to, if it is valid now and newer than the last accepted step;
 * refusing steps at or before `lastStep` makes every code single-use.
 */
export function verifyTotp(secret: Uint8Array, code: string, lastStep: number, now = new Date()): number | null {
	const normalised = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(normalised)) return null;
	const current = totpStep(now);
	let matched: number | null = null;
	for (let step = current - ALLOWED_DRIFT_STEPS; step <= current + ALLOWED_DRIFT_STEPS; step++) {
		// Every candidate is compared, so timing does not reveal which step matched.
		if (constantTimeEqual(Buffer.from(totpCode(secret, step)), Buffer.from(normalised)) && step > lastStep) {
			matched = step;
		}
	}
	return matched;
}

export type TotpEnrolment = { secret: string; uri: string };

/** What an authenticator app needs: the base32 secret (to type) and the otpauth URI (for the QR code). */
export function totpEnrolment(secret: Uint8Array, accountName: string, issuer: string): TotpEnrolment {
	return {
		secret: encodeBase32NoPadding(secret)
			.replace(/(.{4})/g, '$1 ')
			.trim(),
		uri: createTOTPKeyURI(issuer, accountName, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS)
	};
}
