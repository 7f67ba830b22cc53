import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import * as devalue from 'devalue';
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
	wrapSecretKey,
	type StaffKeyPair,
	type SubmissionEnvelope
} from '$lib/crypto';
import { PROOF_HEADER, type ProofPurpose } from '$lib/crypto/proof';
import { mintProof } from '$lib/crypto/proof-mint';
import { Authenticator } from './authenticator';

/*
 * A portal driven over HTTP from Node, exactly as browsers drive it, with the same libsodium
 * code: the end-to-end tests and the demo's seeding both use it.
 */

/** Where a running portal answers, and its database file (read only to check what it stored). */
export type PortalAddress = { origin: string; databasePath: string };

export type EnrolledStaff = {
	username: string;
	passphrase: string;
	recoveryKey: string;
	authenticator: Authenticator;
};

/** Reads the live database file read-only, as an auditor of what the server stored. */
export function readRows<T>(portal: Pick<PortalAddress, 'databasePath'>, sql: string, ...params: unknown[]): T[] {
	const database = new Database(portal.databasePath, { readonly: true, fileMustExist: true });
	try {
		return database.prepare(sql).all(...params) as T[];
	} finally {
		database.close();
	}
}

/** Writes to the running portal's database as an operator would with the sqlite3 shell. */
export function writeRows(portal: Pick<PortalAddress, 'databasePath'>, sql: string, ...params: unknown[]): void {
	const database = new Database(portal.databasePath, { fileMustExist: true });
	try {
		database.prepare(sql).run(...params);
	} finally {
		database.close();
	}
}

export function postJson(portal: PortalAddress, route: string, body: unknown, cookie = ''): Promise<Response> {
	return fetch(portal.origin + route, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify(body)
	});
}

const sessionCookie = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0];

/**
 * Signs a staff member in the way their browser does (Argon2id here, in Node, with the same
 * libsodium code) and returns the session cookie for further requests.
 */
export async function staffCookie(portal: PortalAddress, staff: EnrolledStaff): Promise<string> {
	const { username, passphrase } = staff;
	await readyCrypto();
	const params = await (await postJson(portal, '/staff/api/login/params', { username })).json();
	const { authKey } = deriveStaffKeys(passphrase, fromBase64url(params.salt), params);
	const response = await postJson(portal, '/staff/api/login', {
		username,
		authKey: toBase64url(authKey),
		code: await staff.authenticator.code()
	});
	if (!response.ok) throw new Error(`Sign-in failed: ${response.status}`);
	return sessionCookie(response);
}

/** A moderator's reply, sealed to the survivor's reply key exactly as the staff browser does. */
export async function sendReply(portal: PortalAddress, cookie: string, submissionId: string, text: string) {
	await readyCrypto();
	const row = readRows<{ reply_public_key: Buffer }>(
		portal,
		'select reply_public_key from submission where id = ?',
		submissionId
	)[0];
	const sealed = sealReply({ v: 1, kind: 'reply', text }, new Uint8Array(row.reply_public_key));
	const response = await postJson(
		portal,
		`/staff/api/submissions/${submissionId}/replies`,
		{ sealedReply: toBase64url(sealed) },
		cookie
	);
	if (response.status !== 201) throw new Error(`Reply refused: ${response.status} ${await response.text()}`);
}

/** A new account's key material as the staff browser makes it, and what unlocks it again. */
export function newAccountMaterial(username: string, passphrase: string) {
	const salt = newPwhashSalt();
	const pwhash = {
		algorithm: 2,
		opsLimit: CRYPTO.staffPwhash.opsLimit,
		memLimitBytes: CRYPTO.staffPwhash.memLimitBytes
	};
	const { authKey, keyEncryptionKey } = deriveStaffKeys(passphrase, salt, pwhash);
	const keyPair: StaffKeyPair = newStaffKeyPair();
	const recovery = newRecoveryKey();
	const wrap = (key: Uint8Array, purpose: 'passphrase' | 'recovery') => {
		const box = wrapSecretKey(keyPair.secretKey, key, keyPair.publicKey, purpose);
		return { nonce: toBase64url(box.nonce), ciphertext: toBase64url(box.ciphertext) };
	};
	return {
		keyPair,
		recoveryKey: recovery.recoveryKey,
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
	};
}

/**
 * Signs a person up through the real invitation endpoints, with keys made by the real crypto:
 * the admin invites with one role, the invitee enrols. Returns the new session's cookie, what
 * the person needs to sign in again, and their key pair and authenticator secret.
 */
export async function enrolThroughApi(
	portal: PortalAddress,
	adminCookie: string,
	username: string,
	role: string,
	passphrase = 'a long enough test passphrase'
): Promise<{ cookie: string; staff: EnrolledStaff; keyPair: StaffKeyPair; totpSecret: string }> {
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
	const { secret } = await (await postJson(portal, '/staff/api/invitations/totp', { token, username })).json();
	const authenticator = new Authenticator(secret);
	const { account, keyPair, recoveryKey } = newAccountMaterial(username, passphrase);
	const enrolled = await postJson(portal, '/staff/api/enrol', { token, totpCode: await authenticator.code(), account });
	if (enrolled.status !== 201) throw new Error(`Enrolment failed: ${await enrolled.text()}`);
	return {
		cookie: sessionCookie(enrolled),
		staff: { username, passphrase, recoveryKey, authenticator },
		keyPair,
		totpSecret: secret
	};
}

/**
 * A proof of work for one anonymous write, as a survivor's browser makes it: a challenge from
 * the portal, minted by the same code the crypto worker runs.
 */
export async function mintedProof(origin: string, purpose: ProofPurpose, subject: string): Promise<string> {
	const response = await postJson({ origin, databasePath: '' }, '/api/proofs', { purpose, subject });
	if (response.status !== 200) throw new Error(`No challenge: ${response.status} ${await response.text()}`);
	return mintProof(await response.json());
}

/** The receipt's two public parts; a test that never checks the receipt may use random bytes. */
export type ReceiptParts = { lookupToken: Uint8Array; replyPublicKey: Uint8Array };

/**
 * Posts one sealed testimony as a survivor's browser does, with a proof of work. Returns the
 * HTTP status (201 is the portal's acknowledgement: "sent"), the testimony's id and the answer.
 */
export async function postSealedTestimony(
	portal: Pick<PortalAddress, 'origin'>,
	address: { channelId: string; channelKeyVersion: number },
	sealed: SubmissionEnvelope,
	receipt: ReceiptParts = { lookupToken: randomBytes(32), replyPublicKey: randomBytes(32) },
	options: { id?: string; attachments?: { id: string; bytes: number }[] } = {}
): Promise<{ status: number; id: string; answer: string }> {
	const id = options.id ?? randomBytes(16).toString('base64url');
	const response = await fetch(`${portal.origin}/api/submissions`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			[PROOF_HEADER]: await mintedProof(portal.origin, 'submission', id)
		},
		body: JSON.stringify({
			id,
			channelId: address.channelId,
			channelKeyVersion: address.channelKeyVersion,
			formatVersion: sealed.formatVersion,
			nonce: toBase64url(sealed.nonce),
			ciphertext: toBase64url(sealed.ciphertext),
			sealedDataKey: toBase64url(sealed.sealedDataKey),
			receiptLookupToken: toBase64url(receipt.lookupToken),
			replyPublicKey: toBase64url(receipt.replyPublicKey),
			...(options.attachments ? { attachments: options.attachments } : {})
		})
	});
	return { status: response.status, id, answer: await response.text() };
}
