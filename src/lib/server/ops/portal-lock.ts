import fs from 'node:fs';
import path from 'node:path';

/**
 * Which process serves a data folder. The portal writes `portal.pid` into DATA_DIR when it
 * starts and removes it when it stops, so a restore or a demo can refuse to swap the database
 * under a running portal, and a second portal cannot open the same file. A portal killed hard
 * leaves the file behind: it counts only while the process it names is alive and is the same
 * process (same boot and start time), so a stale file never blocks a start after a crash.
 */
export const LOCK_FILE = 'portal.pid';

type Holder = { pid: number; boot: string | null; started: string | null };

/** This boot's identity and a process's start time in clock ticks, where Linux tells them. */
function bootId(): string | null {
	try {
		return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
	} catch {
		return null;
	}
}

function processStart(pid: number): string | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may hold spaces: fields are counted after its closing bracket.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
	} catch {
		return null;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to another user (a service account).
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readHolder(lockPath: string): Holder | null {
	try {
		const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<Holder>;
		return Number.isSafeInteger(parsed.pid) && (parsed.pid as number) > 0
			? { pid: parsed.pid as number, boot: parsed.boot ?? null, started: parsed.started ?? null }
			: null;
	} catch {
		return null;
	}
}

/** The process id of the live portal serving `dataDir`, or null when none is. */
export function portalHolding(dataDir: string): number | null {
	const holder = readHolder(path.join(dataDir, LOCK_FILE));
	if (!holder || !alive(holder.pid)) return null;
	if (holder.boot && bootId() && holder.boot !== bootId()) return null;
	const started = processStart(holder.pid);
	if (holder.started && started && holder.started !== started) return null;
	return holder.pid;
}

export class DataDirInUse extends Error {
	constructor(
		readonly dataDir: string,
		readonly pid: number
	) {
		super(
			`Another portal (process ${pid}) is serving ${dataDir}. ` +
				'Stop it first; if no portal runs, delete portal.pid in that folder.'
		);
		this.name = 'DataDirInUse';
	}
}

/**
 * Claims `dataDir` for this process until it exits. Refuses when another live portal holds it:
 * two processes on one SQLite file would each run retention and their own schedules.
 */
export function claimDataDir(dataDir: string): void {
	const other = portalHolding(dataDir);
	if (other !== null && other !== process.pid) throw new DataDirInUse(dataDir, other);
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const lockPath = path.join(dataDir, LOCK_FILE);
	const holder: Holder = { pid: process.pid, boot: bootId(), started: processStart(process.pid) };
	fs.writeFileSync(lockPath, JSON.stringify(holder) + '\n', { mode: 0o600 });
	process.once('exit', () => {
		if (readHolder(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
	});
}
