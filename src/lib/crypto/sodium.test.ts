import { describe, expect, it } from 'vitest';
import { CryptoError } from './errors';
import { bytesEqual, readyCrypto } from './index';
import { sodiumInstance } from './sodium';

// Vitest isolates test files, so this file starts with an unloaded module.
describe('readyCrypto', () => {
	it('refuses to work before readyCrypto() resolved, with a CryptoError', () => {
		expect(() => sodiumInstance()).toThrow(CryptoError);
		expect(() => bytesEqual(new Uint8Array([1]), new Uint8Array([1]))).toThrow(CryptoError);
	});

	it('makes every function usable once it resolved, and can be awaited twice', async () => {
		await readyCrypto();
		await readyCrypto();
		expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1]))).toBe(true);
	});
});
