/**
 * Blacks out a moderator's boxes on a photo, in their browser, before it is sealed to the
 * corpus key: the pixels under each box are overwritten with solid black on a canvas (not
 * blurred, which can be undone) and the whole picture is encoded afresh as a JPEG, so nothing
 * of what was under a box, and no metadata, survives in the file.
 */
import type { Box } from '$lib/moderation/image-boxes';
import { readImageMetadata } from './image-metadata';
import { ATTACHMENT_LIMITS } from './limits';
import { ImageUnreadable } from './reencode';

/** From the survivor pages' quality down: a busy photo must still fit the corpus limit. */
const QUALITIES = [0.85, 0.7, 0.55, 0.4];

export class RedactedImageTooLarge extends Error {
	constructor() {
		super('The blacked-out photo is too large for the research corpus.');
		this.name = 'RedactedImageTooLarge';
	}
}

export async function blackOutImage(jpeg: Uint8Array, boxes: readonly Box[]): Promise<Uint8Array> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }));
	} catch {
		throw new ImageUnreadable();
	}
	const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
	const context = canvas.getContext('2d');
	if (!context) throw new ImageUnreadable();
	context.drawImage(bitmap, 0, 0);
	bitmap.close();
	context.fillStyle = '#000';
	for (const box of boxes) context.fillRect(box.x, box.y, box.width, box.height);
	for (const quality of QUALITIES) {
		const encoded = await canvas.convertToBlob({ type: 'image/jpeg', quality });
		const bytes = new Uint8Array(await encoded.arrayBuffer());
		if (readImageMetadata(bytes).found.length > 0) throw new ImageUnreadable();
		if (bytes.length <= ATTACHMENT_LIMITS.maxResearchImageBytes) return bytes;
	}
	throw new RedactedImageTooLarge();
}
