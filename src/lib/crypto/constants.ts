/**
 * Every algorithm parameter of format v1, in one place. Changing a value here changes the
 * format: add a new version instead, and keep the old one readable.
 */
export const CRYPTO = Object.freeze({
	formatVersion: 1,
	/** libsodium ISO/IEC 7816-4 padding block for submission payloads. */
	padBlockBytes: 512,
	staffPwhash: Object.freeze({
		/** crypto_pwhash_ALG_ARGON2ID13 */
		algorithm: 2,
		opsLimit: 3,
		memLimitBytes: 64 * 1024 * 1024,
		saltBytes: 16
	}),
	receiptPwhash: Object.freeze({
		algorithm: 2,
		opsLimit: 2,
		memLimitBytes: 19 * 1024 * 1024,
		saltBytes: 16
	}),
	/** Random digits of a receipt: the Argon2id input, in both receipt versions. */
	receiptDigits: 16,
	/** ISO/IEC 7064 MOD 97-10 check digits after the random ones (receipt version 2). */
	receiptCheckDigits: 2,
	/** crypto_kdf contexts are exactly 8 bytes. */
	kdfContext: Object.freeze({
		staff: 'tvstaff1',
		receipt: 'tvrecpt1',
		keyConfirm: 'tvkeycnf',
		/** Keys the server derives from its deployment key (a file outside the database). */
		deployment: 'tvdeploy'
	}),
	kdfSubkey: Object.freeze({
		staffAuthKey: 1,
		staffKeyEncryptionKey: 2,
		receiptLookupToken: 1,
		receiptReplySeed: 2,
		corpusKeyCheckSeed: 1,
		deploymentTotpKey: 1
	}),
	recoveryKeyBytes: 20,
	/** BLAKE2b keys of the recovery key's two derived keys (§2.3). */
	recoveryHashKey: 'trips-voice:v1:recovery',
	recoveryAuthHashKey: 'trips-voice:v1:recovery-auth',
	/** The deployment key: 32 random bytes in a file beside the database, never inside it. */
	deploymentKeyBytes: 32,
	/** First byte of a TOTP secret sealed at rest (§2.13); a 20-byte value without it is a legacy plaintext secret. */
	totpSealedVersion: 1,
	symmetricKeyBytes: 32
});

export type StaffPwhashParams = {
	algorithm: number;
	opsLimit: number;
	memLimitBytes: number;
};
