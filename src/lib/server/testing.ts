import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { CRYPTO } from '$lib/crypto/constants';
import { closeDatabase } from './db';
import type { NewStaffUser } from './staff';

/**
 * Points this test file's server modules at a real, fresh SQLite file in a temporary folder.
 * Call at the top of a test file, before anything opens the database.
 */
export function useTemporaryDatabase(): { dataDir: string } {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-unit-'));
	process.env.DATA_DIR = dataDir;
	process.env.MIGRATIONS_DIR = path.resolve('drizzle');
	afterAll(() => {
		closeDatabase();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});
	return { dataDir };
}

/**
 * A staff account as the setup page would send it. The keys are random bytes: these tests
 * are about what the server stores and refuses, not about the browser's cryptography.
 */
export function fakeStaffUser(username: string, authKey: Uint8Array = randomBytes(32)): NewStaffUser {
	return {
		username,
		authKey,
		pwhashSalt: randomBytes(16),
		pwhashOpsLimit: CRYPTO.staffPwhash.opsLimit,
		pwhashMemLimit: CRYPTO.staffPwhash.memLimitBytes,
		publicKey: randomBytes(32),
		wrappedSecretKey: { nonce: randomBytes(24), ciphertext: randomBytes(48) },
		recoveryWrappedSecretKey: { nonce: randomBytes(24), ciphertext: randomBytes(48) }
	};
}
