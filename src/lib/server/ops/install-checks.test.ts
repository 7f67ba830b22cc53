import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { productionMode, startRefusals } from './install-checks';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-start-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A data folder as the portal leaves it: the folder 700, the database 600. */
function dataFolder(name: string) {
	const dataDir = path.join(root, name);
	fs.mkdirSync(dataDir, { mode: 0o700 });
	const databasePath = path.join(dataDir, 'trips-voice.sqlite');
	fs.writeFileSync(databasePath, '', { mode: 0o600 });
	return { dataDir, databasePath, uid: process.getuid?.() ?? null };
}

describe('startRefusals', () => {
	const production = { NODE_ENV: 'production', ORIGIN: 'https://voice.example.org' };

	it('lets a safe install start, and a new one whose folder does not exist yet', () => {
		expect(startRefusals({ env: production, ...dataFolder('safe') })).toEqual([]);
		const fresh = path.join(root, 'not-yet');
		expect(startRefusals({ env: production, dataDir: fresh, databasePath: path.join(fresh, 'db'), uid: null })).toEqual(
			[]
		);
	});

	it('refuses, with the reason and the fix, a database others can read', () => {
		const folder = dataFolder('shared');
		fs.chmodSync(folder.databasePath, 0o644);
		const [refusal, ...rest] = startRefusals({ env: production, ...folder });
		expect(rest).toEqual([]);
		expect(refusal).toContain(`${folder.databasePath} is 644: other users of this machine can read it`);
		expect(refusal).toContain(`Fix: chmod 600 ${folder.databasePath}`);
		// A folder others can open is the portal's to make private as it starts, not a refusal.
		fs.chmodSync(folder.databasePath, 0o600);
		fs.chmodSync(folder.dataDir, 0o1777);
		expect(startRefusals({ env: production, ...folder })).toEqual([]);
	});

	it('refuses a public bind without a proxy noted, and a client address header', () => {
		const folder = dataFolder('exposed');
		const refusals = startRefusals({
			env: { ...production, HOST: '0.0.0.0', ADDRESS_HEADER: 'X-Forwarded-For' },
			...folder
		});
		expect(refusals.map((line) => line.split(':')[0])).toEqual(['HOST', 'ADDRESS_HEADER']);
		expect(
			startRefusals({ env: { ...production, HOST: '0.0.0.0', PROXY_NOTE: 'nginx on the host' }, ...folder })
		).toEqual([]);
	});

	it('counts an https ORIGIN as production even without NODE_ENV, and refuses nothing in development', () => {
		expect(productionMode({ ORIGIN: 'https://voice.example.org' })).toBe(true);
		expect(productionMode({ NODE_ENV: 'production' })).toBe(true);
		expect(productionMode({ ORIGIN: 'http://localhost:5173' })).toBe(false);
		const folder = dataFolder('development');
		fs.chmodSync(folder.databasePath, 0o644);
		expect(startRefusals({ env: { HOST: '0.0.0.0', ADDRESS_HEADER: 'X-Real-IP' }, ...folder })).toEqual([]);
		// An http ORIGIN (a trial, or an onion-only portal) is the doctor's business, not a refusal.
		expect(
			startRefusals({ env: { NODE_ENV: 'production', ORIGIN: 'http://voice.example.org' }, ...dataFolder('http') })
		).toEqual([]);
	});
});
