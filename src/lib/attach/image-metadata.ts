/**
 * Reads which identifying details an image file carries, so the survivor can be told in plain
 * words what re-encoding removed. It only reports: the re-encoding itself (see reencode.ts) drops
 * everything, whatever this reader finds or misses. Hostile or broken files never throw; a block
 * that cannot be parsed counts as "other hidden details", so the survivor is never told a file was
 * clean when it was merely unreadable.
 */

/** What a survivor is told was removed; the order is the order shown. */
export const REMOVED_DETAILS = ['place', 'device', 'date', 'other'] as const;
export type RemovedDetail = (typeof REMOVED_DETAILS)[number];

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'heic';

export interface ImageMetadata {
	format: ImageFormat | null;
	/** EXIF orientation, 1 (upright) to 8; 1 when absent or out of range. */
	orientation: number;
	found: RemovedDetail[];
}

const TAG = {
	make: 0x010f,
	model: 0x0110,
	orientation: 0x0112,
	dateTime: 0x0132,
	artist: 0x013b,
	copyright: 0x8298,
	exifIfd: 0x8769,
	gpsIfd: 0x8825,
	dateTimeOriginal: 0x9003,
	dateTimeDigitized: 0x9004,
	makerNote: 0x927c,
	ownerName: 0xa430,
	bodySerial: 0xa431,
	lensMake: 0xa433,
	lensModel: 0xa434,
	imageUniqueId: 0xa420
} as const;

const DEVICE_TAGS = new Set<number>([TAG.make, TAG.model, TAG.bodySerial, TAG.lensMake, TAG.lensModel, TAG.makerNote]);
const DATE_TAGS = new Set<number>([TAG.dateTime, TAG.dateTimeOriginal, TAG.dateTimeDigitized]);
const OTHER_TAGS = new Set<number>([TAG.artist, TAG.copyright, TAG.ownerName, TAG.imageUniqueId]);
/** GPS latitude, longitude, altitude and their references: a position. */
const GPS_POSITION_TAGS = new Set<number>([1, 2, 3, 4, 5, 6]);
/** More IFDs than any real file links; stops loops built into a hostile file. */
const MAX_IFDS = 8;

class Findings {
	readonly details = new Set<RemovedDetail>();
	orientation = 1;

	add(detail: RemovedDetail): void {
		this.details.add(detail);
	}

	result(format: ImageFormat | null): ImageMetadata {
		return {
			format,
			orientation: this.orientation,
			found: REMOVED_DETAILS.filter((detail) => this.details.has(detail))
		};
	}
}

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
	start + length <= bytes.length ? String.fromCharCode(...bytes.subarray(start, start + length)) : '';

/** Reads a TIFF structure (the body of an EXIF block) and records what it holds. */
function readTiff(tiff: Uint8Array, findings: Findings): void {
	if (tiff.length < 8) return findings.add('other');
	const order = ascii(tiff, 0, 2);
	if (order !== 'II' && order !== 'MM') return findings.add('other');
	const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
	const little = order === 'II';
	const u16 = (at: number) => view.getUint16(at, little);
	const u32 = (at: number) => view.getUint32(at, little);
	if (u16(2) !== 42) return findings.add('other');

	const visited = new Set<number>();
	const readIfd = (offset: number, kind: 'main' | 'exif' | 'gps'): void => {
		if (visited.has(offset) || visited.size >= MAX_IFDS) return;
		visited.add(offset);
		if (offset < 8 || offset + 2 > tiff.length) return findings.add('other');
		const count = u16(offset);
		if (offset + 2 + count * 12 > tiff.length) return findings.add('other');
		for (let i = 0; i < count; i++) {
			const entry = offset + 2 + i * 12;
			const tag = u16(entry);
			if (kind === 'gps') {
				if (GPS_POSITION_TAGS.has(tag)) findings.add('place');
				else if (tag !== 0) findings.add('other');
				continue;
			}
			if (tag === TAG.orientation) {
				const value = u16(entry + 8);
				if (value >= 1 && value <= 8) findings.orientation = value;
			} else if (tag === TAG.gpsIfd) readIfd(u32(entry + 8), 'gps');
			else if (tag === TAG.exifIfd) readIfd(u32(entry + 8), 'exif');
			else if (DEVICE_TAGS.has(tag)) findings.add('device');
			else if (DATE_TAGS.has(tag)) findings.add('date');
			else if (OTHER_TAGS.has(tag)) findings.add('other');
		}
		if (kind !== 'main') return;
		const next = offset + 2 + count * 12;
		// A second IFD holds a thumbnail: a small copy of the original picture, before any cropping.
		if (next + 4 <= tiff.length && u32(next) !== 0) findings.add('other');
	};
	readIfd(u32(4), 'main');
}

/** XMP is text; it may repeat EXIF's position, device and dates, or hold names. */
function readXmp(xmp: Uint8Array, findings: Findings): void {
	const text = new TextDecoder('utf-8', { fatal: false }).decode(xmp);
	if (/GPS(Latitude|Longitude)/.test(text)) findings.add('place');
	if (/(tiff:Make|tiff:Model|aux:SerialNumber|aux:Lens)/.test(text)) findings.add('device');
	if (/(DateTimeOriginal|CreateDate|DateCreated|ModifyDate)/.test(text)) findings.add('date');
	findings.add('other');
}

const EXIF_HEADER = 'Exif\0\0';
const XMP_HEADER = 'http://ns.adobe.com/xap/1.0/\0';

function readJpeg(bytes: Uint8Array, findings: Findings): void {
	let at = 2;
	while (at + 4 <= bytes.length) {
		if (bytes[at] !== 0xff) return findings.add('other');
		const marker = bytes[at + 1];
		if (marker === 0xff) {
			at += 1;
			continue;
		}
		// Start of scan or end of image: the metadata segments all come before.
		if (marker === 0xda || marker === 0xd9) return;
		const length = (bytes[at + 2] << 8) | bytes[at + 3];
		const body = bytes.subarray(at + 4, at + 2 + length);
		if (length < 2 || at + 2 + length > bytes.length) return findings.add('other');
		if (marker === 0xe1 && ascii(body, 0, EXIF_HEADER.length) === EXIF_HEADER)
			readTiff(body.subarray(EXIF_HEADER.length), findings);
		else if (marker === 0xe1 && ascii(body, 0, XMP_HEADER.length) === XMP_HEADER)
			readXmp(body.subarray(XMP_HEADER.length), findings);
		// APP1 of another kind, APP3–APP15 (IPTC captions and names live in APP13) and comments.
		else if ((marker >= 0xe1 && marker <= 0xef && marker !== 0xe2) || marker === 0xfe) findings.add('other');
		at += 2 + length;
	}
}

function readPng(bytes: Uint8Array, findings: Findings): void {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let at = 8;
	while (at + 8 <= bytes.length) {
		const length = view.getUint32(at);
		const type = ascii(bytes, at + 4, 4);
		if (at + 12 + length > bytes.length) return findings.add('other');
		const body = bytes.subarray(at + 8, at + 8 + length);
		if (type === 'eXIf') readTiff(body, findings);
		else if (type === 'tIME') findings.add('date');
		else if (type === 'iTXt' && ascii(body, 0, 17) === 'XML:com.adobe.xmp') readXmp(body, findings);
		else if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') findings.add('other');
		else if (type === 'IEND') return;
		at += 12 + length;
	}
}

function readWebp(bytes: Uint8Array, findings: Findings): void {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let at = 12;
	while (at + 8 <= bytes.length) {
		const type = ascii(bytes, at, 4);
		const length = view.getUint32(at + 4, true);
		if (at + 8 + length > bytes.length) return findings.add('other');
		const body = bytes.subarray(at + 8, at + 8 + length);
		if (type === 'EXIF') readTiff(ascii(body, 0, 6) === EXIF_HEADER ? body.subarray(6) : body, findings);
		else if (type === 'XMP ') readXmp(body, findings);
		at += 8 + length + (length % 2);
	}
}

/** The image format the bytes are, by their signature; the file name and type are not trusted. */
export function imageFormat(bytes: Uint8Array): ImageFormat | null {
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
	if (ascii(bytes, 4, 4) === 'ftyp' && /^(heic|heix|heim|heis|mif1|msf1|avif)$/.test(ascii(bytes, 8, 4))) return 'heic';
	return null;
}

/** Which identifying details the image holds, and its orientation. */
export function readImageMetadata(bytes: Uint8Array): ImageMetadata {
	const format = imageFormat(bytes);
	const findings = new Findings();
	try {
		if (format === 'jpeg') readJpeg(bytes, findings);
		else if (format === 'png') readPng(bytes, findings);
		else if (format === 'webp') readWebp(bytes, findings);
		// HEIC keeps EXIF deep in its box structure, not read here: say only that details went.
		else if (format === 'heic') findings.add('other');
	} catch {
		// A length that points past a block's end in a way the checks above did not foresee.
		findings.add('other');
	}
	return findings.result(format);
}

/** A JPEG that holds pixels and nothing that could identify where, when or on what it was taken. */
export function isCleanJpeg(bytes: Uint8Array): boolean {
	const metadata = readImageMetadata(bytes);
	return metadata.format === 'jpeg' && metadata.found.length === 0;
}
