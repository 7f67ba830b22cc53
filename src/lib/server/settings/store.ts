/**
 * The `setting` table: one text value per key, and the two random values made on first use
 * (the receipt salt and the server's own secret). Every other settings module reads and writes here.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { db } from '../db';
import { preparedQuery } from '../db/prepared';
import { setting } from '../db/schema';
import { DomainError, type Refusal } from '../http/errors';
import { fromBase64url, toBase64url } from '$lib/encoding/base64url';
import type { IntakeBudgetKey } from './intake-budgets';

/** Keys of the `setting` table. The deployment salt is created once and never edited. */
export type SettingKey =
	| 'deployment_salt'
	| 'server_secret'
	| 'setup_token_hash'
	| 'deployment_name'
	| 'raw_retention_days'
	| 'unreviewed_retention_days'
	| 'delete_voice_after_transcription'
	| 'pow_difficulty'
	| 'rejected_grace_days'
	| 'rejections_per_day'
	/** Languages whose survivors may hear speech synthesis where no recording exists (settings/speech.ts). */
	| 'speech_synthesis_locales'
	/** Set on a demo's database only (see ops/demo.ts). */
	| 'demo'
	| IntakeBudgetKey;

/** Prepared once: the server secret is read on every anonymous write. */
const settingByKey = preparedQuery((database) =>
	database
		.select({ value: setting.value })
		.from(setting)
		.where(eq(setting.key, sql.placeholder('key')))
		.prepare()
);

export function readSetting(key: SettingKey): string | null {
	return settingByKey().get({ key })?.value ?? null;
}

export function writeSetting(key: SettingKey, value: string): void {
	db().insert(setting).values({ key, value }).onConflictDoUpdate({ target: setting.key, set: { value } }).run();
}

export function deleteSetting(key: SettingKey): void {
	db().delete(setting).where(eq(setting.key, key)).run();
}

function ensureRandomSetting(key: SettingKey, byteLength: number): string {
	const existing = readSetting(key);
	if (existing) return existing;
	const value = toBase64url(randomBytes(byteLength));
	db().insert(setting).values({ key, value }).onConflictDoNothing().run();
	return readSetting(key) as string;
}

/** Salt for receipt Argon2id, shared by every survivor of this deployment (16 bytes). */
export function deploymentSalt(): string {
	return ensureRandomSetting('deployment_salt', 16);
}

/** Server-only secret: keys the fake login salts for unknown usernames. */
export function serverSecret(): Uint8Array {
	return fromBase64url(ensureRandomSetting('server_secret', 32));
}

export class SettingOutOfRange extends DomainError {
	declare readonly status: 400;

	constructor(refusal: Refusal) {
		super(refusal, 400);
	}
}
