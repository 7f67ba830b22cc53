/**
 * Seals a photo or document for upload, in the survivor's crypto worker: the same stream format as
 * a voice note (docs/crypto.md §7) under a fresh key, with the file's own additional data. The
 * last line of defence too: it refuses a file of no known kind, one over its limit, and a photo
 * that still carries metadata (one that skipped re-encoding).
 */
import {
	attachedFileAdditionalData,
	decryptVoiceNote,
	encryptVoiceNote,
	fromBase64url,
	toBase64url,
	type AttachedFileReference
} from '$lib/crypto';
import { readImageMetadata } from './image-metadata';
import { attachmentKind, maxBytesOf } from './limits';

export class AttachmentNotSealable extends Error {
	constructor(reason: string) {
		super(reason);
		this.name = 'AttachmentNotSealable';
	}
}

export type SealedAttachedFile = { reference: AttachedFileReference; ciphertext: Uint8Array };

export function sealAttachedFile(file: Uint8Array, attachmentId: string): SealedAttachedFile {
	const kind = attachmentKind(file);
	if (!kind) throw new AttachmentNotSealable('Only photos and PDF documents can be attached.');
	if (file.length > maxBytesOf(kind)) throw new AttachmentNotSealable('The file is over its size limit.');
	if (kind === 'image') {
		const metadata = readImageMetadata(file);
		if (metadata.format !== 'jpeg' || metadata.found.length > 0)
			throw new AttachmentNotSealable('A photo must be re-encoded before it is sealed.');
	}
	const sealed = encryptVoiceNote(file, attachedFileAdditionalData(attachmentId));
	const reference: AttachedFileReference = {
		attachmentId,
		key: toBase64url(sealed.key),
		header: toBase64url(sealed.header),
		kind,
		mimeType: kind === 'image' ? 'image/jpeg' : 'application/pdf',
		bytes: file.length
	};
	sealed.key.fill(0);
	return { reference, ciphertext: sealed.ciphertext };
}

/** Opens a sealed file in a staff browser with the reference from the decrypted testimony. */
export function openAttachedFile(ciphertext: Uint8Array, reference: AttachedFileReference): Uint8Array {
	return decryptVoiceNote(
		ciphertext,
		fromBase64url(reference.key),
		fromBase64url(reference.header),
		attachedFileAdditionalData(reference.attachmentId)
	);
}
