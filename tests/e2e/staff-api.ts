import Database from 'better-sqlite3';
import { deriveStaffKeys, fromBase64url, readyCrypto, sealReply, toBase64url } from '$lib/crypto';
import type { RunningPortal } from './harness';
import type { EnrolledStaff } from './staff-flows';

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
	const row = readRows<{ reply_public_key: Buffer }>(portal, 'select reply_public_key from submission where id = ?', submissionId)[0];
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
