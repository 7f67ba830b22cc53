import { describe, expect, it } from 'vitest';
import { imageFormat, readImageMetadata } from './image-metadata';

type Entry = { tag: number; type: number; count: number; value: number[] | string };

/** A TIFF (EXIF body) with IFD0 and optional EXIF and GPS IFDs, laid out in one pass. */
function tiff(
	ifd0: Entry[],
	options: { exif?: Entry[]; gps?: Entry[]; little?: boolean; thumbnailIfd?: boolean } = {}
): Uint8Array {
	const little = options.little ?? true;
	const bytes = new Uint8Array(1024);
	const view = new DataView(bytes.buffer);
	bytes.set(little ? [0x49, 0x49] : [0x4d, 0x4d]);
	view.setUint16(2, 42, little);
	view.setUint32(4, 8, little);
	let extra = 600;
	const writeIfd = (offset: number, entries: Entry[], next = 0): number => {
		view.setUint16(offset, entries.length, little);
		entries.forEach((entry, i) => {
			const at = offset + 2 + i * 12;
			view.setUint16(at, entry.tag, little);
			view.setUint16(at + 2, entry.type, little);
			view.setUint32(at + 4, entry.count, little);
			if (typeof entry.value === 'string') {
				bytes.set(new TextEncoder().encode(entry.value + '\0'), extra);
				view.setUint32(at + 8, extra, little);
				extra += entry.value.length + 1;
			} else if (entry.type === 3) view.setUint16(at + 8, entry.value[0], little);
			else view.setUint32(at + 8, entry.value[0], little);
		});
		view.setUint32(offset + 2 + entries.length * 12, next, little);
		return offset + 2 + entries.length * 12 + 4;
	};
	const entries = [...ifd0];
	if (options.exif) entries.push({ tag: 0x8769, type: 4, count: 1, value: [200] });
	if (options.gps) entries.push({ tag: 0x8825, type: 4, count: 1, value: [400] });
	writeIfd(8, entries, options.thumbnailIfd ? 500 : 0);
	if (options.exif) writeIfd(200, options.exif);
	if (options.gps) writeIfd(400, options.gps);
	if (options.thumbnailIfd) writeIfd(500, [{ tag: 0x0103, type: 3, count: 1, value: [6] }]);
	return bytes;
}

function segment(marker: number, body: Uint8Array): Uint8Array {
	const out = new Uint8Array(4 + body.length);
	out.set([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
	out.set(body, 4);
	return out;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
};

const text = (value: string) => new TextEncoder().encode(value);
const SOI = new Uint8Array([0xff, 0xd8]);
const SCAN = new Uint8Array([0xff, 0xda, 0x00, 0x02, 0x12, 0x34, 0xff, 0xd9]);
const jfif = segment(0xe0, text('JFIF\0\x01\x01\0\0\x01\0\x01\0\0'));
const exifSegment = (body: Uint8Array) => segment(0xe1, concat(text('Exif\0\0'), body));

const GPS = [
	{ tag: 1, type: 2, count: 2, value: 'N' },
	{ tag: 2, type: 5, count: 3, value: [0] },
	{ tag: 3, type: 2, count: 2, value: 'E' },
	{ tag: 4, type: 5, count: 3, value: [0] }
];

describe('readImageMetadata', () => {
	it('finds the place, the phone model and the date in a JPEG with EXIF and GPS', () => {
		const photo = concat(
			SOI,
			jfif,
			exifSegment(
				tiff(
					[
						{ tag: 0x010f, type: 2, count: 9, value: 'Lumenfon' },
						{ tag: 0x0110, type: 2, count: 6, value: 'LX-40' },
						{ tag: 0x0112, type: 3, count: 1, value: [6] }
					],
					{ exif: [{ tag: 0x9003, type: 2, count: 20, value: '2026:03:14 09:26:53' }], gps: GPS }
				)
			),
			SCAN
		);
		expect(readImageMetadata(photo)).toEqual({
			format: 'jpeg',
			orientation: 6,
			found: ['place', 'device', 'date']
		});
	});

	it('reads big-endian EXIF the same as little-endian', () => {
		const photo = concat(
			SOI,
			exifSegment(tiff([{ tag: 0x0112, type: 3, count: 1, value: [8] }], { gps: GPS, little: false })),
			SCAN
		);
		expect(readImageMetadata(photo)).toMatchObject({ orientation: 8, found: ['place'] });
	});

	it('finds nothing in a JPEG that holds only pixels, as a canvas writes it', () => {
		expect(readImageMetadata(concat(SOI, jfif, SCAN))).toEqual({ format: 'jpeg', orientation: 1, found: [] });
	});

	it('counts a thumbnail, an XMP block and a comment as other hidden details', () => {
		expect(readImageMetadata(concat(SOI, exifSegment(tiff([], { thumbnailIfd: true })), SCAN)).found).toEqual([
			'other'
		]);
		const xmp = segment(
			0xe1,
			text('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>51,30N</exif:GPSLatitude></x:xmpmeta>')
		);
		expect(readImageMetadata(concat(SOI, xmp, SCAN)).found).toEqual(['place', 'other']);
		expect(readImageMetadata(concat(SOI, segment(0xfe, text('for Ama')), SCAN)).found).toEqual(['other']);
	});

	it('does not stop at data after the scan that looks like a segment', () => {
		const trailing = concat(SOI, jfif, SCAN, exifSegment(tiff([], { gps: GPS })));
		expect(readImageMetadata(trailing).found).toEqual([]);
	});

	it('reports a broken or looping EXIF block as other details instead of throwing', () => {
		const truncated = concat(SOI, exifSegment(tiff([], { gps: GPS }).subarray(0, 30)), SCAN);
		expect(readImageMetadata(truncated).found).toContain('other');
		const looping = tiff([{ tag: 0x8769, type: 4, count: 1, value: [8] }]);
		expect(() => readImageMetadata(concat(SOI, exifSegment(looping), SCAN))).not.toThrow();
		const lyingLength = concat(SOI, new Uint8Array([0xff, 0xe1, 0xff, 0xff, 0x45]));
		expect(readImageMetadata(lyingLength).found).toEqual(['other']);
	});

	it('ignores an orientation outside 1 to 8', () => {
		const photo = concat(SOI, exifSegment(tiff([{ tag: 0x0112, type: 3, count: 1, value: [44] }])), SCAN);
		expect(readImageMetadata(photo).orientation).toBe(1);
	});

	it('reads EXIF, text and time chunks of a PNG', () => {
		const chunk = (type: string, body: Uint8Array) => {
			const out = new Uint8Array(12 + body.length);
			new DataView(out.buffer).setUint32(0, body.length);
			out.set(text(type), 4);
			out.set(body, 8);
			return out;
		};
		const png = concat(
			new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', new Uint8Array(13)),
			chunk('eXIf', tiff([], { gps: GPS })),
			chunk('tIME', new Uint8Array(7)),
			chunk('tEXt', text('Author\0Kofi')),
			chunk('IEND', new Uint8Array())
		);
		expect(readImageMetadata(png)).toMatchObject({ format: 'png', found: ['place', 'date', 'other'] });
	});

	it('reads the EXIF chunk of a WebP', () => {
		const body = tiff([{ tag: 0x0110, type: 2, count: 6, value: 'LX-40' }]);
		const header = new Uint8Array(8);
		header.set(text('EXIF'));
		new DataView(header.buffer).setUint32(4, body.length, true);
		const webp = concat(text('RIFF\0\0\0\0WEBP'), header, body);
		expect(readImageMetadata(webp)).toMatchObject({ format: 'webp', found: ['device'] });
	});
});

describe('imageFormat', () => {
	it('tells formats by their first bytes and refuses anything else', () => {
		expect(imageFormat(concat(SOI, new Uint8Array([0xff])))).toBe('jpeg');
		expect(imageFormat(text('\0\0\0\x18ftypheic'))).toBe('heic');
		expect(imageFormat(text('%PDF-1.7'))).toBeNull();
		expect(imageFormat(text('<svg'))).toBeNull();
		expect(imageFormat(new Uint8Array())).toBeNull();
	});
});
