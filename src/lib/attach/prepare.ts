/**
 * Turns a file the survivor picked into what will be sealed, or into the reason it cannot be:
 * the one step between the file input and the crypto worker. Photos are re-encoded here (see
 * reencode.ts); documents are kept as they are, with the warning the page shows beside them.
 */
import type { RemovedDetail } from './image-metadata';
import {
	ATTACHMENT_LIMITS,
	attachmentKind,
	attachmentRefusal,
	type AttachmentKind,
	type AttachmentRefusal
} from './limits';
import { ImageUnreadable, reencodeImage } from './reencode';

export type PreparedAttachment =
	| { kind: 'image'; bytes: Uint8Array; removed: RemovedDetail[]; width: number; height: number }
	| { kind: 'document'; bytes: Uint8Array };

export type PreparationRefusal = AttachmentRefusal | 'unreadable';

/** A refusal names the kind of file when it is known, so "too large" can say the limit that applies. */
export type Preparation =
	{ ok: true; attachment: PreparedAttachment } | { ok: false; refusal: PreparationRefusal; kind?: AttachmentKind };

/** The largest a picked file may be before anything is read from it. */
const MAX_PICKED_BYTES = Math.max(ATTACHMENT_LIMITS.maxOriginalImageBytes, ATTACHMENT_LIMITS.maxDocumentBytes);

export async function prepareAttachment(
	picked: Blob,
	attached: readonly { bytes: Uint8Array }[]
): Promise<Preparation> {
	const sizes = attached.map((file) => ({ bytes: file.bytes.length }));
	if (sizes.length >= ATTACHMENT_LIMITS.maxFiles) return { ok: false, refusal: 'too_many' };
	if (picked.size > MAX_PICKED_BYTES) return { ok: false, refusal: 'too_large' };
	const kind = attachmentKind(new Uint8Array(await picked.slice(0, 16).arrayBuffer()));
	if (kind === 'document') {
		const refusal = attachmentRefusal(sizes, { kind, bytes: picked.size });
		if (refusal) return { ok: false, refusal, kind };
		return { ok: true, attachment: { kind, bytes: new Uint8Array(await picked.arrayBuffer()) } };
	}
	if (kind !== 'image') return { ok: false, refusal: 'unsupported' };
	try {
		const clean = await reencodeImage(picked);
		const refusal = attachmentRefusal(sizes, { kind, bytes: clean.bytes.length });
		if (refusal) return { ok: false, refusal, kind };
		const { bytes, removed, width, height } = clean;
		return { ok: true, attachment: { kind, bytes, removed: removed.found, width, height } };
	} catch (cause) {
		if (cause instanceof ImageUnreadable) return { ok: false, refusal: 'unreadable' };
		throw cause;
	}
}
