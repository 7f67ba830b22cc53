import fs from 'node:fs';

/*
 * Checks of an install that both `npm run doctor` and the portal's own start make: who may read
 * the data folder, and the settings that would expose survivors. The doctor reports them all;
 * the portal refuses to start in production on the problems among them (`startRefusals`).
 */

export type Finding = {
	level: 'ok' | 'warning' | 'problem';
	check: string;
	detail: string;
	/** What to do about a warning or a problem. */
	fix?: string;
};

export const ok = (check: string, detail: string): Finding => ({ level: 'ok', check, detail });

/** A file the portal makes when it first starts, not there yet. */
export const notYet = (check: string, file: string, startDoes: string): Finding => ({
	level: 'warning',
	check,
	detail: `${file} does not exist yet`,
	fix: `Start the portal once (npm start): ${startDoes}.`
});

/** The data folder is the portal's user's alone; the database and its -wal and -shm files too. */
export function checkFiles(
	dataDir: string,
	databasePath: string,
	uid: number | null,
	{ folder = true }: { folder?: boolean } = {}
): Finding[] {
	if (!fs.existsSync(dataDir)) {
		return [notYet('Data folder', dataDir, 'it creates the folder and the database, readable by its user only')];
	}
	const findings: Finding[] = [];
	const entries = [
		...(folder ? [{ file: dataDir, wanted: 0o700 }] : []),
		...['', '-wal', '-shm']
			.map((suffix) => databasePath + suffix)
			.filter((file) => fs.existsSync(file))
			.map((file) => ({ file, wanted: 0o600 }))
	];
	for (const { file, wanted } of entries) {
		const stats = fs.statSync(file);
		const mode = stats.mode & 0o777;
		const octal = (value: number) => value.toString(8).padStart(3, '0');
		if (mode & 0o077) {
			findings.push({
				level: 'problem',
				check: 'File permissions',
				detail: `${file} is ${octal(mode)}: other users of this machine can read it`,
				fix: `chmod ${octal(wanted)} ${file}`
			});
		} else if (uid !== null && stats.uid !== uid) {
			findings.push({
				level: 'problem',
				check: 'File owner',
				detail: `${file} belongs to user ${stats.uid}, not to the user running this check (${uid})`,
				fix: `Run the portal and this check as the same dedicated user, and give it the files: chown <that user> ${file}`
			});
		}
	}
	if (findings.length === 0) {
		findings.push(ok('File permissions', `the data folder and the database are readable by their owner only`));
	}
	return findings;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function checkSettings(env: Record<string, string | undefined>): Finding[] {
	const findings: Finding[] = [];
	const origin = env.ORIGIN ?? '';
	const host = env.HOST || '127.0.0.1';
	if (!origin) {
		findings.push({
			level: 'warning',
			check: 'ORIGIN',
			detail: 'not set: the portal assumes http://localhost, which suits a trial on this machine only',
			fix: 'Set ORIGIN to the public https address, e.g. ORIGIN=https://voice.example.org'
		});
	} else if (!origin.startsWith('https:') && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin)) {
		findings.push({
			level: 'problem',
			check: 'ORIGIN',
			detail: `${origin} is not https: staff cookies would travel unencrypted and HSTS is not sent`,
			fix: 'Serve the portal over TLS through a reverse proxy and set ORIGIN to its https address.'
		});
	} else {
		findings.push(ok('ORIGIN', origin));
	}
	if (!LOOPBACK.has(host) && !env.PROXY_NOTE?.trim()) {
		findings.push({
			level: 'problem',
			check: 'HOST',
			detail: `the portal listens on ${host}, not only on this machine, and PROXY_NOTE does not say which proxy stands in front`,
			fix:
				'Keep HOST=127.0.0.1 and let a TLS reverse proxy on the same machine take the outside connections; ' +
				'or, when the proxy runs elsewhere (another container), set PROXY_NOTE to say which, and let only it reach the port.'
		});
	} else if (!LOOPBACK.has(host)) {
		findings.push(ok('HOST', `listens on ${host}, behind the proxy noted: ${env.PROXY_NOTE!.trim()}`));
	} else {
		findings.push(ok('HOST', `listens on ${host} only`));
	}
	if (env.ADDRESS_HEADER) {
		findings.push({
			level: 'problem',
			check: 'ADDRESS_HEADER',
			detail: `set to ${env.ADDRESS_HEADER}: the portal would read clients' addresses from the proxy`,
			fix: 'Unset ADDRESS_HEADER: the portal never needs an address, and survivors must leave none.'
		});
	}
	return findings;
}

/** Production: what `npm start` runs (NODE_ENV=production), or any portal with an https ORIGIN. */
export function productionMode(env: Record<string, string | undefined>): boolean {
	return env.NODE_ENV === 'production' || (env.ORIGIN ?? '').startsWith('https:');
}

/**
 * Why the portal must not start, one sentence each with its fix; none outside production mode.
 * The database readable by others, a public bind with no proxy noted, and ADDRESS_HEADER set
 * are refused. ORIGIN is not: a trial on localhost and an onion-only portal are http and fine.
 */
export function startRefusals(input: {
	env: Record<string, string | undefined>;
	dataDir: string;
	databasePath: string;
	uid: number | null;
}): string[] {
	if (!productionMode(input.env)) return [];
	// The folder is not refused: the portal makes it private itself as it opens the database
	// (a fresh volume's mount point is often 755 or 1777), and it holds nothing readable but them.
	return [
		...checkFiles(input.dataDir, input.databasePath, input.uid, { folder: false }),
		...checkSettings(input.env).filter((finding) => finding.check !== 'ORIGIN')
	]
		.filter((finding) => finding.level === 'problem')
		.map((finding) => `${finding.check}: ${finding.detail}. Fix: ${finding.fix}`);
}
