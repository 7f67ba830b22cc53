import path from 'node:path';

/** Runtime configuration from the environment, read once. Documented in the README. */
export type ServerConfig = {
	dataDir: string;
	databasePath: string;
	migrationsDir: string;
	origin: string;
	production: boolean;
};

let cached: ServerConfig | null = null;

export function serverConfig(): ServerConfig {
	if (cached) return cached;
	const dataDir = path.resolve(process.env.DATA_DIR || 'data');
	const port = process.env.PORT || '3000';
	const origin = (process.env.ORIGIN || `http://localhost:${port}`).replace(/\/+$/, '');
	cached = Object.freeze({
		dataDir,
		databasePath: path.join(dataDir, 'trips-voice.sqlite'),
		migrationsDir: path.resolve(process.env.MIGRATIONS_DIR || 'drizzle'),
		origin,
		production: process.env.NODE_ENV === 'production'
	});
	return cached;
}
