import Database from 'better-sqlite3';
import * as devalue from 'devalue';
import { afterAll, beforeAll } from 'vitest';
import {
	CRYPTO,
	deriveStaffKeys,
	fromBase64url,
	newPwhashSalt,
	newRecoveryKey,
	newStaffKeyPair,
	readyCrypto,
	sealReply,
	toBase64url,
	wrapSecretKey
} from '$lib/crypto';
import { launchBrowser, startPortal, type RunningPortal } from './harness';
import { completeSetup, type EnrolledStaff } from './staff-flows';
import { TestAuthenticator } from './totp';

/**
 * Signs a staff member in the way their browser does (Argon2id here, in Node, with the same
 * libsodium code) and returns the session cookie for further requests.
 */
export async function staffCookie(portal: RunningPortal, staff: EnrolledStaff): Promise<string> {
	const { username, passphrase } = staff;
	await readyCrypto();
	const post = (path: string, body: unknown) =>
		fetch(portal.origin + path, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	const params = await (await post('/staff/api/login/params', { username })).json();
	const { authKey } = deriveStaffKeys(passphrase, fromBase64url(params.salt), params);
	const response = await post('/staff/api/login', {
		username,
		authKey: toBase64url(authKey),
		code: await staff.authenticator.code()
	});
	if (!response.ok) throw new Error(`Sign-in failed: ${response.status}`);
	const cookie = response.headers.get('set-cookie') ?? '';
	return cookie.split(';')[0];
}

/** A moderator's reply, sealed to the survivor's reply key exactly as the staff browser does. */
export async function sendReply(portal: RunningPortal, cookie: string, submissionId: string, text: string) {
	await readyCrypto();
	const row = readRows<{ reply_public_key: Buffer }>(
		portal,
		'select reply_public_key from submission where id = ?',
		submissionId
	)[0];
	const sealed = sealReply({ v: 1, kind: 'reply', text }, new Uint8Array(row.reply_public_key));
	const response = await fetch(`${portal.origin}/staff/api/submissions/${submissionId}/replies`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ sealedReply: toBase64url(sealed) })
	});
	if (response.status !== 201) throw new Error(`Reply refused: ${response.status} ${await response.text()}`);
}

/** Reads the live database file read-only, as an auditor of what the server stored. */
export function readRows<T>(portal: RunningPortal, sql: string, ...params: unknown[]): T[] {
	const database = new Database(portal.databasePath, { readonly: true, fileMustExist: true });
	try {
		return database.prepare(sql).all(...params) as T[];
	} finally {
		database.close();
	}
}

/** Writes to the running portal's database as an operator would with the sqlite3 shell. */
export function writeRows(portal: RunningPortal, sql: string, ...params: unknown[]): void {
	const database = new Database(portal.databasePath, { fileMustExist: true });
	try {
		database.prepare(sql).run(...params);
	} finally {
		database.close();
	}
}

/**
 * Signs a person up through the real invitation endpoints, with keys made by the real crypto:
 * the admin invites with one role, the invitee enrols. Returns the new session's cookie and
 * what the person needs to sign in again.
 */
export async function enrolThroughApi(
	portal: RunningPortal,
	adminCookie: string,
	username: string,
	role: string
): Promise<{ cookie: string; staff: EnrolledStaff }> {
	await readyCrypto();
	const form = new URLSearchParams({ expiresInDays: '7' });
	form.append('role', role);
	const invited = await fetch(`${portal.origin}/staff/admin/users?/invite`, {
		method: 'POST',
		headers: { cookie: adminCookie, origin: portal.origin, 'x-sveltekit-action': 'true', accept: 'application/json' },
		body: form
	});
	const result = await invited.json();
	const { link } = devalue.parse(result.data) as { link: string };
	const token = link.split('#')[1];
	const post = (route: string, body: unknown, cookie = '') =>
		fetch(portal.origin + route, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie },
			body: JSON.stringify(body)
		});
	const { secret } = await (await post('/staff/api/invitations/totp', { token, username })).json();
	const authenticator = new TestAuthenticator(secret);
	const passphrase = 'a long enough test passphrase';
	const salt = newPwhashSalt();
	const pwhash = {
		algorithm: 2,
		opsLimit: CRYPTO.staffPwhash.opsLimit,
		memLimitBytes: CRYPTO.staffPwhash.memLimitBytes
	};
	const { authKey, keyEncryptionKey } = deriveStaffKeys(passphrase, salt, pwhash);
	const keyPair = newStaffKeyPair();
	const recovery = newRecoveryKey();
	const wrap = (key: Uint8Array, purpose: 'passphrase' | 'recovery') => {
		const box = wrapSecretKey(keyPair.secretKey, key, keyPair.publicKey, purpose);
		return { nonce: toBase64url(box.nonce), ciphertext: toBase64url(box.ciphertext) };
	};
	const enrolled = await post('/staff/api/enrol', {
		token,
		totpCode: await authenticator.code(),
		account: {
			username,
			pwhashSalt: toBase64url(salt),
			pwhashOpsLimit: pwhash.opsLimit,
			pwhashMemLimit: pwhash.memLimitBytes,
			authKey: toBase64url(authKey),
			wrappedSecretKey: wrap(keyEncryptionKey, 'passphrase'),
			publicKey: toBase64url(keyPair.publicKey),
			recoveryWrappedSecretKey: wrap(recovery.wrappingKey, 'recovery'),
			recoveryAuthKey: toBase64url(recovery.authKey)
		}
	});
	if (enrolled.status !== 201) throw new Error(`Enrolment failed: ${await enrolled.text()}`);
	return {
		cookie: (enrolled.headers.get('set-cookie') ?? '').split(';')[0],
		staff: { username, passphrase, recoveryKey: recovery.recoveryKey, authenticator }
	};
}

/** A fresh portal whose first admin has signed in through the API: its session cookie, for moderation calls. */
export async function portalWithModerator(
	env: Record<string, string> = {}
): Promise<{ portal: RunningPortal; moderatorCookie: string }> {
	const portal = await startPortal(env);
	const admin = await launchBrowser();
	try {
		return { portal, moderatorCookie: await staffCookie(portal, await completeSetup(admin.page, portal.setupLink!)) };
	} finally {
		await admin.close();
	}
}

/**
 * A portal with a signed-in first admin for the whole test file: started before its tests,
 * stopped after them. Read `portal` and `moderatorCookie` inside the tests.
 */
export function usePortalWithModerator(env: Record<string, string> = {}): {
	portal: RunningPortal;
	moderatorCookie: string;
} {
	const fixture = {} as { portal: RunningPortal; moderatorCookie: string };
	beforeAll(async () => {
		Object.assign(fixture, await portalWithModerator(env));
	});
	afterAll(async () => {
		await fixture.portal?.stop();
	});
	return fixture;
}
