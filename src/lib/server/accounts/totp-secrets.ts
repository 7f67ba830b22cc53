/**
 * TOTP secrets at rest (docs/crypto.md §2.13): sealed with XChaCha20-Poly1305 under a key derived
 * from the deployment key, which lives in a file outside the database. A stolen database alone
 * gives no authenticator secret. Secrets stored in plaintext before this are sealed at start.
 */
import { eq, isNotNull } from 'drizzle-orm';
import { DecryptionError, FormatError } from '$lib/crypto/errors';
import {
	deriveTotpAtRestKey,
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
 * The TOTP secret a stored value holds; a 20-byte value is a plaintext one from before sealing
 * (until the start-up migration has sealed it). Null when the deployment key in use does not
 * open it (the key file was lost or replaced): the start-up log counts those for the operator.
 */
export function openStoredTotpSecret(stored: Uint8Array, column: TotpSecretColumn, rowId: string): Uint8Array | null {
	if (stored.length === LEGACY_TOTP_SECRET_BYTES) return stored;
	try {
		return openTotpSecret(stored, atRestKey(), totpSecretAdditionalData(column, rowId));
	} catch (cause) {
		if (cause instanceof DecryptionError || cause instanceof FormatError) return null;
		throw cause;
	}
}

type StoredSecret = { id: string; secret: Uint8Array | null };

/**
 * Seals every TOTP secret still stored in plaintext, each under its own row's additional data.
 * Idempotent: sealed values are recognised by their version byte and length and left alone.
 * Returns how many were sealed and how many staff secrets the current key does not open (a
 * pending invitation's is simply offered afresh, so it is not counted).
 */
export function sealPlaintextTotpSecrets(): { sealed: number; unreadable: number } {
	let sealed = 0;
	let unreadable = 0;
	const sealEach = (rows: StoredSecret[], column: TotpSecretColumn, write: (id: string, value: Buffer) => void) => {
		for (const { id, secret } of rows) {
			if (secret!.length === LEGACY_TOTP_SECRET_BYTES) {
				write(id, sealedTotpSecret(secret!, column, id));
				sealed++;
			} else if (column === 'staff_user.totp_secret' && !openStoredTotpSecret(secret!, column, id)) {
				unreadable++;
			}
		}
	};
	db().transaction(() => {
		sealEach(
			db()
				.select({ id: staffUser.id, secret: staffUser.totpSecret })
				.from(staffUser)
				.where(isNotNull(staffUser.totpSecret))
				.all(),
			'staff_user.totp_secret',
			(id, value) => db().update(staffUser).set({ totpSecret: value }).where(eq(staffUser.id, id)).run()
		);
		sealEach(
			db()
				.select({ id: invitation.id, secret: invitation.pendingTotpSecret })
				.from(invitation)
				.where(isNotNull(invitation.pendingTotpSecret))
				.all(),
			'invitation.pending_totp_secret',
			(id, value) => db().update(invitation).set({ pendingTotpSecret: value }).where(eq(invitation.id, id)).run()
		);
	});
	// The plaintext values are gone from the database pages (secure_delete); a checkpoint moves
	// the sealed pages out of the WAL and empties it, so no old frame keeps the plaintext either.
	if (sealed > 0 && serverConfig().walCheckpoints === 'portal') db().$client.pragma('wal_checkpoint(TRUNCATE)');
	return { sealed, unreadable };
}
