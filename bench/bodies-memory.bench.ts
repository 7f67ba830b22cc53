import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, it } from 'vitest';
import { readyCrypto } from '../src/lib/crypto';
import { decodeCorpusFrame } from '../src/lib/research/corpus-frame';
import { launchBrowser, type RunningPortal } from '../tests/e2e/harness';
import { peakResidentBytesDuring, sendChunked } from '../tests/e2e/http-bodies';
import { staffCookie } from '../tests/e2e/staff-api';
import { completeSetup, type EnrolledStaff } from '../tests/e2e/staff-flows';

/**
 * The server's memory under two loads, three rounds each: 36 chunked 25 MiB bodies sent to a
 * 1 KiB endpoint (six at a time), and reading a research corpus of about 500 MB. Each load runs
 * on a freshly started server process (same database), so one load's high-water mark does not
 * hide the next one's. Growth is the peak anonymous resident memory during the load minus that
 * memory just before it, sampled from /proc every 10 ms. BENCH_BUILD and BENCH_MIGRATIONS point
 * at another build (e.g. an older one) to compare.
 */
const MiB = 1024 * 1024;
const BUILD = path.resolve(process.env.BENCH_BUILD || 'build');
const MIGRATIONS = path.resolve(process.env.BENCH_MIGRATIONS || 'drizzle');
const CORPUS_RECORDS = 25_000;
const RECORD_BYTES = 20 * 1024;

let child: ChildProcess;
let portal: RunningPortal;
let admin: EnrolledStaff;
const rows: string[] = [];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-bench-bodies-'));
const port = 20_000 + Math.floor(Math.random() * 20_000);

/** Starts the build's handler on the bench's data directory; resolves once it listens. */
async function startServer(): Promise<RunningPortal> {
	const origin = `http://localhost:${port}`;
	const script = `import http from 'node:http'; const { handler } = await import(${JSON.stringify(path.join(BUILD, 'handler.js'))});
		http.createServer(handler).listen(${port}, '127.0.0.1', () => console.log('listening'));`;
	child = spawn(process.execPath, ['--input-type=module', '-e', script], {
		env: {
			...process.env,
			DATA_DIR: dataDir,
			ORIGIN: origin,
			MIGRATIONS_DIR: MIGRATIONS,
			BODY_SIZE_LIMIT: String(25 * MiB),
			NODE_ENV: 'production'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`The server did not start:\n${output}`)), 60_000);
		child.stdout!.on('data', () => output.includes('listening') && (clearTimeout(timer), resolve()));
		child.once('exit', (code) => reject(new Error(`The server exited with ${code}:\n${output}`)));
	});
	// The setup link is printed by the server's first-start hook, which may follow the listen line.
	for (let wait = 0; wait < 30 && !/Setup link: /.test(output); wait++)
		await new Promise((resolve) => setTimeout(resolve, 100));
	const running = child;
	return {
		origin,
		dataDir,
		databasePath: path.join(dataDir, 'trips-voice.sqlite'),
		setupLink: output.match(/^Setup link: (\S+)$/m)?.[1] ?? null,
		pid: running.pid!,
		output: () => output,
		async stop() {
			if (running.exitCode === null) {
				running.removeAllListeners('exit');
				const exited = new Promise((resolve) => running.once('exit', resolve));
				running.kill('SIGTERM');
				await exited;
			}
		}
	};
}

/** About 500 MB of research records: random bytes stand in for ciphertext the server never opens. */
function fillLargeCorpus(): void {
	const database = new Database(portal.databasePath);
	const channelKey = database.prepare('select id, channel_id from channel_key limit 1').get() as {
		id: number;
		channel_id: string;
	};
	const corpusKey = database.prepare('select id from corpus_key limit 1').get() as { id: number };
	const insertSubmission = database.prepare(
		`insert into submission (id, channel_id, channel_key_id, format_version, nonce, ciphertext, sealed_data_key, receipt_lookup_hash, reply_public_key, received_day, status)
		 values (?, ?, ?, 1, ?, x'', ?, ?, ?, '2026-05-01', 'approved')`
	);
	const insertRecord = database.prepare(
		'insert into research_record (id, submission_id, corpus_key_id, format_version, nonce, ciphertext, approved_month) values (?, ?, ?, 1, ?, ?, ?)'
	);
	database.transaction(() => {
		for (let index = 0; index < CORPUS_RECORDS; index++) {
			const submissionId = randomUUID();
			insertSubmission.run(
				submissionId,
				channelKey.channel_id,
				channelKey.id,
				randomBytes(24),
				randomBytes(80),
				randomBytes(32),
				randomBytes(32)
			);
			insertRecord.run(
				randomUUID(),
				submissionId,
				corpusKey.id,
				randomBytes(24),
				randomBytes(RECORD_BYTES),
				`2026-${String((index % 12) + 1).padStart(2, '0')}`
			);
		}
	})();
	database.close();
}

/** Reads the whole corpus as the workspace does: page after page (or the one answer of a build without pages). */
async function readCorpus(cookie: string): Promise<number> {
	let records = 0;
	for (let next: string | null = ''; next !== null;) {
		const url: string = `${portal.origin}/staff/api/research/corpus${next ? `?after=${encodeURIComponent(next)}` : ''}`;
		const response = await fetch(url, { headers: { cookie } });
		if (!response.ok) throw new Error(`corpus: ${response.status}`);
		const { header } = decodeCorpusFrame<unknown, unknown>(await response.arrayBuffer());
		records += header.records.length;
		next = header.page?.next ?? null;
	}
	return records;
}

beforeAll(async () => {
	await readyCrypto();
	portal = await startServer();
	const browser = await launchBrowser();
	try {
		admin = await completeSetup(browser.page, portal.setupLink!);
	} finally {
		await browser.close();
	}
	fillLargeCorpus();
}, 600_000);

afterAll(async () => {
	await portal?.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
	console.log(`\nServer memory (${path.relative(process.cwd(), BUILD) || BUILD}):`);
	for (const row of rows) console.log(`  ${row}`);
});

it('measures memory growth under chunked floods and while serving a 500 MB corpus', async () => {
	const cookie = await staffCookie(portal, admin);
	const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
	const freshServer = async () => {
		await portal.stop();
		portal = await startServer();
	};
	for (const round of [1, 2, 3]) {
		await freshServer();
		const statuses: number[] = [];
		const flood = await peakResidentBytesDuring(portal.pid, async () => {
			for (let batch = 0; batch < 6; batch++) {
				const answers = await Promise.all(
					Array.from({ length: 6 }, () =>
						sendChunked(`${portal.origin}/api/receipts/status`, {
							headers: { 'content-type': 'application/json' },
							totalBytes: 25 * MiB
						})
					)
				);
				statuses.push(...answers.map((answer) => answer.status));
			}
		});
		rows.push(
			`round ${round}: 36 chunked 25 MiB bodies to a 1 KiB endpoint: +${mb(flood.peak - flood.before)} anonymous RSS (${statuses.filter((status) => status === 413).length} answered 413, ${statuses.filter((status) => status === 0).length} cut off after the answer)`
		);
		await freshServer();
		let records = 0;
		const started = performance.now();
		const corpus = await peakResidentBytesDuring(portal.pid, async () => (records = await readCorpus(cookie)));
		rows.push(
			`round ${round}: reading the corpus (${records} records, ${mb(CORPUS_RECORDS * RECORD_BYTES)}): +${mb(corpus.peak - corpus.before)} anonymous RSS, ${Math.round(performance.now() - started)} ms`
		);
	}
}, 1_800_000);
