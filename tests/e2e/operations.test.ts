import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPortal } from './harness';

/** Runs `npm run doctor` as an operator would, on the data folder given. */
function doctor(dataDir: string, env: Record<string, string> = {}) {
	const run = spawnSync(process.execPath, ['scripts/doctor.js'], {
		env: { ...process.env, DATA_DIR: dataDir, ...env },
		encoding: 'utf8',
		timeout: 180_000
	});
	return { status: run.status, output: run.stdout + run.stderr };
}

describe('the install check, run as a command', () => {
	it('tells a new operator to start the portal once, and fails nothing', () => {
		const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tv-doctor-')), 'data');
		const { status, output } = doctor(empty, { ORIGIN: 'https://voice.example.org' });
		expect(output).toContain(`warning  Data folder: ${empty} does not exist yet`);
		expect(output).toContain(`warning  Deployment key: ${empty}/deployment.key does not exist yet`);
		expect(output).toContain('0 problems, 3 warnings.');
		expect(status).toBe(0);
		// It only looked: nothing was created.
		expect(fs.existsSync(empty)).toBe(false);
	}, 240_000);

	it('fails on a database others can read, beside a portal that served it, and says how to fix it', async () => {
		const portal = await startPortal();
		try {
			const database = path.join(portal.dataDir, 'trips-voice.sqlite');
			fs.chmodSync(database, 0o644);
			const { status, output } = doctor(portal.dataDir, { ORIGIN: 'https://voice.example.org' });
			expect(output).toContain(`PROBLEM  File permissions: ${database} is 644`);
			expect(output).toContain(`fix: chmod 600 ${database}`);
			expect(output).toContain('ok       Migrations: all');
			expect(status).toBe(1);
		} finally {
			await portal.stop();
		}
	}, 240_000);
});

describe('the portal refuses to start where it would expose survivors', () => {
	it('says why and how to fix it: a client address header, a public bind with no proxy noted', async () => {
		const started = startPortal({ ADDRESS_HEADER: 'X-Forwarded-For', HOST: '0.0.0.0' });
		await expect(started).rejects.toThrow(/The portal exited with 78/);
		const message = await started.catch((error: Error) => error.message);
		expect(message).toContain('TRIPS Voice will not start:');
		expect(message).toContain('HOST: the portal listens on 0.0.0.0');
		expect(message).toContain('Fix: Unset ADDRESS_HEADER');
		expect(message).not.toContain('is listening on');
	}, 240_000);

	it('will not open a database others can read, nor serve a data folder another portal serves', async () => {
		const portal = await startPortal();
		try {
			const second = startPortal({ DATA_DIR: portal.dataDir });
			await expect(second).rejects.toThrow(`Another portal (process ${portal.pid}) is serving ${portal.dataDir}`);
			expect((await fetch(`${portal.origin}/healthz`)).status).toBe(200);

			const database = path.join(portal.dataDir, 'trips-voice.sqlite');
			await portal.crash();
			fs.chmodSync(database, 0o644);
			await expect(startPortal({ DATA_DIR: portal.dataDir })).rejects.toThrow(`Fix: chmod 600 ${database}`);
			fs.chmodSync(database, 0o600);
			// A crash leaves portal.pid behind; it names a dead process and blocks nothing.
			expect(fs.existsSync(path.join(portal.dataDir, 'portal.pid'))).toBe(true);
			const restarted = await startPortal({ DATA_DIR: portal.dataDir });
			await restarted.stop();
		} finally {
			await portal.stop();
		}
	}, 240_000);
});
