import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, decryptWithKey } from './aead';
import { CRYPTO } from './constants';
import { expectLength, utf8Encode } from './encoding';
import { FormatError } from './errors';
import { sodiumInstance } from './sodium';

/** The two columns that hold a TOTP secret, named as table.column in the additional data. */
export type TotpSecretColumn = 'staff_user.totp_secret' | 'invitation.pending_totp_secret';

/** Length of the TOTP secrets the portal draws; a stored value of this length is a legacy plaintext one. */
export const LEGACY_TOTP_SECRET_BYTES = 20;

/** Binds a sealed TOTP secret to its column and row, so the server cannot move it to another account. */
export function totpSecretAdditionalData(column: TotpSecretColumn, rowId: string): Uint8Array {
	if (column !== 'staff_user.totp_secret' && column !== 'invitation.pending_totp_secret') {
		throw new FormatError('Unknown TOTP secret column');
	}
	if (typeof rowId !== 'string' || rowId.length === 0) throw new FormatError('Invalid row id');
	return utf8Encode(`trips-voice:v${CRYPTO.formatVersion}:totp:${column}:${rowId}`);
}

/** The key TOTP secrets are sealed under: crypto_kdf subkey 1 of the deployment key, context "tvdeploy". */
export function deriveTotpAtRestKey(deploymentKey: Uint8Array): Uint8Array {
	expectLength(deploymentKey, CRYPTO.deploymentKeyBytes, 'Deployment key');
	return sodiumInstance().crypto_kdf_derive_from_key(
		CRYPTO.symmetricKeyBytes,
		CRYPTO.kdfSubkey.deploymentTotpKey,
		CRYPTO.kdfContext.deployment,
		deploymentKey
	);
}

/** True for a value written by sealTotpSecret (version byte, nonce, ciphertext); false for a legacy plaintext one. */
export function isSealedTotpSecret(stored: Uint8Array): boolean {
	return (
		stored.length === 1 + AEAD_NONCE_BYTES + LEGACY_TOTP_SECRET_BYTES + AEAD_TAG_BYTES &&
		stored[0] === CRYPTO.totpSealedVersion
	);
}

/**
 * version byte 1 ‖ nonce (24) ‖ XChaCha20-Poly1305(secret): 61 bytes for a 20-byte secret. The
 * nonce is random unless given (only the test vectors give one).
 */
export function sealTotpSecret(
	secret: Uint8Array,
	key: Uint8Array,
	additionalData: Uint8Array,
	nonce?: Uint8Array
): Uint8Array {
	const sodium = sodiumInstance();
	expectLength(secret, LEGACY_TOTP_SECRET_BYTES, 'TOTP secret');
	expectLength(key, CRYPTO.symmetricKeyBytes, 'Key');
	const usedNonce = nonce ?? sodium.randombytes_buf(AEAD_NONCE_BYTES);
	expectLength(usedNonce, AEAD_NONCE_BYTES, 'Nonce');
	const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secret, additionalData, null, usedNonce, key);
	const sealed = new Uint8Array(1 + AEAD_NONCE_BYTES + ciphertext.length);
	sealed[0] = CRYPTO.totpSealedVersion;
	sealed.set(usedNonce, 1);
	sealed.set(ciphertext, 1 + AEAD_NONCE_BYTES);
	return sealed;
}

/**
 * Inverse of sealTotpSecret. FormatError for anything that is not a sealed v1 secret;
 * DecryptionError for a wrong key, or a value moved from another row or column.
 */
export function openTotpSecret(stored: Uint8Array, key: Uint8Array, additionalData: Uint8Array): Uint8Array {
	if (!(stored instanceof Uint8Array) || !isSealedTotpSecret(stored)) {
		throw new FormatError('Not a sealed TOTP secret');
	}
	return decryptWithKey(
		stored.subarray(1, 1 + AEAD_NONCE_BYTES),
		stored.subarray(1 + AEAD_NONCE_BYTES),
		key,
		additionalData
	);
}
