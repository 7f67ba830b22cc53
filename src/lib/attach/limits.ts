/**
 * How many photos and documents a testimony may carry, and how large. The browser refuses past
 * these before sealing anything; the server refuses the same with a 4xx, and every byte also
 * counts against the intake byte budget like a voice note's.
 */
import { imageFormat } from './image-metadata';

const MIB = 1024 * 1024;

export const ATTACHMENT_LIMITS = Object.freeze({
	/** Files per testimony: enough for a letter's pages, few enough to read in one sitting. */
	maxFiles: 4,
	/**
	 * A photo as chosen, before re-encoding: phone cameras write 3–12 MB; past this the decode
	 * alone could exhaust a cheap phone's memory.
	 */
	maxOriginalImageBytes: 30 * MIB,
	/** Longest side of a re-encoded photo: letters stay legible, faces in a crowd less so. */
	maxImageDimension: 2000,
	/** A re-encoded photo of 2000 px is usually under 1 MB. */
	maxImageBytes: 5 * MIB,
	/** A scanned letter of several pages. */
	maxDocumentBytes: 8 * MIB,
	/** All files of one testimony together, as sent. */
	maxTotalBytes: 16 * MIB,
	/** A photo a moderator blacked out for the research corpus, re-encoded: lower quality until it fits. */
	maxResearchImageBytes: 2 * MIB
});

export type AttachmentKind = 'image' | 'document';

export type AttachmentRefusal = 'unsupported' | 'too_many' | 'too_large' | 'total_too_large';

/** What the file is, from its first bytes: a name or a type from the file picker is not trusted. */
export function attachmentKind(firstBytes: Uint8Array): AttachmentKind | null {
	if (imageFormat(firstBytes)) return 'image';
	if (String.fromCharCode(...firstBytes.subarray(0, 5)) === '%PDF-') return 'document';
	return null;
}

/** The largest a single file of this kind may be when sent. */
export const maxBytesOf = (kind: AttachmentKind): number =>
	kind === 'image' ? ATTACHMENT_LIMITS.maxImageBytes : ATTACHMENT_LIMITS.maxDocumentBytes;

/**
 * Whether one more file of `bytes` (as it will be sent) fits beside the files already attached;
 * null when it does.
 */
export function attachmentRefusal(
	attached: readonly { bytes: number }[],
	candidate: { kind: AttachmentKind | null; bytes: number }
): AttachmentRefusal | null {
	if (!candidate.kind || candidate.bytes < 1) return 'unsupported';
	if (attached.length >= ATTACHMENT_LIMITS.maxFiles) return 'too_many';
	if (candidate.bytes > maxBytesOf(candidate.kind)) return 'too_large';
	const total = attached.reduce((sum, file) => sum + file.bytes, candidate.bytes);
	if (total > ATTACHMENT_LIMITS.maxTotalBytes) return 'total_too_large';
	return null;
}

/** Width and height to draw an image at: its own, or scaled down so the longer side fits. */
export function scaledSize(width: number, height: number, max = ATTACHMENT_LIMITS.maxImageDimension) {
	const scale = Math.min(1, max / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
