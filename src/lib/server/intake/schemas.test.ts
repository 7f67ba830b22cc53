import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '$lib/attach/limits';
import { encryptVoiceNote, readyCrypto } from '$lib/crypto';
import { toBase64url } from '$lib/encoding/base64url';
import {
	MAX_ATTACHMENTS,
	MAX_DECLARED_ATTACHMENT_BYTES,
	MAX_VOICE_NOTE_CIPHERTEXT_BYTES,
	submissionUpload,
	survivorMessageUpload
} from './schemas';

const MIB = 1024 * 1024;
/** The recorder's largest voice note: ten minutes of a changed voice (see the voice recorder component). */
const LARGEST_VOICE_NOTE = 20 * MIB;
const GUIDED_QUESTIONS = 12;

beforeAll(readyCrypto);

/** How many bytes a file of `bytes` announces once sealed, measured with the sealing code itself. */
const sealedBytes = (bytes: number) => encryptVoiceNote(new Uint8Array(bytes), new Uint8Array(8)).ciphertext.length;

const declared = (sizes: number[]) => sizes.map((bytes) => ({ id: randomBytes(16).toString('base64url'), bytes }));

const testimony = (attachments: { id: string; bytes: number }[]) => ({
	id: randomBytes(16).toString('base64url'),
	channelId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
	channelKeyVersion: 1,
	formatVersion: 1,
	nonce: toBase64url(randomBytes(24)),
	ciphertext: toBase64url(randomBytes(528)),
	sealedDataKey: toBase64url(randomBytes(80)),
	receiptLookupToken: toBase64url(randomBytes(32)),
	replyPublicKey: toBase64url(randomBytes(32)),
	attachments
});

const followUp = (attachments: { id: string; bytes: number }[]) => ({
	lookupToken: toBase64url(randomBytes(32)),
	message: {
		id: randomBytes(16).toString('base64url'),
		channelKeyVersion: 1,
		formatVersion: 1,
		nonce: toBase64url(randomBytes(24)),
		ciphertext: toBase64url(randomBytes(528)),
		sealedDataKey: toBase64url(randomBytes(80)),
		attachments
	}
});

describe('the voice notes and files a testimony announces, together', () => {
	it('takes the largest voice note on every guided question with the most photos and documents allowed', () => {
		const voice = Array<number>(GUIDED_QUESTIONS).fill(sealedBytes(LARGEST_VOICE_NOTE));
		const files = Array<number>(ATTACHMENT_LIMITS.maxFiles).fill(
			sealedBytes(ATTACHMENT_LIMITS.maxTotalBytes / ATTACHMENT_LIMITS.maxFiles)
		);
		expect(voice.length + files.length).toBeLessThanOrEqual(MAX_ATTACHMENTS);
		expect(v.safeParse(submissionUpload, testimony(declared([...voice, ...files]))).success).toBe(true);
	});

	it('refuses more than the cap in all, though each one and their number are allowed, without echoing a size', () => {
		const count = Math.floor(MAX_DECLARED_ATTACHMENT_BYTES / MAX_VOICE_NOTE_CIPHERTEXT_BYTES) + 1;
		expect(count).toBeLessThanOrEqual(MAX_ATTACHMENTS);
		const sizes = Array<number>(count).fill(MAX_VOICE_NOTE_CIPHERTEXT_BYTES - 7);
		const refusal = v.safeParse(submissionUpload, testimony(declared(sizes)));
		expect(refusal.success).toBe(false);
		const messages = refusal.issues?.map((issue) => issue.message) ?? [];
		expect(messages).toEqual(['The voice notes and files are too large together: at most 260 MiB.']);
		expect(JSON.stringify(messages)).not.toContain(String(MAX_VOICE_NOTE_CIPHERTEXT_BYTES - 7));
	});

	it('takes exactly the cap and refuses one byte more', () => {
		const sizes = [MAX_VOICE_NOTE_CIPHERTEXT_BYTES, MAX_DECLARED_ATTACHMENT_BYTES % MAX_VOICE_NOTE_CIPHERTEXT_BYTES];
		while (sizes.reduce((sum, bytes) => sum + bytes, 0) < MAX_DECLARED_ATTACHMENT_BYTES) {
			sizes.push(MAX_VOICE_NOTE_CIPHERTEXT_BYTES);
		}
		expect(sizes.reduce((sum, bytes) => sum + bytes, 0)).toBe(MAX_DECLARED_ATTACHMENT_BYTES);
		expect(v.safeParse(submissionUpload, testimony(declared(sizes))).success).toBe(true);
		sizes[1] += 1;
		expect(v.safeParse(submissionUpload, testimony(declared(sizes))).success).toBe(false);
	});

	it('holds for a follow-up message too', () => {
		const sizes = Array<number>(12).fill(MAX_VOICE_NOTE_CIPHERTEXT_BYTES);
		expect(v.safeParse(survivorMessageUpload, followUp(declared(sizes))).success).toBe(false);
		expect(v.safeParse(survivorMessageUpload, followUp(declared([sealedBytes(LARGEST_VOICE_NOTE)]))).success).toBe(
			true
		);
	});
});
