/**
 * Every failure of the crypto module is one of these. Names are set explicitly so that they
 * survive minification.
 */
export class CryptoError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'CryptoError';
	}
}

/** Authentication failed: tampered data, wrong key, or wrong additional data. */
export class DecryptionError extends CryptoError {
	constructor(message = 'Decryption failed', options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'DecryptionError';
	}
}

/** Truncated or malformed input, wrong lengths, unknown version, bad encoding. */
export class FormatError extends CryptoError {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'FormatError';
	}
}

/** A receipt typed or pasted by a survivor is not 18 digits (version 2) or 16 (version 1). */
export class ReceiptFormatError extends FormatError {
	constructor(message = 'A receipt is 18 digits, or 16 for an older one', options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'ReceiptFormatError';
	}
}

/**
 * A typed receipt has a typing mistake: its check digits do not match, or it has one digit
 * more or fewer than a receipt. Caught before any Argon2id work.
 */
export class ReceiptTypingError extends ReceiptFormatError {
	constructor(
		message = 'A digit of this receipt is wrong, swapped, missing or doubled',
		options?: { cause?: unknown }
	) {
		super(message, options);
		this.name = 'ReceiptTypingError';
	}
}
