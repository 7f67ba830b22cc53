import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse, { type Artifacts, type Result } from 'lighthouse';
import { afterAll, beforeAll, it } from 'vitest';
import { CHROMIUM_ARGS, type RunningPortal } from '../tests/e2e/harness';
import { startPortalWithChannel } from '../tests/e2e/staff-flows';

/**
 * Lighthouse's default configuration (a mid-range phone, simulated slow 4G and a CPU four times
 * slower than this one) on the survivor pages, a few rounds each. The budget is 100 in every
 * category; scores are printed beside it, never asserted.
 *
 * LIGHTHOUSE_PATHS=/check,/ and LIGHTHOUSE_ROUNDS=1 narrow a run; LIGHTHOUSE_REPORTS=<folder>
 * keeps each full JSON report, which the Lighthouse viewer opens.
 */
const PATHS = process.env.LIGHTHOUSE_PATHS?.split(',') ?? ['/', '/ar', '/ar/tell', '/ar/tell/steps', '/check'];
const ROUNDS = Number(process.env.LIGHTHOUSE_ROUNDS) || 3;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const BUDGET = 100;

type Category = (typeof CATEGORIES)[number];
type Finding = { id: string; text: string };
type Measure = {
	scores: Record<Category, number | null>;
	fcp: number;
	lcp: number;
	tbt: number;
	cls: number;
	/** Lighthouse's measure of this machine's speed during the run; simulated times scale with it. */
	benchmarkIndex: number;
	/** Audits of the measured categories that lost points. */
	failing: Finding[];
	/** Audits Lighthouse could not run, which therefore neither pass nor fail. */
	broken: Finding[];
	/** Survivor-page rules as Lighthouse's own network log saw them. */
	otherOrigins: string[];
	setsCookie: boolean;
};
type Round = Map<string, Measure | 'absent'>;

let portal: RunningPortal;
const rounds: Round[] = [];

beforeAll(async () => {
	portal = await startPortalWithChannel();
});

afterAll(async () => {
	await portal?.stop();
	if (rounds.length > 0) console.log(report().join('\n'));
});

/** Debian's Chromium with the project's flags, headless, on a new profile, with a debugging port. */
async function launchChromium(): Promise<{ chrome: LaunchedChrome; close(): Promise<void> }> {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-lighthouse-chromium-'));
	const chrome = await launch({
		chromePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		chromeFlags: ['--headless', ...CHROMIUM_ARGS],
		userDataDir: profile,
		logLevel: 'silent'
	});
	return {
		chrome,
		async close() {
			const exited = new Promise((resolve) => chrome.process.once('exit', resolve));
			chrome.kill();
			await exited;
			fs.rmSync(profile, { recursive: true, force: true });
		}
	};
}

function auditFindings(lhr: Result): Pick<Measure, 'failing' | 'broken'> {
	const failing: Finding[] = [];
	const broken: Finding[] = [];
	for (const category of CATEGORIES) {
		for (const ref of lhr.categories[category].auditRefs) {
			const audit = lhr.audits[ref.id];
			const id = `${category}/${ref.id}`;
			if (audit.scoreDisplayMode === 'error') broken.push({ id, text: audit.errorMessage ?? 'no message' });
			if (audit.score === null || audit.score >= 1) continue;
			const shown = audit.displayValue ? `${audit.displayValue} ` : '';
			failing.push({ id, text: `${shown}(score ${audit.score}, weight ${ref.weight})` });
		}
	}
	return { failing, broken };
}

/** Origins other than the portal's that the page requested, and whether any response set a cookie. */
function survivorRules(artifacts: Artifacts, origin: string): Pick<Measure, 'otherOrigins' | 'setsCookie'> {
	const otherOrigins = new Set<string>();
	let setsCookie = false;
	for (const entry of artifacts.DevtoolsLog) {
		if (entry.method === 'Network.requestWillBeSent') {
			const url = new URL(entry.params.request.url);
			if (url.protocol.startsWith('http') && url.origin !== origin) otherOrigins.add(url.origin);
		}
		if (entry.method === 'Network.responseReceivedExtraInfo') {
			if (Object.keys(entry.params.headers).some((name) => name.toLowerCase() === 'set-cookie')) setsCookie = true;
		}
	}
	return { otherOrigins: [...otherOrigins], setsCookie };
}

function saveReport(folder: string, url: string, report: string | string[]) {
	fs.mkdirSync(folder, { recursive: true });
	const name = new URL(url).pathname.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'root';
	fs.writeFileSync(path.join(folder, `${name}-${Date.now()}.json`), Array.isArray(report) ? report[0] : report);
}

async function audit(url: string, port: number): Promise<Measure> {
	const run = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
	if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
	const { lhr, artifacts } = run;
	if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
	if (process.env.LIGHTHOUSE_REPORTS) saveReport(process.env.LIGHTHOUSE_REPORTS, url, run.report);
	const score = (category: Category) => {
		const value = lhr.categories[category].score;
		return value === null ? null : Math.round(value * 100);
	};
	const numeric = (id: string) => lhr.audits[id].numericValue ?? Number.NaN;
	return {
		scores: {
			performance: score('performance'),
			accessibility: score('accessibility'),
			'best-practices': score('best-practices')
		},
		fcp: numeric('first-contentful-paint'),
		lcp: numeric('largest-contentful-paint'),
		tbt: numeric('total-blocking-time'),
		cls: numeric('cumulative-layout-shift'),
		benchmarkIndex: lhr.environment.benchmarkIndex,
		...auditFindings(lhr),
		...survivorRules(artifacts, new URL(url).origin)
	};
}

async function status(url: string): Promise<number> {
	try {
		return (await fetch(url)).status;
	} catch (cause) {
		throw new Error(`The portal stopped answering during the Lighthouse runs. It printed:\n${portal.output()}`, {
			cause
		});
	}
}

it(`runs Lighthouse ${ROUNDS} times on the survivor pages`, { timeout: 1_800_000 }, async () => {
	for (let round = 0; round < ROUNDS; round++) {
		const measured: Round = new Map();
		const { chrome, close } = await launchChromium();
		try {
			for (const pathName of PATHS) {
				const url = portal.origin + pathName;
				// A route this build does not have yet is reported, not audited.
				if ((await status(url)) === 404) measured.set(pathName, 'absent');
				else measured.set(pathName, await audit(url, chrome.port));
			}
		} finally {
			await close();
		}
		rounds.push(measured);
	}
});

const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function measuresOf(pathName: string): Measure[] {
	return rounds.map((round) => round.get(pathName)).filter((m): m is Measure => m !== undefined && m !== 'absent');
}

/** Each finding once, with the wording of its latest round and the number of rounds it appeared in. */
function tally(findings: Finding[][]): string[] {
	const seen = new Map<string, { text: string; rounds: number }>();
	for (const list of findings) {
		for (const { id, text } of list) seen.set(id, { text, rounds: (seen.get(id)?.rounds ?? 0) + 1 });
	}
	return [...seen].map(([id, { text, rounds: count }]) => `${id}: ${text} [${count}/${findings.length} runs]`);
}

function report(): string[] {
	const widths = [16, 6, 12, 14, 15, 9, 9, 9, 6, 10];
	const row = (cells: string[]) => '  ' + cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' ');
	const lines = [
		`\nLighthouse ${ROUNDS}× on the survivor pages (mobile, simulated throttling); budget ${BUDGET} in each category:`,
		row(['URL', 'round', 'performance', 'accessibility', 'best-practices', 'FCP', 'LCP', 'TBT', 'CLS', 'CPU index'])
	];
	for (const pathName of PATHS) {
		if (rounds.every((round) => round.get(pathName) === 'absent')) {
			lines.push(row([pathName, '', 'not present in this build']));
			continue;
		}
		measuresOf(pathName).forEach((measure, index) => {
			lines.push(
				row([
					index === 0 ? pathName : '',
					String(index + 1),
					...CATEGORIES.map((category) => `${measure.scores[category] ?? '–'}/${BUDGET}`),
					ms(measure.fcp),
					ms(measure.lcp),
					ms(measure.tbt),
					measure.cls.toFixed(3),
					String(Math.round(measure.benchmarkIndex))
				])
			);
		});
	}

	lines.push('\nMedians, and whether the scores held across rounds:');
	for (const pathName of PATHS) {
		const measures = measuresOf(pathName);
		if (measures.length === 0) continue;
		const spreads = CATEGORIES.map((category) => {
			const values = measures.map((m) => m.scores[category] ?? 0);
			const [low, high] = [Math.min(...values), Math.max(...values)];
			return { category, text: low === high ? String(low) : `${low}–${high}`, stable: low === high };
		});
		const metric = (pick: (m: Measure) => number) => ms(median(measures.map(pick)));
		lines.push(
			`  ${pathName.padEnd(16)} ${spreads.every((s) => s.stable) ? 'stable  ' : 'unstable'} ` +
				spreads.map((s) => `${s.category} ${s.text}`).join(', ') +
				`; median FCP ${metric((m) => m.fcp)}, LCP ${metric((m) => m.lcp)}, TBT ${metric((m) => m.tbt)}`
		);
	}

	lines.push('\nAudits below a score of 1 (weight 0 means it does not count towards the score):');
	for (const pathName of PATHS) {
		const measures = measuresOf(pathName);
		if (measures.length === 0) continue;
		const failing = tally(measures.map((m) => m.failing));
		lines.push(`  ${pathName}${failing.length === 0 ? ': none' : ''}`, ...failing.map((line) => `    ${line}`));
	}

	const broken = tally(PATHS.flatMap((pathName) => measuresOf(pathName).map((m) => m.broken)));
	if (broken.length > 0) {
		lines.push('\nAudits Lighthouse could not run on this Chromium (counted over every page and round):');
		lines.push(...broken.map((line) => `  ${line}`));
	}

	lines.push('\nSurvivor-page rules in Lighthouse’s network log:');
	for (const pathName of PATHS) {
		const measures = measuresOf(pathName);
		if (measures.length === 0) continue;
		const origins = [...new Set(measures.flatMap((m) => m.otherOrigins))];
		const cookie = measures.some((m) => m.setsCookie);
		lines.push(
			`  ${pathName.padEnd(16)} other origins: ${origins.length === 0 ? 'none' : origins.join(' ')}; ` +
				`cookie set: ${cookie ? 'YES' : 'no'}`
		);
	}
	return lines;
}
