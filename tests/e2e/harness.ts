import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser as ChromiumBrowser, type BrowserContext, type Page } from 'playwright-core';

/** The launch flags a locked-down, offline machine needs; the profile is new for each test file. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export type RunningScript = { child: ChildProcess; output(): string; exited: Promise<number | null> };

/** Runs one of the npm scripts' files as a person would, collecting everything it prints. */
export function runScript(script: string, args: string[], env: Record<string, string>): RunningScript {
	const child = spawn(process.execPath, [script, ...args], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return { child, output: () => output, exited };
}

export type RunningPortal = {
	origin: string;
	dataDir: string;
	databasePath: string;
	setupLink: string | null;
	/** The server's process id, to read its memory use from /proc. */
	pid: number;
	/** Everything the server printed to stdout and stderr so far. */
	output(): string;
	/** Kills the server at once (SIGKILL), as a power cut would; `stop` still removes its data. */
	crash(): Promise<void>;
	stop(): Promise<void>;
};

/**
 * Starts the built portal on a free port with an empty data directory, or on the one `env`
 * names in DATA_DIR (which `stop` leaves to its owner: a mount point cannot be removed).
 */
export async function startPortal(env: Record<string, string> = {}): Promise<RunningPortal> {
	// Another process (a second test run, a test's own server) may take the free port between the
	// check and the bind, so a start that lost that race is tried again on another port.
	for (let attempt = 1; ; attempt++) {
		try {
			return await startPortalOnce(env);
		} catch (error) {
			if (attempt >= 3 || !(error instanceof PortTaken)) throw error;
		}
	}
}

class PortTaken extends Error {}

async function startPortalOnce(env: Record<string, string>): Promise<RunningPortal> {
	const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tv-e2e-data-'));
	const port = await freePort();
	const origin = `http://localhost:${port}`;
	const { child, output } = runScript('scripts/start.js', [], {
		PORT: String(port),
		ORIGIN: origin,
		DATA_DIR: dataDir,
		...env
	});

	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`The portal did not start:\n${output()}`)), 60_000);
		const check = () => {
			if (output().includes('is listening on')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', check);
		child.once('exit', (code) => {
			clearTimeout(timer);
			if (output().includes('EADDRINUSE')) {
				if (!env.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
				reject(new PortTaken(`Port ${port} was taken`));
			} else reject(new Error(`The portal exited with ${code}:\n${output()}`));
		});
	});

	const setupLink = output().match(/^Setup link: (\S+)$/m)?.[1] ?? null;
	// A process that ended by a signal has no exit code, only a signal code.
	const running = () => child.exitCode === null && child.signalCode === null;
	return {
		origin,
		dataDir,
		databasePath: path.join(dataDir, 'trips-voice.sqlite'),
		setupLink,
		pid: child.pid!,
		output,
		async crash() {
			if (!running()) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGKILL');
			await exited;
		},
		async stop() {
			if (running()) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await exited;
			}
			if (!env.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export type Browser = { context: BrowserContext; page: Page; close(): Promise<void> };

/**
 * V8 without its JIT compilers, which also takes WebAssembly away: the nearest Chromium comes to
 * Tor Browser at its "Safer" security level.
 */
export const JITLESS_ARGS = ['--js-flags=--jitless'];

export type BrowserOptions = {
	locale?: string;
	fakeMicrophone?: boolean;
	/** A WAV file the fake microphone plays (in a loop) instead of Chromium's built-in beeps. */
	fakeMicrophoneFile?: string;
	width?: number;
	/** Without JIT and WebAssembly (JITLESS_ARGS). */
	jitless?: boolean;
	/** JavaScript off, as at Tor Browser's "Safest" level. */
	javaScriptDisabled?: boolean;
	/** Added to the browser's environment, e.g. FONTCONFIG_FILE to choose the fonts it sees. */
	env?: Record<string, string>;
};

/**
 * One Chromium per launch configuration (its flags and environment) for the whole test file;
 * starting one costs about three times as much as opening a context in it.
 */
const sharedChromiums = new Map<string, Promise<ChromiumBrowser>>();

function chromiumFor(options: BrowserOptions): Promise<ChromiumBrowser> {
	const args = [...CHROMIUM_ARGS, ...(options.jitless ? JITLESS_ARGS : [])];
	// Chromium's built-in fake microphone plays a tone, so recording works without hardware.
	if (options.fakeMicrophone) args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream');
	if (options.fakeMicrophone && options.fakeMicrophoneFile) {
		args.push(`--use-file-for-fake-audio-capture=${options.fakeMicrophoneFile}`);
	}
	const key = JSON.stringify([args, options.env ?? {}]);
	let launching = sharedChromiums.get(key);
	if (!launching) {
		launching = chromium.launch({
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			headless: true,
			args,
			env: { ...process.env, ...options.env }
		});
		// A launch that failed is not kept: the next person tries again.
		launching.catch(() => sharedChromiums.delete(key));
		sharedChromiums.set(key, launching);
	}
	return launching;
}

/** Closes the file's Chromiums (the end-to-end setup calls it after each file). */
export async function closeSharedChromiums(): Promise<void> {
	const launched = [...sharedChromiums.values()];
	sharedChromiums.clear();
	await Promise.allSettled(launched.map(async (launching) => (await launching).close()));
}

/**
 * A person with a browser of their own: a new context, which shares no cookies, storage, cache
 * or history with any other, in a Chromium whose profile folder is new for each test file.
 */
export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
	const browser = await chromiumFor(options);
	const context = await browser.newContext({
		permissions: options.fakeMicrophone ? ['microphone'] : [],
		locale: options.locale ?? 'en-GB',
		viewport: { width: options.width ?? 1024, height: 800 },
		javaScriptEnabled: !options.javaScriptDisabled
	});
	const page = await context.newPage();
	return {
		context,
		page,
		async close() {
			await context.close();
		}
	};
}

/** Reads the SQLite file with its WAL and shared-memory files, as an attacker with the disk would. */
export function databaseFiles(portal: Pick<RunningPortal, 'databasePath'>): Buffer {
	const parts = ['', '-wal', '-shm']
		.map((suffix) => portal.databasePath + suffix)
		.filter((file) => fs.existsSync(file))
		.map((file) => fs.readFileSync(file));
	return Buffer.concat(parts);
}
