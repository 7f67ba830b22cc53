import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { readyCrypto } from '$lib/crypto';
import { CRYPTO } from '$lib/crypto/constants';
import { closeDatabase, db } from './db';
import { submission, type SubmissionStatus } from './db/schema';
import { sha256 } from './security/tokens';
import { newReference } from './intake/inbox';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { NewStaffUser } from './accounts/staff';
import type { IncomingSubmission } from './intake/submissions';
import { completeSetup, issueSetupToken, setupTotp } from './accounts/setup';
import { totpCode, totpStep } from './auth/totp';

/**
 * Points this test file's server modules at a real, fresh SQLite file in a temporary folder.
 * Call at the top of a test file, before anything opens the database.
 */
export function useTemporaryDatabase(): { dataDir: string } {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tv-unit-'));
	process.env.DATA_DIR = dataDir;
	process.env.MIGRATIONS_DIR = path.resolve('drizzle');
	// TOTP secrets are sealed with libsodium on the server (docs/crypto.md §2.13).
	beforeAll(readyCrypto);
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
		recoveryWrappedSecretKey: { nonce: randomBytes(24), ciphertext: randomBytes(48) },
		recoveryAuthKey: randomBytes(32)
	};
}

/**
 * Runs first-run setup as the setup page does, answering the authenticator step with the
 * current code, and returns what it created.
 */
export function setUpTestDeployment(
	options: { admin?: NewStaffUser; channelName?: string; country?: string; now?: Date } = {}
) {
	const now = options.now ?? new Date();
	const token = issueSetupToken();
	if (!token) throw new Error('This test database already has an admin.');
	const admin = options.admin ?? fakeStaffUser('first.admin');
	const enrolment = setupTotp(token, admin.username);
	const secret = decodeBase32IgnorePadding(enrolment.secret.replace(/ /g, ''));
	const created = completeSetup(
		{
			token,
			totpCode: totpCode(secret, totpStep(now)),
			admin,
			channel: {
				name: options.channelName ?? 'Palermo shelter',
				country: options.country ?? 'IT',
				publicKey: randomBytes(32),
				sealedSecretKey: randomBytes(80)
			},
			sealedCorpusKey: randomBytes(80)
		},
		now
	);
	return { ...created, admin, totpSecret: secret };
}

/**
 * One testimony row as the intake stores it, with random stand-ins for every sealed byte.
 * Returns its id.
 */
export function insertTestimony(fields: {
	channelId: string;
	channelKeyId: number;
	receivedDay: string;
	status?: SubmissionStatus;
}): string {
	const id = randomUUID();
	db()
		.insert(submission)
		.values({
			id,
			channelId: fields.channelId,
			channelKeyId: fields.channelKeyId,
			formatVersion: 1,
			nonce: randomBytes(24),
			ciphertext: randomBytes(512),
			sealedDataKey: randomBytes(80),
			receiptLookupHash: sha256(randomBytes(32)),
			replyPublicKey: randomBytes(32),
			receivedDay: fields.receivedDay,
			status: fields.status ?? 'new',
			reference: newReference()
		})
		.run();
	return id;
}

/** SQLite's plan for a query, one line per step ("SEARCH submission USING INDEX …"). */
export function queryPlan(query: { toSQL(): { sql: string; params: unknown[] } }): string[] {
	const { sql, params } = query.toSQL();
	return (
		db()
			.$client.prepare(`explain query plan ${sql}`)
			.all(...params) as { detail: string }[]
	).map((step) => step.detail);
}

/** A testimony as a survivor's browser uploads it, with random stand-ins for every sealed byte. */
export function incomingSubmission(channelId: string, overrides: Partial<IncomingSubmission> = {}): IncomingSubmission {
	return {
		id: randomBytes(16).toString('base64url'),
		channelId,
		channelKeyVersion: 1,
		formatVersion: 1,
		nonce: randomBytes(24),
		ciphertext: randomBytes(528),
		sealedDataKey: randomBytes(80),
		receiptLookupToken: randomBytes(32),
		replyPublicKey: randomBytes(32),
		...overrides
	};
}
