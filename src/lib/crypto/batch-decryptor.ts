import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES } from './aead';
import { CRYPTO } from './constants';
import { expectLength } from './encoding';
import { DecryptionError, FormatError } from './errors';
import { sodiumInstance } from './sodium';

/**
 * The parts of libsodium's compiled module that `BatchDecryptor` calls directly (exposed by
 * libsodium-wrappers as `libsodium`). Lengths are 64-bit in C and pass as two 32-bit halves.
 */
type CompiledSodium = {
	HEAPU8: Uint8Array;
	_malloc(bytes: number): number;
	_free(address: number): void;
	_crypto_aead_xchacha20poly1305_ietf_decrypt(
		message: number,
		messageLength: number,
		secretNonce: number,
		ciphertext: number,
		ciphertextLengthLow: number,
		ciphertextLengthHigh: number,
		additionalData: number,
		additionalDataLengthLow: number,
		additionalDataLengthHigh: number,
		nonce: number,
		key: number
	): number;
};

const utf8 = new TextEncoder();
/** The least room taken in libsodium's memory, so that small records do not ask for it again and again. */
const LEAST_ROOM = 64 * 1024;

/**
 * Decrypts many ciphertexts under one key, as `decryptWithKey` does each (the same libsodium
 * function, the same checks), without allocating anything per ciphertext. Opening a research
 * corpus decrypts tens of thousands of records: through the wrapper, each call copied its
 * inputs into new blocks of libsodium's memory and its output out into a new array, and that
 * copying and the garbage it left cost about as much as the decryption itself.
 *
 * The key and one working area stay in libsodium's memory until `dispose`, which wipes both.
 * `wipe` clears the last plaintext from the working area.
 */
export class BatchDecryptor {
	readonly #sodium: CompiledSodium;
	#key: number;
	#area = 0;
	#room = 0;

	constructor(key: Uint8Array) {
		expectLength(key, CRYPTO.symmetricKeyBytes, 'Key');
		this.#sodium = (sodiumInstance() as unknown as { libsodium: CompiledSodium }).libsodium;
		this.#key = this.#sodium._malloc(key.length);
		this.#sodium.HEAPU8.set(key, this.#key);
	}

	/**
	 * The plaintext of `ciphertext`, bound to `additionalData` (given as text, encoded as UTF-8).
	 * Returns a view of libsodium's memory that the next call overwrites, and that any call into
	 * libsodium may detach (its memory grows by replacing it): copy what is kept, at once.
	 */
	decrypt(nonce: Uint8Array, ciphertext: Uint8Array, additionalData: string): Uint8Array {
		if (!this.#key) throw new FormatError('This decryptor was disposed of');
		expectLength(nonce, AEAD_NONCE_BYTES, 'Nonce');
		if (!(ciphertext instanceof Uint8Array) || ciphertext.length < AEAD_TAG_BYTES) {
			throw new FormatError('Ciphertext is truncated');
		}
		const additionalDataRoom = additionalData.length * 3;
		const messageLength = ciphertext.length - AEAD_TAG_BYTES;
		this.#reserve(AEAD_NONCE_BYTES + ciphertext.length + additionalDataRoom + messageLength);
		const sodium = this.#sodium;
		// Read after reserving: libsodium's memory may have grown, which replaces the array.
		const heap = sodium.HEAPU8;
		const noncePlace = this.#area;
		const ciphertextPlace = noncePlace + AEAD_NONCE_BYTES;
		const additionalDataPlace = ciphertextPlace + ciphertext.length;
		const messagePlace = additionalDataPlace + additionalDataRoom;
		heap.set(nonce, noncePlace);
		heap.set(ciphertext, ciphertextPlace);
		const { written } = utf8.encodeInto(
			additionalData,
			heap.subarray(additionalDataPlace, additionalDataPlace + additionalDataRoom)
		);
		const status = sodium._crypto_aead_xchacha20poly1305_ietf_decrypt(
			messagePlace,
			0,
			0,
			ciphertextPlace,
			ciphertext.length,
			0,
			additionalDataPlace,
			written,
			0,
			noncePlace,
			this.#key
		);
		if (status !== 0) throw new DecryptionError('Decryption failed');
		return sodium.HEAPU8.subarray(messagePlace, messagePlace + messageLength);
	}

	/** Clears the working area (the last plaintext decrypted lies there). */
	wipe(): void {
		if (this.#area) this.#sodium.HEAPU8.fill(0, this.#area, this.#area + this.#room);
	}

	/** Wipes the key and the working area and gives their memory back. */
	dispose(): void {
		if (!this.#key) return;
		this.wipe();
		if (this.#area) this.#sodium._free(this.#area);
		this.#sodium.HEAPU8.fill(0, this.#key, this.#key + CRYPTO.symmetricKeyBytes);
		this.#sodium._free(this.#key);
		this.#key = 0;
		this.#area = 0;
		this.#room = 0;
	}

	#reserve(bytes: number): void {
		if (bytes <= this.#room) return;
		this.wipe();
		if (this.#area) this.#sodium._free(this.#area);
		this.#room = Math.max(bytes, LEAST_ROOM, this.#room * 2);
		this.#area = this.#sodium._malloc(this.#room);
		if (!this.#area) {
			this.#room = 0;
			throw new FormatError('There is not enough memory to decrypt this record');
		}
	}
}
