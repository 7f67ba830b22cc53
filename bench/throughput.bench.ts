import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import autocannon from 'autocannon';
import { encryptSubmission, readyCrypto, toBase64url } from '$lib/crypto';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { mintProof } from '$lib/crypto/proof-mint';
import { setupThroughApi } from '$lib/demo/setup';
import { postJson, writeRows } from '$lib/demo/portal-api';
import { startPortal, type RunningPortal } from '../tests/e2e/harness';
import { firstChannel, type ChannelAddress } from '../tests/e2e/sealed-intake';

/*
 * Server throughput, measured in one run against one portal on a real SQLite file: requests per
 * second for a small static file, the survivor pages that are the same for everyone, and sealed
 * testimonies with their proof of work, each target in turn with the same load. The budgets are
 * ratios against the static file in the same round, so the machine's speed cancels out.
 * Printed, never asserted: on a shared machine the numbers move by tens of per cent.
 */

const CONNECTIONS = 20;
const SECONDS = 4;
const ROUNDS = 3;
/** Testimonies prepared per round: more than one round can send in SECONDS on a fast machine is not needed. */
const SUBMISSIONS_PER_ROUND = Number(process.env.BENCH_SUBMISSIONS ?? 1500);
const BUDGETS = { firstPage: 0.5, submit: 0.3 };

/**
 * The proof of work at the lowest difficulty an admin may set, and intake budgets raised to the
 * highest an admin may set: the bench measures the server, not the writer's work or a refusal.
 */
const BENCH_SETTINGS: Record<string, string> = {
	pow_difficulty: '1000',
	intake_testimonies_per_minute: '1000000',
	intake_testimonies_per_day: '1000000',
	intake_megabytes_per_minute: '1000000',
	intake_megabytes_per_day: '1000000'
};

type Target = { name: string; path: string; method?: 'GET' | 'POST' };
const PAGES: Target[] = [
	{ name: 'static file /robots.txt', path: '/robots.txt' },
	{ name: 'first page /', path: '/' },
	{ name: 'language page /ar', path: '/ar' },
	{ name: 'safety page /ar/tell', path: '/ar/tell' },
	// Kept in memory like the others since it is the same for everyone per locale.
	{ name: 'testimony page /ar/tell/steps', path: '/ar/tell/steps' }
];

type Measured = { requestsPerSecond: number; requests: number; statuses: Record<string, number>; errors: number };

let portal: RunningPortal;
let channel: ChannelAddress;
const rounds: Record<string, Measured>[] = [];

beforeAll(async () => {
	await readyCrypto();
	portal = await startPortal();
	await setupThroughApi(portal, portal.setupLink!, {
		username: 'bench.admin',
		passphrase: 'a bench passphrase long enough',
		channelName: 'Bench channel',
		country: 'CZ'
	});
	for (const [key, value] of Object.entries(BENCH_SETTINGS)) {
		writeRows(
			portal,
			'insert into setting (key, value) values (?, ?) on conflict(key) do update set value = ?',
			key,
			value,
			value
		);
	}
	// The portal reads the intake budgets at most a second old.
	await new Promise((resolve) => setTimeout(resolve, 1100));
	channel = firstChannel(portal);
});

afterAll(async () => {
	await portal?.stop();
});

type PreparedSubmission = { body: string; proof: string };

/** One sealed testimony with its own id and proof of work, exactly as a survivor's browser sends it. */
async function prepareSubmission(): Promise<PreparedSubmission> {
	const id = randomBytes(16).toString('base64url');
	const challenge = await postJson(portal, '/api/proofs', { purpose: 'submission', subject: id });
	if (challenge.status !== 200) throw new Error(`No challenge: ${challenge.status}`);
	const proof = await mintProof(await challenge.json());
	const sealed = encryptSubmission(
		{
			v: 1,
			kind: 'testimony',
			locale: 'ar',
			mode: 'free',
			answers: [{ questionId: 'free', questionVersion: 1, text: `A fictional answer for the bench, ${id}.` }]
		},
		channel
	);
	const body = JSON.stringify({
		id,
		channelId: channel.channelId,
		channelKeyVersion: channel.channelKeyVersion,
		formatVersion: sealed.formatVersion,
		nonce: toBase64url(sealed.nonce),
		ciphertext: toBase64url(sealed.ciphertext),
		sealedDataKey: toBase64url(sealed.sealedDataKey),
		receiptLookupToken: toBase64url(randomBytes(32)),
		replyPublicKey: toBase64url(randomBytes(32))
	});
	return { body, proof };
}

async function prepareSubmissions(count: number): Promise<PreparedSubmission[]> {
	const prepared: PreparedSubmission[] = [];
	// A few at a time: challenges come from the portal, minting is local work.
	for (let start = 0; start < count; start += 50) {
		prepared.push(...(await Promise.all(Array.from({ length: Math.min(50, count - start) }, prepareSubmission))));
	}
	return prepared;
}

type AutocannonResult = {
	requests: { average: number; total: number };
	duration: number;
	errors: number;
	timeouts: number;
	non2xx: number;
	statusCodeStats: Record<string, { count: number }>;
};

/** `seconds`: the run's own time; autocannon's `duration` is whole seconds, too coarse for a short run. */
function measured(result: AutocannonResult, seconds = result.duration): Measured {
	const statuses = Object.fromEntries(
		Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, Number(count)])
	);
	const requests = Object.values(statuses).reduce((total, count) => total + count, 0);
	return {
		requestsPerSecond: requests / seconds,
		requests,
		statuses,
		errors: result.errors + result.timeouts
	};
}

function loadPage(target: Target): Promise<Measured> {
	return autocannon({
		url: portal.origin + target.path,
		connections: CONNECTIONS,
		duration: SECONDS,
		headers: { 'accept-encoding': 'br, gzip' }
	}).then(measured);
}

/**
 * The floor under submit: the same testimony posted with a proof of work that does not parse,
 * refused (428) before its body is read. What is left between this and submit is the proof's
 * check, reading the body and storing it.
 */
function loadUnpaid(prepared: PreparedSubmission): Promise<Measured> {
	return autocannon({
		url: portal.origin + '/api/submissions',
		connections: CONNECTIONS,
		duration: SECONDS,
		method: 'POST',
		headers: { 'content-type': 'application/json', [PROOF_HEADER]: 'not-a-proof' },
		body: prepared.body
	}).then(measured);
}

/** Posts every prepared testimony once, CONNECTIONS at a time; the rate is what was sent over how long it took. */
async function loadSubmissions(prepared: PreparedSubmission[]): Promise<Measured> {
	let next = 0;
	const started = performance.now();
	// Until the last answer, not until autocannon notices it is done (it looks once a second).
	let lastAnswer = started;
	const result = await autocannon({
		url: portal.origin,
		connections: CONNECTIONS,
		amount: prepared.length,
		requests: [
			{
				method: 'POST',
				path: '/api/submissions',
				setupRequest: (request: Record<string, unknown>) => {
					const submission = prepared[next++ % prepared.length];
					return {
						...request,
						headers: { 'content-type': 'application/json', [PROOF_HEADER]: submission.proof },
						body: submission.body
					};
				},
				onResponse: () => {
					lastAnswer = performance.now();
				}
			}
		]
	});
	return measured(result, (lastAnswer - started) / 1000);
}

const rate = (m: Measured) => m.requestsPerSecond.toFixed(0).padStart(6);
const LABELS: Record<string, string> = {
	unpaid: 'POST /api/submissions, proof unreadable',
	submit: 'POST /api/submissions (proof verified)'
};
/** Answers other than the expected ones (`expected`: a status or its first digit). */
const failures = (m: Measured, expected = '2') => {
	const refused = Object.entries(m.statuses).filter(([status]) => !status.startsWith(expected));
	const parts = refused.map(([status, count]) => `${count} × ${status}`);
	if (m.errors) parts.push(`${m.errors} errors or timeouts`);
	return parts.length ? `  FAILED: ${parts.join(', ')}` : '';
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

it(
	'measures requests per second for a static file, the survivor pages and sealed testimonies',
	{ timeout: 900_000 },
	async () => {
		for (let round = 0; round < ROUNDS; round++) {
			const prepared = await prepareSubmissions(SUBMISSIONS_PER_ROUND);
			const results: Record<string, Measured> = {};
			for (const target of PAGES) results[target.name] = await loadPage(target);
			results.unpaid = await loadUnpaid(prepared[0]);
			results.submit = await loadSubmissions(prepared);
			rounds.push(results);
		}

		const lines = [
			'',
			`Throughput, ${ROUNDS} rounds in one run; ${CONNECTIONS} connections, ${SECONDS} s per page,`,
			`${SUBMISSIONS_PER_ROUND} testimonies per round (accept-encoding: br, gzip on every GET).`,
			`Settings for the run: ${Object.entries(BENCH_SETTINGS)
				.map(([key, value]) => `${key}=${value}`)
				.join(', ')}.`
		];
		const names = [...PAGES.map((target) => target.name), 'unpaid', 'submit'];
		rounds.forEach((results, index) => {
			const staticRate = results[PAGES[0].name].requestsPerSecond;
			lines.push(`  round ${index + 1}`);
			for (const name of names) {
				const m = results[name];
				const ratio = name === PAGES[0].name ? '' : `  ${(m.requestsPerSecond / staticRate).toFixed(2)} × static`;
				const label = LABELS[name] ?? name;
				lines.push(`    ${label.padEnd(40)} ${rate(m)} req/s${ratio}${failures(m, name === 'unpaid' ? '428' : '2')}`);
			}
		});
		const ratios = (name: string) => rounds.map((r) => r[name].requestsPerSecond / r[PAGES[0].name].requestsPerSecond);
		const verdict = (value: number, budget: number) =>
			`${value.toFixed(2)} × static (budget ≥ ${budget} ×: ${value >= budget ? 'met' : 'NOT met'})`;
		lines.push('  median of the rounds');
		lines.push(`    first page / ${verdict(median(ratios(PAGES[1].name)), BUDGETS.firstPage)}`);
		lines.push(`    /ar          ${verdict(median(ratios(PAGES[2].name)), BUDGETS.firstPage)}`);
		lines.push(`    /ar/tell     ${verdict(median(ratios(PAGES[3].name)), BUDGETS.firstPage)}`);
		lines.push(`    /ar/tell/steps ${verdict(median(ratios(PAGES[4].name)), BUDGETS.firstPage)}`);
		lines.push(`    submit       ${verdict(median(ratios('submit')), BUDGETS.submit)}`);
		lines.push(
			`    (its floor, a POST refused before the body is read: ${median(ratios('unpaid')).toFixed(2)} × static)`
		);
		console.log(lines.join('\n'));
	}
);
