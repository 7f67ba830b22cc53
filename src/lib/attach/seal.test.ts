import { beforeAll, describe, expect, it } from 'vitest';
import {
	DecryptionError,
	decryptVoiceNote,
	fromBase64url,
	readyCrypto,
	voiceNoteAdditionalData,
	type AttachedFileReference
} from '$lib/crypto';
import { AttachmentNotSealable, openAttachedFile, sealAttachedFile } from './seal';

const text = (value: string) => new TextEncoder().encode(value);

/** A JPEG as a canvas writes it: JFIF header, then the scan; no metadata. */
function cleanJpeg(scanBytes: number): Uint8Array {
	const jfif = [0xff, 0xe0, 0x00, 0x10, ...text('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
	const scan = new Uint8Array(scanBytes).map((_, i) => (i * 31 + 7) % 251);
	return new Uint8Array([0xff, 0xd8, ...jfif, 0xff, 0xda, 0x00, 0x02, ...scan, 0xff, 0xd9]);
}

/** The same JPEG carrying an EXIF block with a GPS position. */
function jpegWithGps(): Uint8Array {
	const tiff = new Uint8Array(64);
	const view = new DataView(tiff.buffer);
	tiff.set(text('II'));
	view.setUint16(2, 42, true);
	view.setUint32(4, 8, true);
	view.setUint16(8, 1, true);
	view.setUint16(10, 0x8825, true);
	view.setUint16(12, 4, true);
	view.setUint32(14, 1, true);
	view.setUint32(18, 26, true);
	view.setUint16(26, 1, true);
	view.setUint16(28, 2, true);
	const body = new Uint8Array([...text('Exif\0\0'), ...tiff]);
	const clean = cleanJpeg(32);
	return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0, body.length + 2, ...body, ...clean.subarray(2)]);
}

beforeAll(readyCrypto);

describe('sealAttachedFile', () => {
	it('seals a clean photo so that only its reference opens it, and the ciphertext is not the photo', () => {
		const photo = cleanJpeg(100_000);
		const { reference, ciphertext } = sealAttachedFile(photo, 'att_photo1');
		expect(reference).toMatchObject({
			attachmentId: 'att_photo1',
			kind: 'image',
			mimeType: 'image/jpeg',
			bytes: photo.length
		});
		expect(Buffer.from(ciphertext).includes(Buffer.from(photo.subarray(0, 64)))).toBe(false);
		expect(openAttachedFile(ciphertext, reference)).toEqual(photo);
	});

	it('pads a file to whole 64 KiB blocks, so its length says little of its size', () => {
		const small = sealAttachedFile(cleanJpeg(10), 'att_a').ciphertext.length;
		const larger = sealAttachedFile(cleanJpeg(60_000), 'att_b').ciphertext.length;
		expect(small).toBe(larger);
	});

	it('seals a PDF as a document, as it is', () => {
		const letter = text('%PDF-1.4\n% a fictional letter from the housing office\n%%EOF\n');
		const { reference, ciphertext } = sealAttachedFile(letter, 'att_letter');
		expect(reference).toMatchObject({ kind: 'document', mimeType: 'application/pdf' });
		expect(openAttachedFile(ciphertext, reference)).toEqual(letter);
	});

	it('refuses a photo that still carries metadata, and a file of no known kind', () => {
		expect(() => sealAttachedFile(jpegWithGps(), 'att_gps')).toThrow(AttachmentNotSealable);
		expect(() => sealAttachedFile(text('<svg onload="x()"/>'), 'att_svg')).toThrow(AttachmentNotSealable);
		expect(() => sealAttachedFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), 'att_png')).toThrow(
			AttachmentNotSealable
		);
	});

	it('refuses a document over its size limit', () => {
		const huge = new Uint8Array(8 * 1024 * 1024 + 1);
		huge.set(text('%PDF-1.7'));
		expect(() => sealAttachedFile(huge, 'att_huge')).toThrow(AttachmentNotSealable);
	});

	it('cannot be opened as another attachment, nor as a voice note of the same id', () => {
		const { reference, ciphertext } = sealAttachedFile(cleanJpeg(500), 'att_one');
		const moved: AttachedFileReference = { ...reference, attachmentId: 'att_two' };
		expect(() => openAttachedFile(ciphertext, moved)).toThrow(DecryptionError);
		const asVoice = () =>
			decryptVoiceNote(
				ciphertext,
				fromBase64url(reference.key),
				fromBase64url(reference.header),
				voiceNoteAdditionalData('att_one')
			);
		expect(asVoice).toThrow(DecryptionError);
	});
});
