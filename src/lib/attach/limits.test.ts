import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS, attachmentKind, attachmentRefusal, scaledSize } from './limits';
import { MAX_ATTACHMENTS, MAX_VOICE_NOTE_CIPHERTEXT_BYTES } from '$lib/server/intake/schemas';

const MIB = 1024 * 1024;
const text = (value: string) => new TextEncoder().encode(value);

describe('attachmentKind', () => {
	it('knows a photo and a PDF by their bytes, whatever the name says', () => {
		expect(attachmentKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image');
		expect(attachmentKind(text('%PDF-1.4\n'))).toBe('document');
		expect(attachmentKind(text('MZ\x90\0'))).toBeNull();
		expect(attachmentKind(text('<html>'))).toBeNull();
	});
});

describe('attachmentRefusal', () => {
	it('lets a photo and a document through within the limits', () => {
		expect(attachmentRefusal([], { kind: 'image', bytes: 800 * 1024 })).toBeNull();
		expect(attachmentRefusal([{ bytes: MIB }], { kind: 'document', bytes: 6 * MIB })).toBeNull();
	});

	it('refuses a fifth file', () => {
		const four = Array.from({ length: ATTACHMENT_LIMITS.maxFiles }, () => ({ bytes: 1024 }));
		expect(attachmentRefusal(four, { kind: 'image', bytes: 1024 })).toBe('too_many');
	});

	it('refuses a file over the limit of its kind', () => {
		expect(attachmentRefusal([], { kind: 'image', bytes: 5 * MIB + 1 })).toBe('too_large');
		expect(attachmentRefusal([], { kind: 'document', bytes: 8 * MIB + 1 })).toBe('too_large');
	});

	it('refuses a file that takes all files together over the total', () => {
		const attached = [{ bytes: 8 * MIB }, { bytes: 7 * MIB }];
		expect(attachmentRefusal(attached, { kind: 'image', bytes: MIB })).toBeNull();
		expect(attachmentRefusal(attached, { kind: 'image', bytes: MIB + 1 })).toBe('total_too_large');
	});

	it('refuses an empty file or one of no known kind', () => {
		expect(attachmentRefusal([], { kind: 'image', bytes: 0 })).toBe('unsupported');
		expect(attachmentRefusal([], { kind: null, bytes: 1024 })).toBe('unsupported');
	});

	it('fits the request limits the server already holds for sealed files', () => {
		// Sealing adds padding and a tag per chunk: far less than the margin left here.
		expect(ATTACHMENT_LIMITS.maxDocumentBytes * 1.1).toBeLessThan(MAX_VOICE_NOTE_CIPHERTEXT_BYTES);
		expect(ATTACHMENT_LIMITS.maxFiles).toBeLessThan(MAX_ATTACHMENTS);
	});
});

describe('scaledSize', () => {
	it('scales the longer side down to 2000 px and keeps the proportions', () => {
		expect(scaledSize(4032, 3024)).toEqual({ width: 2000, height: 1500 });
		expect(scaledSize(3024, 4032)).toEqual({ width: 1500, height: 2000 });
	});

	it('leaves a small image as it is and never gives a side of 0', () => {
		expect(scaledSize(640, 480)).toEqual({ width: 640, height: 480 });
		expect(scaledSize(40000, 1)).toEqual({ width: 2000, height: 1 });
	});
});
