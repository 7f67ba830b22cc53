import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { toBase64url } from '$lib/encoding/base64url';

/** 32 random bytes as base64url: 256 bits, well above the 120 bits a bearer token needs. */
export function newToken(): string {
	return toBase64url(randomBytes(32));
}

export function sha256(input: string | Uint8Array): Buffer {
	return createHash('sha256').update(input).digest();
}

export function sha256Hex(input: string | Uint8Array): string {
	return createHash('sha256').update(input).digest('hex');
}

export function hmacSha256(key: Uint8Array, message: string): Buffer {
	return createHmac('sha256', key).update(message).digest();
}

/** Constant-time equality for secrets and their hashes; never use === on them. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}
