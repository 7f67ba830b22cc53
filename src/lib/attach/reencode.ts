/**
 * Re-draws a photo in the browser and encodes the pixels afresh, so nothing of the original file
 * but what it shows survives: no EXIF, GPS, XMP, comments or thumbnail. The browser applies the
 * EXIF orientation while decoding (`imageOrientation: 'from-image'`), so the copy stays upright
 * although the orientation tag itself is gone.
 */
import { readImageMetadata, type ImageMetadata } from './image-metadata';
import { ATTACHMENT_LIMITS, scaledSize } from './limits';

export class ImageUnreadable extends Error {
	constructor() {
		super('This browser cannot decode the image.');
		this.name = 'ImageUnreadable';
	}
}

export interface CleanImage {
	/** What the original carried: shown to the survivor as what was removed. */
	removed: ImageMetadata;
	bytes: Uint8Array;
	type: 'image/jpeg';
	width: number;
	height: number;
}

const JPEG_QUALITY = 0.85;

export async function reencodeImage(original: Blob): Promise<CleanImage> {
	const originalBytes = new Uint8Array(await original.arrayBuffer());
	const removed = readImageMetadata(originalBytes);
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(new Blob([originalBytes]), { imageOrientation: 'from-image' });
	} catch {
		throw new ImageUnreadable();
	}
	const { width, height } = scaledSize(bitmap.width, bitmap.height, ATTACHMENT_LIMITS.maxImageDimension);
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d');
	if (!context) throw new ImageUnreadable();
	// Transparent areas of a PNG would turn black in a JPEG.
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	context.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	const encoded = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
	const bytes = new Uint8Array(await encoded.arrayBuffer());
	// The encoder writes pixels only; a browser that added anything else must not send it on.
	if (readImageMetadata(bytes).found.length > 0) throw new ImageUnreadable();
	return { removed, bytes, type: 'image/jpeg', width, height };
}
