import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import type { BrowserContext, Request } from 'playwright-core';
import { launchBrowser, startPortal, type RunningPortal } from '../tests/e2e/harness';
import { completeSetup } from '../tests/e2e/staff-flows';
import { tellTestimony } from '../tests/e2e/survivor-flows';

/** Slow 3G as the survivor budget defines it: 400 ms latency, 50 KB/s. */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 };

let portal: RunningPortal;
const rows: [string, string][] = [];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

beforeAll(async () => {
	portal = await startPortal();
	const admin = await launchBrowser();
	await completeSetup(admin.page, portal.setupLink!);
	await admin.close();
});

afterAll(async () => {
	await portal?.stop();
	console.log('\nSurvivor pages, measured in one run:');
	for (const [name, value] of rows) console.log(`  ${name.padEnd(58)} ${value}`);
});

type Transfer = { url: string; bytes: number };

/**
 * Every URL the browser (page and worker) requested during `visit`, with the size the server
 * sends for it to a browser that accepts brotli and gzip: the bytes on the wire.
 */
async function recordTransfers(context: BrowserContext, visit: () => Promise<unknown>): Promise<Transfer[]> {
	const urls = new Set<string>();
	const onRequest = (request: Request) => {
		if (request.url().startsWith(portal.origin)) urls.add(request.url());
	};
	context.on('request', onRequest);
	await visit();
	context.off('request', onRequest);
	const transfers = await Promise.all([...urls].map(async (url) => ({ url, bytes: await bytesOnTheWire(url) })));
	if (process.env.BENCH_VERBOSE) for (const t of transfers) console.log(t.bytes, t.url);
	return transfers;
}

/** Body bytes as sent, without decompressing them (fetch would undo the compression). */
function bytesOnTheWire(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (response) => {
				let bytes = 0;
				response.on('data', (chunk: Buffer) => (bytes += chunk.length));
				response.on('end', () => resolve(bytes));
			})
			.on('error', reject);
	});
}

const sum = (transfers: Transfer[]) => transfers.reduce((total, t) => total + t.bytes, 0);
const isWorker = (t: Transfer) => t.url.includes('/_app/immutable/workers/');

it('measures what the first page and the question page load', async () => {
	const { page, context, close } = await launchBrowser({ locale: 'ar' });
	try {
		const first = await recordTransfers(context, async () => {
			await page.goto(`${portal.origin}/`, { waitUntil: 'networkidle' });
		});
		rows.push(['First page (/): HTML, CSS, JS, icon as served (brotli)', kb(sum(first))]);
		rows.push(['First page (/): requests', String(first.length)]);
		rows.push(['First page (/): crypto worker among them', first.some(isWorker) ? 'yes' : 'no']);

		const tell = await recordTransfers(context, async () => {
			await page.goto(`${portal.origin}/ar/tell`, { waitUntil: 'load' });
			await page.waitForTimeout(3000);
		});
		rows.push([
			'Question page (/ar/tell): all its files, before the worker',
			kb(sum(tell.filter((t) => !isWorker(t))))
		]);
		rows.push(['Crypto worker, fetched after first paint', kb(sum(tell.filter(isWorker)))]);
	} finally {
		await close();
	}

	const workers = path.join('build', 'client', '_app', 'immutable', 'workers');
	for (const file of fs.readdirSync(workers).filter((name) => name.endsWith('.js'))) {
		const raw = fs.statSync(path.join(workers, file)).size;
		const gz = fs.statSync(path.join(workers, `${file}.gz`)).size;
		const br = fs.statSync(path.join(workers, `${file}.br`)).size;
		rows.push([`Crypto worker file ${file}: raw / gzip / brotli`, `${kb(raw)} / ${kb(gz)} / ${kb(br)}`]);
	}
});

it('measures first contentful paint on slow 3G', async () => {
	for (const pathName of ['/', '/ar/tell']) {
		const { page, context, close } = await launchBrowser();
		try {
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.enable');
			await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
			await page.goto(portal.origin + pathName, { waitUntil: 'load', timeout: 120_000 });
			const fcp = await page.evaluate(
				() =>
					new Promise<number>((resolve) => {
						new PerformanceObserver((list) => {
							const entry = list.getEntriesByName('first-contentful-paint')[0];
							if (entry) resolve(entry.startTime);
						}).observe({ type: 'paint', buffered: true });
					})
			);
			rows.push([`First contentful paint on slow 3G (${pathName})`, `${Math.round(fcp)} ms`]);
		} finally {
			await close();
		}
	}
});

it('measures the time from Send to the receipt', async () => {
	const { page, close } = await launchBrowser();
	try {
		let sentAt = 0;
		await tellTestimony(page, `${portal.origin}/tell`, {
			answers: ['A fictional answer about waiting months for a housing appointment.', null, null],
			onScreen: async (_, screen) => {
				if (screen === 'review') sentAt = performance.now();
				if (screen === 'receipt')
					rows.push([
						'Send → receipt shown (seal, receipt Argon2id, upload)',
						`${Math.round(performance.now() - sentAt)} ms`
					]);
			}
		});
	} finally {
		await close();
	}
});

it('measures sealing a three-minute voice note in the crypto worker', async () => {
	const { page, close } = await launchBrowser();
	try {
		await page.goto(`${portal.origin}/tell`);
		const workerFile = fs
			.readdirSync(path.join('build', 'client', '_app', 'immutable', 'workers'))
			.find((name) => name.startsWith('survivor.worker') && name.endsWith('.js'));
		// 3 minutes of Opus at Chromium's default 128 kbit/s is about 2.9 MB.
		const bytes = Math.round((180 * 128_000) / 8);
		const timings = await page.evaluate(
			async ({ url, bytes }) => {
				const worker = new Worker(url, { type: 'module' });
				const call = (id: number, op: string, argument: unknown, transfer: Transferable[] = []) =>
					new Promise<unknown>((resolve, reject) => {
						worker.onmessage = (event) =>
							event.data.ok ? resolve(event.data.result) : reject(new Error(event.data.error.message));
						worker.postMessage({ id, op, argument }, { transfer });
					});
				await call(1, 'survivor.forget', {});
				const results: number[] = [];
				for (let run = 0; run < 3; run++) {
					const audio = new Uint8Array(bytes);
					for (let offset = 0; offset < bytes; offset += 65_536) {
						crypto.getRandomValues(audio.subarray(offset, Math.min(bytes, offset + 65_536)));
					}
					const started = performance.now();
					await call(2 + run, 'survivor.sealVoice', { audio: audio.buffer, mimeType: 'audio/webm', seconds: 180 }, [
						audio.buffer
					]);
					results.push(performance.now() - started);
				}
				worker.terminate();
				return results;
			},
			{ url: `${portal.origin}/_app/immutable/workers/${workerFile}`, bytes }
		);
		const median = [...timings].sort((a, b) => a - b)[1];
		rows.push([`Seal a 3-minute voice note (${kb(bytes)}) in the worker, median of 3`, `${Math.round(median)} ms`]);
	} finally {
		await close();
	}
});
