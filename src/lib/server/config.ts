import path from 'node:path';
import { parseOnionOrigin } from './security/onion-origin.js';

/** Runtime configuration from the environment, read once. Documented in the README. */
export type ServerConfig = {
	dataDir: string;
	databasePath: string;
	/**
	 * The deployment key (DEPLOYMENT_KEY_FILE): 32 random bytes kept outside the database, under
	 * which the TOTP secrets are sealed. Default: `deployment.key` in DATA_DIR.
	 */
	deploymentKeyPath: string;
	migrationsDir: string;
	origin: string;
	/** The onion service's origin (ONION_ORIGIN), accepted beside `origin`; null without one. */
	onionOrigin: string | null;
	production: boolean;
	/** Intake stops while free space on DATA_DIR is below the larger of these two. */
	diskHeadroomMinBytes: number;
	diskHeadroomPercent: number;
	/** Size of the file kept in DATA_DIR and given up when the disk fills, so staff can still sign in. */
	diskReserveBytes: number;
	/** Who checkpoints the WAL: the portal, or a replicator (Litestream) that must be the only one to. */
	walCheckpoints: WalCheckpoints;
};

export type WalCheckpoints = 'portal' | 'replicator';

const MIB = 1024 * 1024;

/** A non-negative number from the environment, or the default when unset or not a number. */
function envNumber(name: string, fallback: number): number {
	const raw = process.env[name];
	const value = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
	return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * WAL_CHECKPOINTS: unset or "portal", or "replicator". A typo must not quietly leave the portal
 * truncating a WAL that Litestream is reading, so anything else stops the start.
 */
function walCheckpoints(): WalCheckpoints {
	const raw = (process.env.WAL_CHECKPOINTS ?? '').trim();
	if (raw === '' || raw === 'portal') return 'portal';
	if (raw === 'replicator') return 'replicator';
	throw new Error(`WAL_CHECKPOINTS must be "portal" (the default) or "replicator", not "${raw}".`);
}

let cached: ServerConfig | null = null;

export function serverConfig(): ServerConfig {
	if (cached) return cached;
	const dataDir = path.resolve(process.env.DATA_DIR || 'data');
	const port = process.env.PORT || '3000';
	const origin = (process.env.ORIGIN || `http://localhost:${port}`).replace(/\/+$/, '');
	cached = Object.freeze({
		dataDir,
		databasePath: path.join(dataDir, 'trips-voice.sqlite'),
		deploymentKeyPath: path.resolve(process.env.DEPLOYMENT_KEY_FILE || path.join(dataDir, 'deployment.key')),
		migrationsDir: path.resolve(process.env.MIGRATIONS_DIR || 'drizzle'),
		origin,
		onionOrigin: parseOnionOrigin(process.env.ONION_ORIGIN),
		production: process.env.NODE_ENV === 'production',
		diskHeadroomMinBytes: Math.round(envNumber('DISK_HEADROOM_MB', 256) * MIB),
		diskHeadroomPercent: Math.min(envNumber('DISK_HEADROOM_PERCENT', 2), 50),
		diskReserveBytes: Math.round(envNumber('DISK_RESERVE_MB', 32) * MIB),
		walCheckpoints: walCheckpoints()
	});
	return cached;
}
