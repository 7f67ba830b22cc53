import fs from 'node:fs';
import Database from 'better-sqlite3';
import { adminExists } from '../accounts/staff';
import { readSetting, writeSetting } from '../settings/store';

/*
 * `npm run demo` serves a portal seeded with fictional testimonies. Its database carries a `demo`
 * setting from its first start, so that the demo never runs on a folder that holds real data and
 * every page of a demo says so; a real portal never has the setting.
 */

/** What a data folder holds: no database yet, a demo's, or one the demo must not touch. */
export type DemoFolderState = 'fresh' | 'demo' | 'real';

/**
 * Reads the folder's database without changing it. A database that cannot be read as a marked
 * demo counts as real: refusing a broken demo costs a deleted folder, seeding a real one costs trust.
 */
export function demoFolderState(databasePath: string): DemoFolderState {
	if (!fs.existsSync(databasePath)) return 'fresh';
	let database: Database.Database | undefined;
	try {
		database = new Database(databasePath, { readonly: true, fileMustExist: true });
		const row = database.prepare("select value from setting where key = 'demo'").get() as { value: string } | undefined;
		return row?.value === '1' ? 'demo' : 'real';
	} catch {
		return 'real';
	} finally {
		database?.close();
	}
}

/** At a start with DEMO=1: mark a database nobody has set up yet, run a marked one, refuse any other. */
export function demoStartDecision(state: { marked: boolean; setUp: boolean }): 'mark' | 'run' | 'refuse' {
	if (state.marked) return 'run';
	return state.setUp ? 'refuse' : 'mark';
}

export const DEMO_REFUSAL =
	'This data folder holds a portal that is not a demo. The demo never runs on real data: choose another DATA_DIR, or leave it unset for demo-data.';

let demoPortal = false;

/** Marks or checks the database as the server starts; returns a refusal, or null when it may serve. */
export function prepareDemoDatabase(env: Record<string, string | undefined>): string | null {
	const marked = readSetting('demo') === '1';
	demoPortal = marked;
	if (env.DEMO !== '1') return null;
	const decision = demoStartDecision({ marked, setUp: adminExists() });
	if (decision === 'refuse') return DEMO_REFUSAL;
	if (decision === 'mark') writeSetting('demo', '1');
	demoPortal = true;
	return null;
}

/** Whether this portal serves a demo database: every page then says so. */
export function isDemoPortal(): boolean {
	return demoPortal;
}
