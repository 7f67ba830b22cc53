/**
 * TOTP secrets at rest (docs/crypto.md §2.13): sealed with XChaCha20-Poly1305 under a key derived
 * from the deployment key, which lives in a file outside the database. A stolen database alone
 * gives no authenticator secret. Secrets stored in plaintext before this are sealed at start.
 */
import { eq, isNotNull } from 'drizzle-orm';
import {
	deriveTotpAtRestKey,
	isSealedTotpSecret,
	LEGACY_TOTP_SECRET_BYTES,
	openTotpSecret,
	sealTotpSecret,
	totpSecretAdditionalData,
	type TotpSecretColumn
} from '$lib/crypto/totp-at-rest';
import { serverConfig } from '../config';
import { db } from '../db';
import { invitation, staffUser } from '../db/schema';
import { deploymentKey } from '../security/deployment-key';

/** A stored TOTP secret that the deployment key in use does not open (lost or replaced key file). */
export class UnreadableTotpSecret extends Error {
	constructor(column: TotpSecretColumn, rowId: string) {
		super(
			`The TOTP secret in ${column} of row ${rowId} does not open with the deployment key in ` +
				`${deploymentKey().path}. Put back the key file this database was used with ` +
				`(docs/deploy.md, "The deployment key"); without it, the person signs in with a recovery code ` +
				`and sets up their authenticator again, or an admin resets it.`
		);
		this.name = 'UnreadableTotpSecret';
	}
}

let cachedKey: { deploymentKey: Uint8Array; key: Uint8Array } | null = null;

function atRestKey(): Uint8Array {
	const { key } = deploymentKey();
	if (cachedKey?.deploymentKey !== key) cachedKey = { deploymentKey: key, key: deriveTotpAtRestKey(key) };
	return cachedKey.key;
}

/** The value to store for a TOTP secret in `column` of the row `rowId`. */
export function sealedTotpSecret(secret: Uint8Array, column: TotpSecretColumn, rowId: string): Buffer {
	return Buffer.from(sealTotpSecret(secret, atRestKey(), totpSecretAdditionalData(column, rowId)));
}

/**
 * The TOTP secret a stored value holds. A 20-byte value is a plaintext one from before sealing
 * (until the start-up migration has sealed it). Throws UnreadableTotpSecret when the deployment
 * key does not open it; the message is for the operator's log, never for the person signing in.
 */
export function openStoredTotpSecret(stored: Uint8Array, column: TotpSecretColumn, rowId: string): Uint8Array {
	if (stored.length === LEGACY_TOTP_SECRET_BYTES) return stored;
	try {
		return openTotpSecret(stored, atRestKey(), totpSecretAdditionalData(column, rowId));
	} catch {
		throw new UnreadableTotpSecret(column, rowId);
	}
}

/** True when the stored value opens (or is a legacy plaintext secret); logs the operator's error otherwise. */
export function totpSecretReadable(stored: Uint8Array, column: TotpSecretColumn, rowId: string): boolean {
	try {
		openStoredTotpSecret(stored, column, rowId);
		return true;
	} catch (cause) {
		if (!(cause instanceof UnreadableTotpSecret)) throw cause;
		console.error(`TRIPS Voice: ${cause.message}`);
		return false;
	}
}

/**
 * Seals every TOTP secret still stored in plaintext, each under its own row's additional data.
 * Idempotent: sealed values are recognised by their version byte and length and left alone.
 * Returns how many were sealed and how many sealed ones the current key does not open.
 */
export function sealPlaintextTotpSecrets(): { sealed: number; unreadable: number } {
	let sealed = 0;
	let unreadable = 0;
	db().transaction(() => {
		const accounts = db()
			.select({ id: staffUser.id, secret: staffUser.totpSecret })
			.from(staffUser)
			.where(isNotNull(staffUser.totpSecret))
			.all();
		for (const row of accounts) {
			const stored = row.secret!;
			if (stored.length === LEGACY_TOTP_SECRET_BYTES) {
				const value = sealedTotpSecret(stored, 'staff_user.totp_secret', row.id);
				db().update(staffUser).set({ totpSecret: value }).where(eq(staffUser.id, row.id)).run();
				sealed++;
			} else if (!isSealedTotpSecret(stored) || !quietlyReadable(stored, 'staff_user.totp_secret', row.id)) {
				unreadable++;
			}
		}
		const invitations = db()
			.select({ id: invitation.id, secret: invitation.pendingTotpSecret })
			.from(invitation)
			.where(isNotNull(invitation.pendingTotpSecret))
			.all();
		for (const row of invitations) {
			const stored = row.secret!;
			if (stored.length === LEGACY_TOTP_SECRET_BYTES) {
				const value = sealedTotpSecret(stored, 'invitation.pending_totp_secret', row.id);
				db().update(invitation).set({ pendingTotpSecret: value }).where(eq(invitation.id, row.id)).run();
				sealed++;
			}
		}
	});
	// The plaintext values are gone from the database pages (secure_delete); a checkpoint moves
	// the sealed pages out of the WAL and empties it, so no old frame keeps the plaintext either.
	if (sealed > 0 && serverConfig().walCheckpoints === 'portal') db().$client.pragma('wal_checkpoint(TRUNCATE)');
	return { sealed, unreadable };
}

function quietlyReadable(stored: Uint8Array, column: TotpSecretColumn, rowId: string): boolean {
	try {
		openStoredTotpSecret(stored, column, rowId);
		return true;
	} catch {
		return false;
	}
}
