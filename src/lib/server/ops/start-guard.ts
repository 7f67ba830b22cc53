import { serverConfig } from '../config';
import { startRefusals } from './install-checks';
import { claimDataDir, DataDirInUse } from './portal-lock';

/** sysexits' EX_CONFIG: a service manager shows the start failed on its configuration. */
const CONFIGURATION_ERROR = 78;

/**
 * Runs before the portal opens its database: in production it will not serve with settings
 * that would expose survivors (install-checks.ts), and never beside another portal on the same
 * data folder. Says why and how to fix it, then stops.
 */
export function guardStart(): void {
	const { dataDir, databasePath } = serverConfig();
	const refusals = startRefusals({ env: process.env, dataDir, databasePath, uid: process.getuid?.() ?? null });
	if (refusals.length === 0) {
		try {
			claimDataDir(dataDir);
		} catch (error) {
			if (!(error instanceof DataDirInUse)) throw error;
			refusals.push(error.message);
		}
	}
	if (refusals.length === 0) return;
	console.error(
		['TRIPS Voice will not start:', ...refusals.map((reason) => `- ${reason}`), 'See docs/deploy.md.'].join('\n')
	);
	process.exit(CONFIGURATION_ERROR);
}
