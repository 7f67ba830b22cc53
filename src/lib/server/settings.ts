import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from './db';
import { setting } from './db/schema';

/** Keys of the `setting` table. The deployment salt is created once and never edited. */
export type SettingKey =
	| 'deployment_salt'
	| 'server_secret'
	| 'setup_token_hash'
	| 'deployment_name'
	| 'raw_retention_days';

export function readSetting(key: SettingKey): string | null {
	const row = db().select().from(setting).where(eq(setting.key, key)).get();
	return row?.value ?? null;
}

export function writeSetting(key: SettingKey, value: string): void {
	db()
		.insert(setting)
		.values({ key, value })
		.onConflictDoUpdate({ target: setting.key, set: { value } })
		.run();
}

export function deleteSetting(key: SettingKey): void {
	db().delete(setting).where(eq(setting.key, key)).run();
}

function ensureRandomSetting(key: SettingKey, byteLength: number): string {
	const existing = readSetting(key);
	if (existing) return existing;
	const value = randomBytes(byteLength).toString('base64url');
	db().insert(setting).values({ key, value }).onConflictDoNothing().run();
	return readSetting(key) as string;
}

/** Salt for receipt Argon2id, shared by every survivor of this deployment (16 bytes). */
export function deploymentSalt(): string {
	return ensureRandomSetting('deployment_salt', 16);
}

/** Server-only secret: keys the fake login salts for unknown usernames. */
export function serverSecret(): Buffer {
	return Buffer.from(ensureRandomSetting('server_secret', 32), 'base64url');
}

export function deploymentName(): string {
	return readSetting('deployment_name') ?? 'TRIPS Voice';
}

/** Days the original testimony is kept after approval; shown to survivors before they consent. */
export const DEFAULT_RAW_RETENTION_DAYS = 90;

export function rawRetentionDays(): number {
	const value = Number(readSetting('raw_retention_days'));
	return Number.isInteger(value) && value > 0 ? value : DEFAULT_RAW_RETENTION_DAYS;
}
