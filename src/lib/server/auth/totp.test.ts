import { describe, expect, it } from 'vitest';
import { totpCode, totpEnrolment, totpStep, verifyTotp } from './totp';

const secret = Buffer.from('12345678901234567890');
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP', () => {
	it('matches the RFC 6238 test vector for SHA-1 at 59 s (last six digits of 94287082)', () => {
		expect(totpCode(secret, totpStep(at(59)))).toBe('287082');
	});

	it('accepts the current code and the codes one step before and after', () => {
		const now = at(1_000_000);
		const step = totpStep(now);
		for (const offset of [-1, 0, 1])
			expect(verifyTotp(secret, totpCode(secret, step + offset), 0, now)).toBe(step + offset);
	});

	it('refuses codes two steps away', () => {
		const now = at(1_000_000);
		const step = totpStep(now);
		expect(verifyTotp(secret, totpCode(secret, step - 2), 0, now)).toBeNull();
		expect(verifyTotp(secret, totpCode(secret, step + 2), 0, now)).toBeNull();
	});

	it('refuses a code whose step was already used, so it cannot be replayed within its window', () => {
		const now = at(2_000_000);
		const step = totpStep(now);
		const code = totpCode(secret, step);
		const used = verifyTotp(secret, code, 0, now);
		expect(used).toBe(step);
		expect(verifyTotp(secret, code, used!, now)).toBeNull();
		expect(verifyTotp(secret, totpCode(secret, step - 1), used!, now)).toBeNull();
		expect(verifyTotp(secret, totpCode(secret, step + 1), used!, now)).toBe(step + 1);
	});

	it('ignores spaces and refuses anything that is not six digits', () => {
		const now = at(3_000_000);
		const code = totpCode(secret, totpStep(now));
		expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, 0, now)).not.toBeNull();
		expect(verifyTotp(secret, code.slice(0, 5), 0, now)).toBeNull();
		expect(verifyTotp(secret, 'abcdef', 0, now)).toBeNull();
	});

	it('offers a grouped base32 secret and an otpauth URI for authenticator apps', () => {
		const enrolment = totpEnrolment(secret, 'amina', 'TRIPS Voice');
		expect(enrolment.secret).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
		expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/TRIPS%20Voice:amina\?/);
	});
});
