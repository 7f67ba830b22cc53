import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { demoFolderState, demoStartDecision } from './demo';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** A data folder whose database holds the given settings. */
function folderWith(settings: Record<string, string> | null): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-demo-state-'));
	folders.push(folder);
	const databasePath = path.join(folder, 'trips-voice.sqlite');
	if (settings) {
		const database = new Database(databasePath);
		database.exec('create table setting (key text primary key, value text not null)');
		for (const [key, value] of Object.entries(settings)) {
			database.prepare('insert into setting (key, value) values (?, ?)').run(key, value);
		}
		database.close();
	}
	return databasePath;
}

describe('the demo’s data folder', () => {
	it('is fresh when it holds no database yet', () => {
		expect(demoFolderState(folderWith(null))).toBe('fresh');
	});

	it('is a demo when its database carries the demo mark', () => {
		expect(demoFolderState(folderWith({ demo: '1', deployment_name: 'Demo' }))).toBe('demo');
	});

	it('holds real data when its database has no demo mark', () => {
		expect(demoFolderState(folderWith({ deployment_name: 'Lyon support network' }))).toBe('real');
	});

	it('counts a file that is no portal database as real, so the demo leaves it alone', () => {
		const databasePath = folderWith(null);
		fs.writeFileSync(databasePath, 'not a database');
		expect(demoFolderState(databasePath)).toBe('real');
	});
});

describe('a start with DEMO=1', () => {
	it('marks a database nobody has set up yet', () => {
		expect(demoStartDecision({ marked: false, setUp: false })).toBe('mark');
	});

	it('serves a marked demo database', () => {
		expect(demoStartDecision({ marked: true, setUp: true })).toBe('run');
	});

	it('refuses a database that holds a real portal', () => {
		expect(demoStartDecision({ marked: false, setUp: true })).toBe('refuse');
	});
});
