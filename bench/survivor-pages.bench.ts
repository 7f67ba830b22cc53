import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { bytesOnTheWire } from './wire';
import type { BrowserContext, Request } from 'playwright-core';
import { launchBrowser, type BrowserOptions, type RunningPortal } from '../tests/e2e/harness';
import { startPortalWithChannel } from '../tests/e2e/staff-flows';
import { tellTestimony } from '../tests/e2e/survivor-flows';

/** Slow 3G as the survivor budget defines it: 400 ms latency, 50 KB/s. */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 };

let portal: RunningPortal;
const rows: [string, string][] = [];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

beforeAll(async () => {
	portal = await startPortalWithChannel();
});

afterAll(async () => {
	await portal?.stop();
	console.log('\nSurvivor pages, measured in one run:');
	for (const [name, value] of rows) console.log(`  ${name.padEnd(58)} ${value}`);
});

type Transfer = { url: string; bytes: number; headerBytes: number };

/**
 * Every URL the browser (page and worker) requested during `visit`, with the size the server
 * sends for it to a browser that accepts brotli and gzip: the bytes on the wire.
 */
async function recordTransfers(context: BrowserContext, visit: () => Promise<unknown>): Promise<Transfer[]> {
	const requests = new Map<string, Request>();
	const onRequest = (request: Request) => {
		if (request.url().startsWith(portal.origin)) requests.set(request.url(), request);
	};
	context.on('request', onRequest);
	await visit();
	context.off('request', onRequest);
	const transfers = await Promise.all(
		[...requests].map(async ([url, request]) => ({
			url,
			bytes: await bytesOnTheWire(url),
			// As the browser received them (a request still open counts as none).
			headerBytes: await request.sizes().then(
				(sizes) => sizes.responseHeadersSize,
				() => 0
			)
		}))
	);
	if (process.env.BENCH_VERBOSE) for (const t of transfers) console.log(t.bytes, t.url);
	return transfers;
}

const sum = (transfers: Transfer[]) => transfers.reduce((total, t) => total + t.bytes, 0);
const isWorker = (t: Transfer) => t.url.includes('/_app/immutable/workers/');

const locales: string[] = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')).locales;
const FIRST_PAGE_BUDGET = { bytes: 10 * 1024, requests: 4 };
const TELL_FLOW_BUDGET = 45 * 1024;
const withinBudget = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');

it('measures the first page in every locale, each in a fresh browser', async () => {
	const over: string[] = [];
	let largest = { locale: '', bytes: 0, requests: 0 };
	for (const locale of locales) {
		const { page, context, close } = await launchBrowser({ locale });
		try {
			const first = await recordTransfers(context, async () => {
				await page.goto(`${portal.origin}${locale === 'en' ? '/' : `/${locale}`}`, { waitUntil: 'networkidle' });
			});
			const bytes = sum(first);
			if (bytes > largest.bytes) largest = { locale, bytes, requests: first.length };
			if (bytes > FIRST_PAGE_BUDGET.bytes || first.length > FIRST_PAGE_BUDGET.requests) {
				over.push(`${locale} ${kb(bytes)} in ${first.length}`);
			}
			if (locale === 'en' || locale === 'ar' || locale === 'ti') {
				const headers = first.reduce((total, t) => total + t.headerBytes, 0);
				rows.push([
					`First page (${locale}): bodies (brotli), requests, response headers`,
					`${kb(bytes)} in ${first.length}, headers ${kb(headers)}`
				]);
			}
			if (first.some(isWorker)) over.push(`${locale} loads the crypto worker`);
			if (first.some((t) => t.url.endsWith('.js'))) over.push(`${locale} loads a script file`);
		} finally {
			await close();
		}
	}
	rows.push([
		`First page, largest of ${locales.length} locales (${largest.locale})`,
		`${kb(largest.bytes)} in ${largest.requests} (budget ≤ ${kb(FIRST_PAGE_BUDGET.bytes)} in ≤ ${FIRST_PAGE_BUDGET.requests}): ${withinBudget(over.length === 0)}`
	]);
	for (const problem of over) rows.push(['  over budget', problem]);
});

it('measures the testimony flow: its code while the consent shows, then the worker', async () => {
	const { page, context, close } = await launchBrowser({ locale: 'ar' });
	try {
		const safety = await recordTransfers(context, async () => {
			await page.goto(`${portal.origin}/ar/tell`, { waitUntil: 'networkidle' });
		});
		rows.push(['Safety page (/ar/tell): bodies, requests', `${kb(sum(safety))} in ${safety.length}`]);
		const flow = await recordTransfers(context, async () => {
			await page.locator('main .actions a').click();
			await page.locator('html[data-ready]').waitFor();
			await page.waitForTimeout(3000);
		});
		const beforeWorker = sum(flow.filter((t) => !isWorker(t)));
		rows.push([
			'Testimony (/ar/tell/steps): everything before the worker',
			`${kb(beforeWorker)} in ${flow.filter((t) => !isWorker(t)).length} (budget ≤ ${kb(TELL_FLOW_BUDGET)}): ${withinBudget(beforeWorker <= TELL_FLOW_BUDGET)}`
		]);
		rows.push(['Crypto worker, fetched once the consent has painted', kb(sum(flow.filter(isWorker)))]);
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

/** Pages whose own code must arrive before a survivor can go on: their time to ready counts too. */
const PAGES_WITH_CODE = ['/ar/tell/steps', '/check'];

it('measures first contentful paint on slow 3G, and when the pages with code are ready', async () => {
	for (const pathName of ['/', '/ar/tell', ...PAGES_WITH_CODE]) {
		const { page, context, close } = await launchBrowser();
		try {
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.enable');
			await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
			// Not waiting for the load event: the ready mark below is looked for from the first byte.
			await page.goto(portal.origin + pathName, { waitUntil: 'commit', timeout: 120_000 });
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
			if (PAGES_WITH_CODE.includes(pathName)) {
				// Checked on every frame: when the page's code marks it ready (src/lib/client/survivor-page.ts).
				const ready = await page.waitForFunction(
					() => document.documentElement.dataset.ready === 'true' && performance.now(),
					undefined,
					{ polling: 'raf', timeout: 120_000 }
				);
				const readyAt = (await ready.jsonValue()) as number;
				rows.push([`Ready to use on slow 3G (${pathName})`, `${Math.round(readyAt)} ms`]);
			}
		} finally {
			await close();
		}
	}
});

/** Send pressed at once: with JIT the receipt's Argon2id and the proof of work are long done. */
async function sendToReceipt(options: BrowserOptions): Promise<number> {
	const { page, close } = await launchBrowser(options);
	try {
		let sentAt = 0;
		let elapsed = 0;
		await tellTestimony(page, `${portal.origin}/tell`, {
			answers: ['A fictional answer about waiting months for a housing appointment.', null, null],
			receiptTimeout: 280_000,
			onScreen: async (_, screen) => {
				if (screen === 'review') sentAt = performance.now();
				if (screen === 'receipt') elapsed = performance.now() - sentAt;
			}
		});
		return elapsed;
	} finally {
		await close();
	}
}

it('measures the time from Send to the receipt', async () => {
	rows.push(['Send → receipt shown (seal, receipt Argon2id, upload)', `${Math.round(await sendToReceipt({}))} ms`]);
});

const survivorWorkerFile = () =>
	fs
		.readdirSync(path.join('build', 'client', '_app', 'immutable', 'workers'))
		.find((name) => name.startsWith('survivor.worker') && name.endsWith('.js'));

/** Bytes of a voice note of `seconds` at Chromium's default Opus rate, 128 kbit/s. */
const opusBytes = (seconds: number) => (seconds * 128_000) / 8;

type WorkerTimings = { receipt: number[]; seal: number[]; proof: number[] };

/**
 * The survivor worker's three slow steps, three times each: the receipt's Argon2id (as the
 * check page derives it), sealing a voice note of `voiceSeconds`, and a proof of work at the
 * default difficulty (challenge fetched as the page does).
 */
async function survivorWorkerTimings(options: BrowserOptions, voiceSeconds = 60): Promise<WorkerTimings> {
	const { page, close } = await launchBrowser(options);
	try {
		await page.goto(`${portal.origin}/tell`);
		return await page.evaluate(
			async ({ url, bytes, seconds }) => {
				const worker = new Worker(url, { type: 'module' });
				const call = (id: number, op: string, argument: unknown, transfer: Transferable[] = []) =>
					new Promise<unknown>((resolve, reject) => {
						worker.onmessage = (event) =>
							event.data.ok ? resolve(event.data.result) : reject(new Error(event.data.error.message));
						worker.postMessage({ id, op, argument }, { transfer });
					});
				const base64url = (data: Uint8Array) =>
					btoa(String.fromCharCode(...data))
						.replace(/\+/g, '-')
						.replace(/\//g, '_')
						.replace(/=+$/, '');
				const timed = async (run: () => Promise<unknown>) => {
					const started = performance.now();
					await run();
					return performance.now() - started;
				};
				let id = 0;
				await call(id++, 'survivor.forget', {});
				const timings: WorkerTimings = { receipt: [], seal: [], proof: [] };
				for (let run = 0; run < 3; run++) {
					const deploymentSalt = base64url(crypto.getRandomValues(new Uint8Array(16)));
					timings.receipt.push(
						await timed(() => call(id++, 'survivor.openReceipt', { receipt: '1234567890123456', deploymentSalt }))
					);
					const audio = new Uint8Array(bytes);
					for (let offset = 0; offset < bytes; offset += 65_536) {
						crypto.getRandomValues(audio.subarray(offset, Math.min(bytes, offset + 65_536)));
					}
					timings.seal.push(
						await timed(() =>
							call(id++, 'survivor.sealVoice', { audio: audio.buffer, mimeType: 'audio/webm', seconds }, [audio.buffer])
						)
					);
					timings.proof.push(
						await timed(async () => {
							const response = await fetch('/api/proofs', {
								method: 'POST',
								headers: { 'content-type': 'application/json' },
								body: JSON.stringify({
									purpose: 'submission',
									subject: base64url(crypto.getRandomValues(new Uint8Array(16)))
								})
							});
							await call(id++, 'proof.mint', { challenge: await response.json() });
						})
					);
				}
				worker.terminate();
				return timings;
			},
			{
				url: `${portal.origin}/_app/immutable/workers/${survivorWorkerFile()}`,
				bytes: opusBytes(voiceSeconds),
				seconds: voiceSeconds
			}
		);
	} finally {
		await close();
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

it(
	'measures the receipt, sealing and the proof of work without JIT or WebAssembly (Tor Browser at Safer)',
	{ timeout: 900_000 },
	async () => {
		const withJit = await survivorWorkerTimings({});
		const jitless = await survivorWorkerTimings({ jitless: true });
		const compare = (jit: number, without: number) =>
			`${Math.round(jit)} ms / ${Math.round(without)} ms (×${Math.round(without / jit)})`;
		const label = (what: string) => `${what}, JIT / jitless, median of 3`;
		rows.push([label('Receipt Argon2id in the worker'), compare(median(withJit.receipt), median(jitless.receipt))]);
		rows.push([
			label(`Seal a 1-minute voice note (${kb(opusBytes(60))})`),
			compare(median(withJit.seal), median(jitless.seal))
		]);
		rows.push([label('Proof of work, default difficulty'), compare(median(withJit.proof), median(jitless.proof))]);
		const sendWithJit = await sendToReceipt({});
		const sendJitless = await sendToReceipt({ jitless: true });
		rows.push(['Send at once → receipt shown, JIT / jitless', compare(sendWithJit, sendJitless)]);
	}
);

it('measures sealing a three-minute voice note in the crypto worker', async () => {
	// 3 minutes of Opus at Chromium's default 128 kbit/s is about 2.9 MB.
	const { seal } = await survivorWorkerTimings({}, 180);
	rows.push([
		`Seal a 3-minute voice note (${kb(opusBytes(180))}) in the worker, median of 3`,
		`${Math.round(median(seal))} ms`
	]);
});
