import { build } from 'esbuild';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageMetadata } from '$lib/attach/image-metadata';
import { exifSegment, withSegment } from './exif-segment';
import { launchBrowser, type Browser } from './harness';

/**
 * The photo re-encoder in the real Chromium: a JPEG that Chromium itself drew, given an EXIF block
 * with a GPS position, a phone model and a rotation, comes back upright with none of them.
 */

type Reencoded = { found: string[]; orientation: number; width: number; height: number; bytes: number[] };

type Attach = typeof import('$lib/attach/reencode') & typeof import('$lib/attach/prepare');

const CANARY_MODEL = 'Lumenfon-canary-7731';
let browser: Browser;

beforeAll(async () => {
	const bundle = await build({
		stdin: {
			contents: "export * from './reencode'; export * from './prepare';",
			resolveDir: path.resolve('src/lib/attach'),
			loader: 'ts'
		},
		bundle: true,
		write: false,
		format: 'iife',
		globalName: 'attach',
		alias: { $lib: path.resolve('src/lib') }
	});
	browser = await launchBrowser();
	await browser.page.goto('about:blank');
	await browser.page.addScriptTag({ content: bundle.outputFiles[0].text });
});

afterAll(() => browser?.close());

/** A JPEG drawn by Chromium: the left half red, the right half blue. */
async function drawnJpeg(width: number, height: number): Promise<Uint8Array> {
	const bytes = await browser.page.evaluate(
		async ({ width, height }) => {
			const canvas = new OffscreenCanvas(width, height);
			const context = canvas.getContext('2d')!;
			context.fillStyle = '#f00';
			context.fillRect(0, 0, width / 2, height);
			context.fillStyle = '#00f';
			context.fillRect(width / 2, 0, width / 2, height);
			const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
			return [...new Uint8Array(await blob.arrayBuffer())];
		},
		{ width, height }
	);
	return new Uint8Array(bytes);
}

/** A JPEG carrying a phone model and a GPS position (51°30′N, 0°7′W), and the given orientation. */
const withExif = (jpeg: Uint8Array, orientation: number) =>
	withSegment(
		jpeg,
		exifSegment({
			model: CANARY_MODEL,
			orientation,
			latitude: { ref: 'N', degrees: 51, minutes: 30 },
			longitude: { ref: 'W', degrees: 0, minutes: 7 }
		})
	);

async function reencode(photo: Uint8Array): Promise<Reencoded> {
	return browser.page.evaluate(
		async (bytes) => {
			const { reencodeImage } = (globalThis as unknown as { attach: Attach }).attach;
			const clean = await reencodeImage(new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }));
			return { ...clean.removed, width: clean.width, height: clean.height, bytes: [...clean.bytes] };
		},
		[...photo]
	);
}

/** Red and blue at two points of a re-encoded photo, decoded again by Chromium. */
async function colourAt(bytes: number[], points: [number, number][]): Promise<string[]> {
	return browser.page.evaluate(
		async ({ bytes, points }) => {
			const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)]));
			const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
			const context = canvas.getContext('2d')!;
			context.drawImage(bitmap, 0, 0);
			return points.map(([x, y]) => {
				const [r, , b] = context.getImageData(x, y, 1, 1).data;
				return r > b ? 'red' : 'blue';
			});
		},
		{ bytes, points }
	);
}

describe('re-encoding a photo in Chromium', () => {
	it('removes the GPS position and the phone model, and says so', async () => {
		const photo = withExif(await drawnJpeg(40, 20), 1);
		expect(readImageMetadata(photo).found).toEqual(['place', 'device']);
		const clean = await reencode(photo);
		expect(clean.found).toEqual(['place', 'device']);
		const bytes = Buffer.from(clean.bytes);
		expect(bytes.includes(CANARY_MODEL)).toBe(false);
		expect(bytes.includes('Exif')).toBe(false);
		expect(readImageMetadata(new Uint8Array(clean.bytes))).toEqual({ format: 'jpeg', orientation: 1, found: [] });
	});

	it('keeps a photo upright: the rotation its EXIF asked for is in the pixels', async () => {
		// Orientation 6: the camera was turned; shown upright, the left (red) half is on top.
		const clean = await reencode(withExif(await drawnJpeg(40, 20), 6));
		expect(clean).toMatchObject({ orientation: 6, width: 20, height: 40 });
		expect(
			await colourAt(clean.bytes, [
				[10, 5],
				[10, 35]
			])
		).toEqual(['red', 'blue']);
	});

	it('scales a large photo down to 2000 px on its longer side', async () => {
		const clean = await reencode(await drawnJpeg(4000, 1000));
		expect(clean).toMatchObject({ width: 2000, height: 500, found: [] });
	});

	it('refuses bytes Chromium cannot decode as an image', async () => {
		const refused = await browser.page.evaluate(async () => {
			const { reencodeImage } = (globalThis as unknown as { attach: Attach }).attach;
			return reencodeImage(new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])])).then(
				() => 'accepted',
				(error: Error) => error.name
			);
		});
		expect(refused).toBe('ImageUnreadable');
	});
});

describe('preparing a picked file in Chromium', () => {
	type Outcome = { ok: boolean; refusal?: string; kind?: string; removed?: string[]; bytes?: number[] };

	async function prepare(picked: Uint8Array, alreadyAttached: number[] = []): Promise<Outcome> {
		return browser.page.evaluate(
			async ({ picked, alreadyAttached }) => {
				const { prepareAttachment } = (globalThis as unknown as { attach: Attach }).attach;
				const attached = alreadyAttached.map((size) => ({ bytes: new Uint8Array(size) }));
				const outcome = await prepareAttachment(new Blob([new Uint8Array(picked)]), attached);
				if (!outcome.ok) return outcome;
				const { attachment } = outcome;
				return {
					ok: true,
					kind: attachment.kind,
					removed: attachment.kind === 'image' ? attachment.removed : undefined,
					bytes: [...attachment.bytes]
				};
			},
			{ picked: [...picked], alreadyAttached }
		);
	}

	it('re-encodes a photo and lists what was removed', async () => {
		const outcome = await prepare(withExif(await drawnJpeg(40, 20), 1));
		expect(outcome).toMatchObject({ ok: true, kind: 'image', removed: ['place', 'device'] });
		expect(Buffer.from(outcome.bytes!).includes(CANARY_MODEL)).toBe(false);
	});

	it('keeps a PDF byte for byte', async () => {
		const letter = new TextEncoder().encode('%PDF-1.4\n% a fictional payslip\n%%EOF\n');
		const outcome = await prepare(letter);
		expect(outcome).toMatchObject({ ok: true, kind: 'document' });
		expect(outcome.bytes).toEqual([...letter]);
	});

	it('refuses a fifth file, a file of no known kind, an undecodable photo and a document past the total', async () => {
		const photo = await drawnJpeg(40, 20);
		expect(await prepare(photo, [10, 10, 10, 10])).toEqual({ ok: false, refusal: 'too_many' });
		expect(await prepare(new TextEncoder().encode('<svg/>'))).toEqual({ ok: false, refusal: 'unsupported' });
		expect(await prepare(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1]))).toEqual({ ok: false, refusal: 'unreadable' });
		const letter = new TextEncoder().encode('%PDF-1.4\n');
		// A refusal names the kind when it is known, so "too large" can say which limit applies.
		expect(await prepare(letter, [8 * 1024 * 1024, 8 * 1024 * 1024])).toEqual({
			ok: false,
			refusal: 'total_too_large',
			kind: 'document'
		});
	});
});
