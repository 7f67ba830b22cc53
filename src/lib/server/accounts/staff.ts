import { randomUUID } from 'node:crypto';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { CRYPTO, type StaffPwhashParams } from '$lib/crypto/constants';
import { db } from '../db';
import { staffRole, staffUser, type StaffUser } from '../db/schema';
import { serverSecret } from '../settings/store';
import { assertUsernameDistinct } from './usernames';
import { constantTimeEqual, hmacSha256, sha256 } from '../security/tokens';
import { sealedTotpSecret } from './totp-secrets';
import { toBase64url } from '$lib/encoding/base64url';
import type { StaffLocale } from '$lib/staff-i18n';

export type LoginParams = { salt: string } & StaffPwhashParams;

export type StaffKeyMaterial = {
	publicKey: string;
	wrappedSecretKey: { nonce: string; ciphertext: string };
	pwhash: LoginParams;
};

const DEFAULT_PARAMS: StaffPwhashParams = {
	algorithm: CRYPTO.staffPwhash.algorithm,
	opsLimit: CRYPTO.staffPwhash.opsLimit,
	memLimitBytes: CRYPTO.staffPwhash.memLimitBytes
};

/** Usernames compare case-insensitively and after Unicode normalisation. */
export function normaliseUsername(username: string): string {
	return username.normalize('NFC').trim().toLowerCase();
}

/**
 * Prepared once per open database: every sign-in attempt, including a stranger's flood of
 * made-up names, runs this, and building the query each time cost far more than running it.
 */
const activeUserQuery = new WeakMap<object, { get: (values: { username: string }) => StaffUser | undefined }>();

export function findActiveUser(username: string): StaffUser | undefined {
	const database = db();
	let query = activeUserQuery.get(database);
	if (!query) {
		query = database
			.select()
			.from(staffUser)
			.where(and(eq(staffUser.username, sql.placeholder('username')), isNull(staffUser.disabledAt)))
			.prepare();
		activeUserQuery.set(database, query);
	}
	return query.get({ username: normaliseUsername(username) });
}

/**
 * The Argon2id salt and cost for a username. An unknown name gets a salt derived from a
 * server secret, stable across requests, so the answer never tells whether an account exists.
 */
export function loginParams(username: string): LoginParams {
	const user = findActiveUser(username);
	if (user) {
		return {
			salt: toBase64url(user.pwhashSalt),
			algorithm: CRYPTO.staffPwhash.algorithm,
			opsLimit: user.pwhashOpsLimit,
			memLimitBytes: user.pwhashMemLimit
		};
	}
	const fakeSalt = hmacSha256(serverSecret(), `login-salt:${normaliseUsername(username)}`);
	return { salt: toBase64url(fakeSalt.subarray(0, CRYPTO.staffPwhash.saltBytes)), ...DEFAULT_PARAMS };
}

/** Returns the user whose stored auth-key hash matches, comparing in constant time. */
export function verifyAuthKey(username: string, authKey: Uint8Array): StaffUser | null {
	return verifyAuthKeyOf(findActiveUser(username), username, authKey);
}

/** The same check for a user already looked up by name (undefined when there is none). */
export function verifyAuthKeyOf(user: StaffUser | undefined, username: string, authKey: Uint8Array): StaffUser | null {
	const presented = sha256(authKey);
	// Compare against a dummy for unknown users so both paths do the same work.
	const expected = user?.authKeyHash ?? sha256(`no-such-user:${username}`);
	const matches = constantTimeEqual(presented, expected);
	return user && matches ? user : null;
}

export function keyMaterial(user: StaffUser): StaffKeyMaterial {
	return {
		publicKey: toBase64url(user.publicKey),
		wrappedSecretKey: {
			nonce: toBase64url(user.wrappedSecretKeyNonce),
			ciphertext: toBase64url(user.wrappedSecretKey)
		},
		pwhash: {
			salt: toBase64url(user.pwhashSalt),
			algorithm: CRYPTO.staffPwhash.algorithm,
			opsLimit: user.pwhashOpsLimit,
			memLimitBytes: user.pwhashMemLimit
		}
	};
}

export function staffUserById(id: string): StaffUser | undefined {
	return db().select().from(staffUser).where(eq(staffUser.id, id)).get();
}

/** The language of the staff pages for this person; null goes back to the browser's. */
export function setStaffLocale(id: string, locale: StaffLocale | null): void {
	db().update(staffUser).set({ locale }).where(eq(staffUser.id, id)).run();
}

export function adminExists(): boolean {
	const row = db()
		.select({ n: count() })
		.from(staffRole)
		.innerJoin(staffUser, eq(staffUser.id, staffRole.staffUserId))
		.where(and(eq(staffRole.role, 'admin'), isNull(staffUser.disabledAt)))
		.get();
	return (row?.n ?? 0) > 0;
}

export type NewStaffUser = {
	username: string;
	authKey: Uint8Array;
	pwhashSalt: Uint8Array;
	pwhashOpsLimit: number;
	pwhashMemLimit: number;
	publicKey: Uint8Array;
	wrappedSecretKey: { nonce: Uint8Array; ciphertext: Uint8Array };
	recoveryWrappedSecretKey: { nonce: Uint8Array; ciphertext: Uint8Array };
	/** Proves possession of the printed recovery key; only its hash is kept. */
	recoveryAuthKey: Uint8Array;
};

/** The verified TOTP enrolment that comes with a new account. */
export type VerifiedTotp = { secret: Uint8Array; step: number };

/** Inserts a staff account; the caller runs it inside its own transaction. */
export function insertStaffUser(input: NewStaffUser, totp: VerifiedTotp, now = new Date()): string {
	assertUsernameDistinct(normaliseUsername(input.username));
	const id = randomUUID();
	db()
		.insert(staffUser)
		.values({
			id,
			username: normaliseUsername(input.username),
			authKeyHash: sha256(input.authKey),
			pwhashSalt: Buffer.from(input.pwhashSalt),
			pwhashOpsLimit: input.pwhashOpsLimit,
			pwhashMemLimit: input.pwhashMemLimit,
			publicKey: Buffer.from(input.publicKey),
			wrappedSecretKeyNonce: Buffer.from(input.wrappedSecretKey.nonce),
			wrappedSecretKey: Buffer.from(input.wrappedSecretKey.ciphertext),
			recoveryWrappedSecretKeyNonce: Buffer.from(input.recoveryWrappedSecretKey.nonce),
			recoveryWrappedSecretKey: Buffer.from(input.recoveryWrappedSecretKey.ciphertext),
			recoveryAuthHash: sha256(input.recoveryAuthKey),
			totpSecret: sealedTotpSecret(totp.secret, 'staff_user.totp_secret', id),
			totpLastStep: totp.step,
			createdAt: now
		})
		.run();
	return id;
}
