import { freePort, runScript, type RunningScript } from './harness';
import type { EnrolledStaff } from './staff-flows';
import { TestAuthenticator } from './totp';

/* Running `npm run demo` and reading what it prints: for its test and the README screenshots. */

/** Runs `npm run demo` as a person would, on its own data folder and port. */
export function runDemo(dataDir: string, port: number): RunningScript {
	return runScript('scripts/demo.js', [], {
		DATA_DIR: dataDir,
		PORT: String(port),
		ORIGIN: `http://localhost:${port}`
	});
}

export async function printed(run: RunningScript, text: string, timeout: number): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!run.output().includes(text)) {
		if (run.child.exitCode !== null) throw new Error(`The demo exited with ${run.child.exitCode}:\n${run.output()}`);
		if (Date.now() > deadline) throw new Error(`The demo did not print “${text}”:\n${run.output()}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

export async function stop(run: RunningScript): Promise<void> {
	if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
	await run.exited;
}

export type Account = { role: string; username: string; passphrase: string; secret: string };

export function accountsIn(output: string): Account[] {
	return [
		...output.matchAll(/^(\S[^\n]*)\n {2}username: +(\S+)\n {2}passphrase: +([^\n]+)\n {2}TOTP secret: ([A-Z2-7 ]+)$/gm)
	].map(([, role, username, passphrase, secret]) => ({ role, username, passphrase, secret }));
}

/**
 * A printed account as a staff member who signs in with it: passphrase and authenticator. The
 * seeding spent codes of this secret (enrolment, then a sign-in) up to one step ahead of now,
 * and the server takes each step once, so this authenticator starts after them.
 */
export function asStaff(account: Account): EnrolledStaff {
	return {
		username: account.username,
		passphrase: account.passphrase,
		recoveryKey: '',
		authenticator: new TestAuthenticator(account.secret, Math.floor(Date.now() / 30_000) + 1)
	};
}

/** Starts `npm run demo` on `dataDir` and waits until it has seeded and printed its accounts. */
export async function startDemo(
	dataDir: string,
	timeout: number
): Promise<{ demo: RunningScript; origin: string; accounts: Account[] }> {
	const port = await freePort();
	const demo = runDemo(dataDir, port);
	await printed(demo, 'To start afresh', timeout);
	return { demo, origin: `http://localhost:${port}`, accounts: accountsIn(demo.output()) };
}
