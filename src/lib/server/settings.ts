import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { recordAudit } from './audit';
import { db } from './db';
import { DomainError } from './errors';
import { setting } from './db/schema';

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
	| IntakeBudgetKey;

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

export const DEFAULT_DEPLOYMENT_NAME = 'TRIPS Voice';
export const DEPLOYMENT_NAME_LENGTH = { min: 2, max: 80 } as const;

export function deploymentName(): string {
	return readSetting('deployment_name') ?? DEFAULT_DEPLOYMENT_NAME;
}

/** Days the original testimony is kept after approval; shown to survivors before they consent. */
export const DEFAULT_RAW_RETENTION_DAYS = 90;
/** Days a testimony nobody has reviewed is kept before retention deletes it. */
export const DEFAULT_UNREVIEWED_RETENTION_DAYS = 180;
/** Bounds for every retention period, in days: one day to ten years. */
export const RETENTION_DAYS_BOUNDS = { min: 1, max: 3650 } as const;

function retentionDays(key: SettingKey, fallback: number): number {
	const value = Number(readSetting(key));
	return Number.isInteger(value) && value >= RETENTION_DAYS_BOUNDS.min && value <= RETENTION_DAYS_BOUNDS.max
		? value
		: fallback;
}

export function rawRetentionDays(): number {
	return retentionDays('raw_retention_days', DEFAULT_RAW_RETENTION_DAYS);
}

export function unreviewedRetentionDays(): number {
	return retentionDays('unreviewed_retention_days', DEFAULT_UNREVIEWED_RETENTION_DAYS);
}

/** On unless an admin turned it off: a voice carries more of a person than its transcript. */
export function deleteVoiceAfterTranscription(): boolean {
	return readSetting('delete_voice_after_transcription') !== 'false';
}

/**
 * Proof of work on anonymous writes: the server picks a secret counter below this number and the
 * browser must find it, so a writer makes on average half this many SHA-256 attempts. The
 * default keeps a mid-range phone near one second (see the README); an admin raises it under a
 * flood. Bounded so a typo cannot lock every survivor out for hours.
 */
export const DEFAULT_POW_DIFFICULTY = 300_000;
export const POW_DIFFICULTY_BOUNDS = { min: 1_000, max: 20_000_000 } as const;

export function powDifficulty(): number {
	const value = Number(readSetting('pow_difficulty'));
	return Number.isInteger(value) && value >= POW_DIFFICULTY_BOUNDS.min && value <= POW_DIFFICULTY_BOUNDS.max
		? value
		: DEFAULT_POW_DIFFICULTY;
}

export type RetentionSettings = {
	rawRetentionDays: number;
	unreviewedRetentionDays: number;
	deleteVoiceAfterTranscription: boolean;
};

export type DeploymentSettings = RetentionSettings & { deploymentName: string; powDifficulty: number };

export function retentionSettings(): RetentionSettings {
	return {
		rawRetentionDays: rawRetentionDays(),
		unreviewedRetentionDays: unreviewedRetentionDays(),
		deleteVoiceAfterTranscription: deleteVoiceAfterTranscription()
	};
}

export function deploymentSettings(): DeploymentSettings {
	return { deploymentName: deploymentName(), ...retentionSettings(), powDifficulty: powDifficulty() };
}

export class SettingOutOfRange extends DomainError {
	declare readonly status: 400;

	constructor(message: string) {
		super(message, 400);
	}
}

function checkRetentionDays(label: string, days: number): string {
	if (!Number.isInteger(days) || days < RETENTION_DAYS_BOUNDS.min || days > RETENTION_DAYS_BOUNDS.max) {
		throw new SettingOutOfRange(
			`${label} must be a whole number of days from ${RETENTION_DAYS_BOUNDS.min} to ${RETENTION_DAYS_BOUNDS.max}.`
		);
	}
	return String(days);
}

function checkPowDifficulty(difficulty: number): string {
	if (!Number.isInteger(difficulty) || difficulty < POW_DIFFICULTY_BOUNDS.min || difficulty > POW_DIFFICULTY_BOUNDS.max) {
		throw new SettingOutOfRange(
			`The proof-of-work difficulty must be a whole number from ${POW_DIFFICULTY_BOUNDS.min} to ${POW_DIFFICULTY_BOUNDS.max}.`
		);
	}
	return String(difficulty);
}

function checkDeploymentName(name: string): string {
	const trimmed = name.trim();
	if (trimmed.length < DEPLOYMENT_NAME_LENGTH.min || trimmed.length > DEPLOYMENT_NAME_LENGTH.max) {
		throw new SettingOutOfRange(
			`The deployment name must have ${DEPLOYMENT_NAME_LENGTH.min} to ${DEPLOYMENT_NAME_LENGTH.max} characters.`
		);
	}
	return trimmed;
}

/** Stored form of each editable setting, checked; throws SettingOutOfRange before writing anything. */
function storedValues(values: Partial<DeploymentSettings>): Partial<Record<SettingKey, string>> {
	const stored: Partial<Record<SettingKey, string>> = {};
	if (values.deploymentName !== undefined) stored.deployment_name = checkDeploymentName(values.deploymentName);
	if (values.rawRetentionDays !== undefined) {
		stored.raw_retention_days = checkRetentionDays('Days to keep the original', values.rawRetentionDays);
	}
	if (values.unreviewedRetentionDays !== undefined) {
		stored.unreviewed_retention_days = checkRetentionDays('Days to keep unreviewed testimonies', values.unreviewedRetentionDays);
	}
	if (values.deleteVoiceAfterTranscription !== undefined) {
		stored.delete_voice_after_transcription = String(values.deleteVoiceAfterTranscription);
	}
	if (values.powDifficulty !== undefined) stored.pow_difficulty = checkPowDifficulty(values.powDifficulty);
	return stored;
}

/** Writes the given settings that differ from what is in effect; returns the keys it changed. */
function writeChanged(values: Partial<DeploymentSettings>): SettingKey[] {
	const stored = storedValues(values);
	const current = storedValues(deploymentSettings());
	const changed = (Object.keys(stored) as SettingKey[]).filter((key) => stored[key] !== current[key]);
	for (const key of changed) writeSetting(key, stored[key] as string);
	return changed;
}

export function updateRetentionSettings(values: Partial<RetentionSettings>): SettingKey[] {
	return db().transaction(() => writeChanged(values));
}

export function updateDeploymentName(name: string): SettingKey[] {
	return writeChanged({ deploymentName: name });
}

/**
 * An admin's edit of the settings page: every value is checked before any is written, and one
 * audit entry names the keys that changed (nothing is logged when nothing changed).
 */
export function updateDeploymentSettings(values: Partial<DeploymentSettings>, actorId: string): SettingKey[] {
	return db().transaction(() => {
		const before = powDifficulty();
		const changed = writeChanged(values);
		if (changed.length > 0) {
			recordAudit({ actorId, action: 'settings.updated', subjectType: 'setting', detail: { keys: changed.join(',') } });
		}
		// Raising it is what an admin does under a flood: the log says by how much, and who.
		if (changed.includes('pow_difficulty')) {
			recordAudit({
				actorId,
				action: 'settings.pow_difficulty',
				subjectType: 'setting',
				detail: { from: before, to: powDifficulty() }
			});
		}
		return changed;
	});
}

/** Global intake budgets (issue: anonymous floods). Keys of the `setting` table. */
export type IntakeBudgetKey =
	| 'intake_testimonies_per_minute'
	| 'intake_testimonies_per_day'
	| 'intake_messages_per_minute'
	| 'intake_messages_per_day'
	| 'intake_megabytes_per_minute'
	| 'intake_megabytes_per_day';

export type IntakeBudgets = {
	testimoniesPerMinute: number;
	testimoniesPerDay: number;
	messagesPerMinute: number;
	messagesPerDay: number;
	/** Ciphertext of testimonies and messages plus voice notes, in MiB. */
	megabytesPerMinute: number;
	megabytesPerDay: number;
};

/**
 * Far above what real intake needs (a support group of thirty sending within a few minutes, a
 * few hundred testimonies in a busy week) and far below what fills a disk: 1,000 testimonies
 * of 256 KiB and 4,000 MiB of voice notes a day.
 */
export const DEFAULT_INTAKE_BUDGETS: Readonly<IntakeBudgets> = Object.freeze({
	testimoniesPerMinute: 30,
	testimoniesPerDay: 1000,
	messagesPerMinute: 30,
	messagesPerDay: 1000,
	megabytesPerMinute: 200,
	megabytesPerDay: 4000
});

export const INTAKE_BUDGET_BOUNDS = { min: 1, max: 1_000_000 } as const;

const INTAKE_BUDGET_KEYS: Record<keyof IntakeBudgets, IntakeBudgetKey> = {
	testimoniesPerMinute: 'intake_testimonies_per_minute',
	testimoniesPerDay: 'intake_testimonies_per_day',
	messagesPerMinute: 'intake_messages_per_minute',
	messagesPerDay: 'intake_messages_per_day',
	megabytesPerMinute: 'intake_megabytes_per_minute',
	megabytesPerDay: 'intake_megabytes_per_day'
};

const isBudget = (value: number) =>
	Number.isInteger(value) && value >= INTAKE_BUDGET_BOUNDS.min && value <= INTAKE_BUDGET_BOUNDS.max;

/**
 * Read on anonymous writes, so kept for a second: a flood of refused requests must cost little.
 * An admin's edit clears it at once; an edit made straight in the database applies within a second.
 */
const BUDGET_CACHE_MS = 1000;
let cachedBudgets: { budgets: IntakeBudgets; readAt: number } | null = null;

export function intakeBudgets(): IntakeBudgets {
	const now = Date.now();
	if (cachedBudgets && now - cachedBudgets.readAt < BUDGET_CACHE_MS) return { ...cachedBudgets.budgets };
	const stored = new Map(
		db()
			.select()
			.from(setting)
			.where(inArray(setting.key, Object.values(INTAKE_BUDGET_KEYS)))
			.all()
			.map((row) => [row.key, Number(row.value)])
	);
	const budgets = { ...DEFAULT_INTAKE_BUDGETS };
	for (const [name, key] of Object.entries(INTAKE_BUDGET_KEYS) as [keyof IntakeBudgets, IntakeBudgetKey][]) {
		const value = stored.get(key);
		if (value !== undefined && isBudget(value)) budgets[name] = value;
	}
	cachedBudgets = { budgets: { ...budgets }, readAt: now };
	return budgets;
}

/**
 * An admin's edit of the intake budgets: all values checked before any is written, one audit
 * entry naming the keys that changed. Returns those keys.
 */
export function updateIntakeBudgets(values: Partial<IntakeBudgets>, actorId: string): IntakeBudgetKey[] {
	for (const value of Object.values(values)) {
		if (!isBudget(value)) {
			throw new SettingOutOfRange(
				`Each intake budget must be a whole number from ${INTAKE_BUDGET_BOUNDS.min} to ${INTAKE_BUDGET_BOUNDS.max}.`
			);
		}
	}
	cachedBudgets = null;
	return db().transaction(() => {
		const current = intakeBudgets();
		const changed: IntakeBudgetKey[] = [];
		for (const [name, value] of Object.entries(values) as [keyof IntakeBudgets, number][]) {
			if (current[name] === value) continue;
			writeSetting(INTAKE_BUDGET_KEYS[name], String(value));
			changed.push(INTAKE_BUDGET_KEYS[name]);
		}
		cachedBudgets = null;
		if (changed.length > 0) {
			recordAudit({ actorId, action: 'settings.updated', subjectType: 'setting', detail: { keys: changed.join(',') } });
		}
		return changed;
	});
}
