/**
 * A photo's EXIF block as a phone writes it (an APP1 segment, big-endian TIFF): the phone model,
 * optionally an orientation, and a GPS position. The attach tests put it into a JPEG and check
 * that none of it leaves the survivor's browser.
 */
export type ExifFixture = {
	model: string;
	/** EXIF orientation 1–8; left out when not given. */
	orientation?: number;
	latitude: { ref: 'N' | 'S'; degrees: number; minutes: number };
	longitude: { ref: 'E' | 'W'; degrees: number; minutes: number };
};

/** Where the GPS directory and its rationals sit inside the segment. */
const GPS_START = 10 + 140;
const GPS_END = 10 + 248;

export function exifSegment({ model, orientation, latitude, longitude }: ExifFixture): Uint8Array {
	const tiff = new Uint8Array(256);
	const view = new DataView(tiff.buffer);
	tiff.set([0x4d, 0x4d]);
	view.setUint16(2, 42);
	view.setUint32(4, 8);
	const entries: [number, number, number, number][] = [
		[0x0110, 2, model.length + 1, 100],
		...(orientation === undefined ? [] : [[0x0112, 3, 1, orientation << 16] as [number, number, number, number]]),
		[0x8825, 4, 1, 140]
	];
	writeDirectory(view, 8, entries);
	tiff.set(new TextEncoder().encode(model), 100);
	writeDirectory(view, 140, [
		[1, 2, 2, latitude.ref.charCodeAt(0) << 24],
		[2, 5, 3, 200],
		[3, 2, 2, longitude.ref.charCodeAt(0) << 24],
		[4, 5, 3, 224]
	]);
	[latitude.degrees, 1, latitude.minutes, 1, 0, 1].forEach((n, i) => view.setUint32(200 + i * 4, n));
	[longitude.degrees, 1, longitude.minutes, 1, 0, 1].forEach((n, i) => view.setUint32(224 + i * 4, n));
	const body = new Uint8Array([...new TextEncoder().encode('Exif\0\0'), ...tiff]);
	return new Uint8Array([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
}

/** The GPS block of a segment: its directory and its rationals, as they sit in the file. */
export const gpsBytes = (segment: Uint8Array) => Buffer.from(segment.subarray(GPS_START, GPS_END));

/** A JPEG with the segment placed right after its start marker, where phones write it. */
export const withSegment = (jpeg: Uint8Array, segment: Uint8Array) =>
	new Uint8Array([...jpeg.subarray(0, 2), ...segment, ...jpeg.subarray(2)]);

function writeDirectory(view: DataView, offset: number, entries: [number, number, number, number][]): void {
	view.setUint16(offset, entries.length);
	entries.forEach(([tag, type, count, value], i) => {
		view.setUint16(offset + 2 + i * 12, tag);
		view.setUint16(offset + 4 + i * 12, type);
		view.setUint32(offset + 6 + i * 12, count);
		view.setUint32(offset + 10 + i * 12, value);
	});
}
