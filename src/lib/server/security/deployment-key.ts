import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CRYPTO } from '$lib/crypto/constants';
import { fromBase64url, toBase64url } from '$lib/encoding/base64url';
import { serverConfig } from '../config';

/** The deployment key could not be read: the operator must act, no request can fix it. */
export class DeploymentKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DeploymentKeyError';
	}
}

let cached: { path: string; key: Uint8Array; created: boolean } | null = null;

/**
 * The deployment key: 32 random bytes, base64url text on one line, in a file outside the
 * database (DEPLOYMENT_KEY_FILE, default DATA_DIR/deployment.key), readable by the portal's
 * user only. Created on first use if absent; never stored in the database, so a copy of the
 * database alone (a backup, a replica) does not hold it.
 */
export function deploymentKey(): { key: Uint8Array; created: boolean; path: string } {
	const file = serverConfig().deploymentKeyPath;
	if (cached?.path === file) return cached;
	const created = createIfAbsent(file);
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8').trim();
	} catch (cause) {
		throw new DeploymentKeyError(`The deployment key file ${file} cannot be read: ${(cause as Error).message}`);
	}
	let key: Uint8Array;
	try {
		key = fromBase64url(text);
	} catch {
		throw new DeploymentKeyError(`The deployment key file ${file} does not hold a base64url key.`);
	}
	if (key.length !== CRYPTO.deploymentKeyBytes) {
		throw new DeploymentKeyError(`The deployment key file ${file} does not hold a 32-byte key.`);
	}
	// Repairs a copy restored with looser permissions.
	fs.chmodSync(file, 0o600);
	cached = { path: file, key, created };
	return cached;
}

/** Writes a fresh key with mode 0600 unless the file exists; true when it wrote one. */
function createIfAbsent(file: string): boolean {
	if (fs.existsSync(file)) return false;
	fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	const previousUmask = process.umask(0o077);
	try {
		// 'wx' fails if another process created it in between; that process's key is then the one.
		fs.writeFileSync(file, `${toBase64url(randomBytes(CRYPTO.deploymentKeyBytes))}\n`, { mode: 0o600, flag: 'wx' });
		return true;
	} catch (cause) {
		if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw new DeploymentKeyError(`The deployment key file ${file} cannot be created: ${(cause as Error).message}`);
	} finally {
		process.umask(previousUmask);
	}
}

/** Forgets the loaded key, so the next call reads the file again (tests that replace it). */
export function forgetDeploymentKey(): void {
	cached = null;
}
