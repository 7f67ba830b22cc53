// Writes the /favicon.ico icon from the same drawing as static/favicon.svg (a blue disc with two
// white lines), for browsers that ask for /favicon.ico whatever the page links to. The ICO holds
// one 32×32 PNG; each pixel is averaged over 4×4 samples so the edges are smooth. It is kept as
// base64 in src/routes/favicon.ico/icon.ts: the static file server knows no type for .ico, and
// an icon without its type is refused under `X-Content-Type-Options: nosniff`.
import fs from 'node:fs';
import { PNG } from 'pngjs';

const SIZE = 32;
const SAMPLES = 4;
const BLUE = [0x1d, 0x4e, 0xd8];
const WHITE = [0xff, 0xff, 0xff];

/** Distance from (x, y) to the segment from (x1, y) to (x2, y). */
const toLine = (x, y, x1, x2, lineY) => Math.hypot(x - Math.min(Math.max(x, x1), x2), y - lineY);

/** The colour and coverage at one sample point, following the SVG's shapes in order. */
function sample(x, y) {
	if (Math.hypot(x - 16, y - 16) > 14) return null;
	const onLine = toLine(x, y, 10, 22, 13) <= 1.5 || toLine(x, y, 10, 18, 19) <= 1.5;
	return onLine ? WHITE : BLUE;
}

const png = new PNG({ width: SIZE, height: SIZE });
for (let py = 0; py < SIZE; py++) {
	for (let px = 0; px < SIZE; px++) {
		const sum = [0, 0, 0];
		let covered = 0;
		for (let sy = 0; sy < SAMPLES; sy++) {
			for (let sx = 0; sx < SAMPLES; sx++) {
				const colour = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
				if (!colour) continue;
				covered++;
				for (let c = 0; c < 3; c++) sum[c] += colour[c];
			}
		}
		const at = (py * SIZE + px) * 4;
		for (let c = 0; c < 3; c++) png.data[at + c] = covered ? Math.round(sum[c] / covered) : 0;
		png.data[at + 3] = Math.round((255 * covered) / SAMPLES ** 2);
	}
}
const image = PNG.sync.write(png);

// ICONDIR (6 bytes) and one ICONDIRENTRY (16 bytes), then the PNG itself.
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(1, 4);
header.writeUInt8(SIZE, 6);
header.writeUInt8(SIZE, 7);
header.writeUInt16LE(1, 10);
header.writeUInt16LE(32, 12);
header.writeUInt32LE(image.length, 14);
header.writeUInt32LE(22, 18);
const base64 = Buffer.concat([header, image]).toString('base64');
const source = `// Made by scripts/make-favicon.js: the same drawing as static/favicon.svg, as a 32×32 ICO.
export const FAVICON_ICO = '${base64}';
`;
fs.writeFileSync(new URL('../src/routes/favicon.ico/icon.ts', import.meta.url), source);
