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

/** A receipt typed or pasted by a survivor is not exactly 16 digits. */
export class ReceiptFormatError extends FormatError {
	constructor(message = 'A receipt is 16 digits', options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'ReceiptFormatError';
	}
}
