import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import { solveChallenge } from 'altcha-lib';
import { deriveKey as nativeSha256 } from 'altcha-lib/algorithms/sha';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { mintProof } from '$lib/crypto/proof-mint';
import { setUpTestDeployment, useTemporaryDatabase } from '$lib/server/testing';
import { launchBrowser, startPortal, type RunningPortal } from '../tests/e2e/harness';

/**
 * The proof of work on anonymous writes: what it costs the server (same run, same SQLite file,
 * with and without the check), what it costs one attacking CPU core, and how long a mid-range
 * phone (Chromium, CPU throttled ×4) needs to mint one in the crypto worker. Printed, never
 * asserted; the phone budget is 2 s.
 */
useTemporaryDatabase();

const { acceptSubmission } = await import('$lib/server/intake/submissions');
const { checkProof, issueChallenge, spendProof } = await import('$lib/server/intake/proof-of-work');
const { DEFAULT_POW_DIFFICULTY } = await import('$lib/server/settings/settings');
const { writeSetting } = await import('$lib/server/settings/store');

const PHONE_BUDGET_MS = 2000;
const rows: [string, string][] = [];
let portal: RunningPortal;
/** Testimonies per second the server accepts with no proof check: what one client could send before. */
let unpaidRate = 0;

beforeAll(async () => {
	portal = await startPortal();
});

afterAll(async () => {
	await portal?.stop();
	console.log(
		`\nProof of work, measured in one run (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores):`
	);
	for (const [name, value] of rows) console.log(`  ${name.padEnd(72)} ${value}`);
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p90 = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.9) - 1)];
const perSecond = (count: number, ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en')}/s`;

it('measures the server accepting testimonies with and without the proof check', async () => {
	const { channelId } = setUpTestDeployment();
	const upload = () => ({
		id: randomBytes(16).toString('base64url'),
		channelId,
		channelKeyVersion: 1,
		formatVersion: 1,
		nonce: randomBytes(24),
		ciphertext: randomBytes(1040),
		sealedDataKey: randomBytes(80),
		receiptLookupToken: randomBytes(32),
		replyPublicKey: randomBytes(32)
	});
	const rounds = 5;
	const perRound = 100;
	const count = rounds * perRound;

	// Checking costs the server the same at any difficulty (two HMACs and one insert), so the
	// proofs for this part are minted at the lowest level to keep the run short.
	writeSetting('pow_difficulty', '1000');
	const paid = await Promise.all(
		Array.from({ length: count }, async () => {
			const item = upload();
			const proof = await mintProof(await issueChallenge({ purpose: 'submission', subject: item.id }));
			return {
				item,
				request: new Request('http://localhost/api/submissions', { method: 'POST', headers: { [PROOF_HEADER]: proof } })
			};
		})
	);
	const plain = Array.from({ length: count }, upload);
	// Alternating rounds, so a busy neighbour on the machine weighs on both sides alike.
	let withoutMs = 0;
	let withMs = 0;
	for (let round = 0; round < rounds; round++) {
		let started = performance.now();
		for (const item of plain.slice(round * perRound, (round + 1) * perRound)) acceptSubmission(item);
		withoutMs += performance.now() - started;
		started = performance.now();
		for (const { item, request } of paid.slice(round * perRound, (round + 1) * perRound)) {
			spendProof(await checkProof(request, 'submission'), item.id);
			acceptSubmission(item);
		}
		withMs += performance.now() - started;
	}
	writeSetting('pow_difficulty', String(DEFAULT_POW_DIFFICULTY));

	unpaidRate = (count / withoutMs) * 1000;
	rows.push([
		`Server: testimonies accepted without the proof check (${count}, one SQLite file)`,
		perSecond(count, withoutMs)
	]);
	rows.push([`Server: testimonies accepted with proof check + spend (${count}, same file)`, perSecond(count, withMs)]);
	rows.push([
		'Server: cost of checking and spending one proof',
		`${(((withMs - withoutMs) / count) * 1000).toFixed(0)} µs`
	]);
});

it('measures what one attacking CPU core can send at the default difficulty', async () => {
	// An attacker scripting altcha-lib in Node would use its native SHA-256, not the browser's code.
	const times: number[] = [];
	for (let run = 0; run < 15; run++) {
		const challenge = await issueChallenge({ purpose: 'submission', subject: randomBytes(16).toString('base64url') });
		const started = performance.now();
		await solveChallenge({ challenge, deriveKey: nativeSha256 });
		times.push(performance.now() - started);
	}
	rows.push([
		`Mint at the default difficulty (${DEFAULT_POW_DIFFICULTY.toLocaleString('en')}), Node native SHA-256, one core: median / p90`,
		`${Math.round(median(times))} / ${Math.round(p90(times))} ms`
	]);
	rows.push([
		"One client without the proof: testimonies per minute (the server's rate above)",
		Math.round(unpaidRate * 60).toLocaleString('en')
	]);
	rows.push([
		'One client core with the proof at the default difficulty: testimonies per minute',
		`${Math.round(60_000 / median(times))}`
	]);
});

it('measures minting in the crypto worker of a mid-range phone (Chromium, CPU ×4)', async () => {
	const workers = path.join('build', 'client', '_app', 'immutable', 'workers');
	const workerFile = fs
		.readdirSync(workers)
		.filter((name) => name.endsWith('.js'))
		.find((name) => fs.readFileSync(path.join(workers, name), 'utf8').includes('proof.mint'));
	if (!workerFile) throw new Error('No crypto worker with proof.mint in the build.');
	const medians: Record<number, number> = {};
	for (const rate of [1, 4]) {
		const { page, context, close } = await launchBrowser();
		try {
			await page.goto(`${portal.origin}/`);
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate });
			const times = await page.evaluate(
				async ({ url, runs }) => {
					const worker = new Worker(url, { type: 'module' });
					const call = (id: number, op: string, argument: unknown) =>
						new Promise<unknown>((resolve, reject) => {
							worker.onmessage = (event) =>
								event.data.ok ? resolve(event.data.result) : reject(new Error(event.data.error.message));
							worker.postMessage({ id, op, argument });
						});
					await call(0, 'survivor.forget', {});
					const results: number[] = [];
					for (let run = 0; run < runs; run++) {
						const subject = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
							.replace(/\+/g, '-')
							.replace(/\//g, '_')
							.replace(/=+$/, '');
						// As the page does it: fetch the challenge, then mint in the worker.
						const started = performance.now();
						const response = await fetch('/api/proofs', {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify({ purpose: 'submission', subject })
						});
						await call(run + 1, 'proof.mint', { challenge: await response.json() });
						results.push(performance.now() - started);
					}
					worker.terminate();
					return results;
				},
				{ url: `${portal.origin}/_app/immutable/workers/${workerFile}`, runs: 15 }
			);
			const label = rate === 1 ? 'this machine, unthrottled' : 'mid-range phone profile, CPU ×4';
			const verdict =
				rate === 4 ? ` (budget ≤ ${PHONE_BUDGET_MS} ms: ${median(times) <= PHONE_BUDGET_MS ? 'met' : 'MISSED'})` : '';
			medians[rate] = median(times);
			rows.push([
				`Chromium worker, ${label}: challenge + mint, median / p90 of 15`,
				`${Math.round(median(times))} / ${Math.round(p90(times))} ms${verdict}`
			]);
		} finally {
			await close();
		}
	}
	// Chromium's throttling may not slow a dedicated worker fully: the unthrottled time × 4 bounds it.
	const bound = medians[1] * 4;
	rows.push([
		'Phone estimate without relying on worker throttling: unthrottled median × 4',
		`${Math.round(bound)} ms (budget ≤ ${PHONE_BUDGET_MS} ms: ${bound <= PHONE_BUDGET_MS ? 'met' : 'MISSED'})`
	]);
});
