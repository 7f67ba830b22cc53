import { and, eq, lte } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { DomainError, type RefusalKey } from '../http/errors';
import { pendingSettingChange } from '../db/schema';
import { DAY_MS } from '../dates';
import { SettingOutOfRange, readSetting, writeSetting, type SettingKey } from './store';
import { updateIntakeBudgets, type IntakeBudgets } from './intake-budgets';
import type { StaffMessageKey } from '$lib/staff-i18n';

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

/** Days a rejected testimony waits, undoable, before retention deletes it. */
export const DEFAULT_REJECTED_GRACE_DAYS = 30;
/**
 * Rejections one moderator may make alone in any 24 hours; beyond it a rejection stays
 * proposed until another moderator of the channel confirms it. Zero: every rejection needs two.
 */
export const DEFAULT_REJECTIONS_PER_DAY = 3;
export const REJECTIONS_PER_DAY_BOUNDS = { min: 0, max: 50 } as const;
/**
 * How long a weakening change (a retention period lowered below its default, the rejection
 * limit raised above its default) waits before it takes effect. A constant, not a setting, so
 * one stolen admin account cannot shorten the delay first.
 */
export const WEAKENING_DELAY_DAYS = 7;

type Bounds = { readonly min: number; readonly max: number };

function wholeNumberSetting(key: SettingKey, fallback: number, bounds: Bounds, now: Date): number {
	const stored = effectiveStoredValue(key, now);
	// Number(null) is 0, a valid limit: an unset key must mean the default.
	const value = stored === null ? Number.NaN : Number(stored);
	return Number.isInteger(value) && value >= bounds.min && value <= bounds.max ? value : fallback;
}

/** The stored value, or a pending change's value once its delay has passed (applied or not yet). */
function effectiveStoredValue(key: SettingKey, now: Date): string | null {
	const due = db()
		.select({ value: pendingSettingChange.value })
		.from(pendingSettingChange)
		.where(and(eq(pendingSettingChange.key, key), lte(pendingSettingChange.effectiveAt, now)))
		.get();
	return due?.value ?? readSetting(key);
}

export function rawRetentionDays(now = new Date()): number {
	return wholeNumberSetting('raw_retention_days', DEFAULT_RAW_RETENTION_DAYS, RETENTION_DAYS_BOUNDS, now);
}

export function unreviewedRetentionDays(now = new Date()): number {
	return wholeNumberSetting('unreviewed_retention_days', DEFAULT_UNREVIEWED_RETENTION_DAYS, RETENTION_DAYS_BOUNDS, now);
}

export function rejectedGraceDays(now = new Date()): number {
	return wholeNumberSetting('rejected_grace_days', DEFAULT_REJECTED_GRACE_DAYS, RETENTION_DAYS_BOUNDS, now);
}

export function rejectionsPerDay(now = new Date()): number {
	return wholeNumberSetting('rejections_per_day', DEFAULT_REJECTIONS_PER_DAY, REJECTIONS_PER_DAY_BOUNDS, now);
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
	rejectedGraceDays: number;
	rejectionsPerDay: number;
};

export type DeploymentSettings = RetentionSettings & { deploymentName: string; powDifficulty: number };

export function retentionSettings(now = new Date()): RetentionSettings {
	return {
		rawRetentionDays: rawRetentionDays(now),
		unreviewedRetentionDays: unreviewedRetentionDays(now),
		deleteVoiceAfterTranscription: deleteVoiceAfterTranscription(),
		rejectedGraceDays: rejectedGraceDays(now),
		rejectionsPerDay: rejectionsPerDay(now)
	};
}

export function deploymentSettings(now = new Date()): DeploymentSettings {
	return { deploymentName: deploymentName(), ...retentionSettings(now), powDifficulty: powDifficulty() };
}

function checkRetentionDays(key: RefusalKey, days: number): string {
	if (!Number.isInteger(days) || days < RETENTION_DAYS_BOUNDS.min || days > RETENTION_DAYS_BOUNDS.max) {
		throw new SettingOutOfRange({ key, params: { min: RETENTION_DAYS_BOUNDS.min, max: RETENTION_DAYS_BOUNDS.max } });
	}
	return String(days);
}

function checkPowDifficulty(difficulty: number): string {
	if (
		!Number.isInteger(difficulty) ||
		difficulty < POW_DIFFICULTY_BOUNDS.min ||
		difficulty > POW_DIFFICULTY_BOUNDS.max
	) {
		throw new SettingOutOfRange({
			key: 'staff_refusals_setting_pow_difficulty',
			params: { min: POW_DIFFICULTY_BOUNDS.min, max: POW_DIFFICULTY_BOUNDS.max }
		});
	}
	return String(difficulty);
}

function checkDeploymentName(name: string): string {
	const trimmed = name.trim();
	if (trimmed.length < DEPLOYMENT_NAME_LENGTH.min || trimmed.length > DEPLOYMENT_NAME_LENGTH.max) {
		throw new SettingOutOfRange({
			key: 'staff_refusals_setting_deployment_name',
			params: { min: DEPLOYMENT_NAME_LENGTH.min, max: DEPLOYMENT_NAME_LENGTH.max }
		});
	}
	return trimmed;
}

/** Stored form of each editable setting, checked; throws SettingOutOfRange before writing anything. */
function storedValues(values: Partial<DeploymentSettings>): Partial<Record<SettingKey, string>> {
	const stored: Partial<Record<SettingKey, string>> = {};
	if (values.deploymentName !== undefined) stored.deployment_name = checkDeploymentName(values.deploymentName);
	if (values.rawRetentionDays !== undefined) {
		stored.raw_retention_days = checkRetentionDays('staff_refusals_setting_raw_retention', values.rawRetentionDays);
	}
	if (values.unreviewedRetentionDays !== undefined) {
		stored.unreviewed_retention_days = checkRetentionDays(
			'staff_refusals_setting_unreviewed_retention',
			values.unreviewedRetentionDays
		);
	}
	if (values.deleteVoiceAfterTranscription !== undefined) {
		stored.delete_voice_after_transcription = String(values.deleteVoiceAfterTranscription);
	}
	if (values.powDifficulty !== undefined) stored.pow_difficulty = checkPowDifficulty(values.powDifficulty);
	if (values.rejectedGraceDays !== undefined) {
		stored.rejected_grace_days = checkRetentionDays('staff_refusals_setting_rejected_grace', values.rejectedGraceDays);
	}
	if (values.rejectionsPerDay !== undefined) {
		const limit = values.rejectionsPerDay;
		if (!Number.isInteger(limit) || limit < REJECTIONS_PER_DAY_BOUNDS.min || limit > REJECTIONS_PER_DAY_BOUNDS.max) {
			throw new SettingOutOfRange({
				key: 'staff_refusals_setting_rejections_per_day',
				params: { min: REJECTIONS_PER_DAY_BOUNDS.min, max: REJECTIONS_PER_DAY_BOUNDS.max }
			});
		}
		stored.rejections_per_day = String(limit);
	}
	return stored;
}

/**
 * Settings whose change in one direction lets testimonies be deleted sooner or more easily:
 * that direction, past the default, waits WEAKENING_DELAY_DAYS. Returns whether `next` weakens.
 */
const DELAYED_SETTINGS: Partial<Record<SettingKey, (next: number, current: number) => boolean>> = {
	raw_retention_days: (next, current) => next < current && next < DEFAULT_RAW_RETENTION_DAYS,
	unreviewed_retention_days: (next, current) => next < current && next < DEFAULT_UNREVIEWED_RETENTION_DAYS,
	rejected_grace_days: (next, current) => next < current && next < DEFAULT_REJECTED_GRACE_DAYS,
	rejections_per_day: (next, current) => next > current && next > DEFAULT_REJECTIONS_PER_DAY
};

/** The settings page's label of each setting that can wait, as a staff catalogue key. */
export const SETTING_LABELS: Partial<Record<SettingKey, StaffMessageKey>> = {
	raw_retention_days: 'staff_admin_settings_raw_retention',
	unreviewed_retention_days: 'staff_admin_settings_unreviewed_retention',
	rejected_grace_days: 'staff_admin_settings_rejected_grace',
	rejections_per_day: 'staff_admin_settings_rejection_limit'
};

export function isWeakening(key: SettingKey, next: string, current: string): boolean {
	const weakens = DELAYED_SETTINGS[key];
	return weakens ? weakens(Number(next), Number(current)) : false;
}

export type PendingChange = {
	key: SettingKey;
	/** Null for a key without a label (from an older version): it is then shown as itself. */
	label: StaffMessageKey | null;
	value: string;
	proposedBy: string | null;
	proposedAt: Date;
	effectiveAt: Date;
};

/** Weakening changes still waiting out their delay, soonest first, with who proposed them. */
export function pendingSettingChanges(now = new Date()): PendingChange[] {
	return db()
		.select()
		.from(pendingSettingChange)
		.orderBy(pendingSettingChange.effectiveAt)
		.all()
		.filter((row) => row.effectiveAt > now)
		.map((row) => ({
			key: row.key as SettingKey,
			label: SETTING_LABELS[row.key as SettingKey] ?? null,
			value: row.value,
			proposedBy: row.proposedBy,
			proposedAt: row.proposedAt,
			effectiveAt: row.effectiveAt
		}));
}

export class NoPendingChange extends DomainError {
	declare readonly status: 404;

	constructor() {
		super({ key: 'staff_refusals_setting_no_pending_change' }, 404);
	}
}

/** Any admin, the proposer included, can stop a weakening change before it takes effect. */
export function cancelPendingSettingChange(key: string, actorId: string, now = new Date()): void {
	db().transaction(() => {
		const row = db().select().from(pendingSettingChange).where(eq(pendingSettingChange.key, key)).get();
		if (!row || row.effectiveAt <= now) throw new NoPendingChange();
		db().delete(pendingSettingChange).where(eq(pendingSettingChange.key, key)).run();
		recordAudit(
			{
				actorId,
				action: 'settings.change_cancelled',
				subjectType: 'setting',
				subjectId: key,
				detail: { value: row.value, proposedBy: row.proposedBy ?? '', proposedAt: row.proposedAt.toISOString() }
			},
			now
		);
	});
}

/**
 * Writes the changes whose delay has passed into the settings (their value already counted
 * from that moment, see effectiveStoredValue) and audits each. Returns the keys applied.
 */
export function applyDueSettingChanges(now = new Date()): SettingKey[] {
	return db().transaction(() => {
		const due = db().select().from(pendingSettingChange).where(lte(pendingSettingChange.effectiveAt, now)).all();
		for (const row of due) {
			writeSetting(row.key as SettingKey, row.value);
			db().delete(pendingSettingChange).where(eq(pendingSettingChange.key, row.key)).run();
			recordAudit(
				{
					actorId: null,
					action: 'settings.change_applied',
					subjectType: 'setting',
					subjectId: row.key,
					detail: { value: row.value, proposedBy: row.proposedBy ?? '', effectiveAt: row.effectiveAt.toISOString() }
				},
				now
			);
		}
		return due.map((row) => row.key as SettingKey);
	});
}

/**
 * Writes the given settings that differ from what is in effect and returns the keys it
 * changed. A weakening change is not written: it becomes a pending change that takes effect
 * after WEAKENING_DELAY_DAYS (audited as proposed). Any other change of a key drops a pending
 * change of that key, since the admin has just chosen its value.
 */
function writeChanged(values: Partial<DeploymentSettings>, actorId: string | null, now: Date): SettingKey[] {
	applyDueSettingChanges(now);
	const stored = storedValues(values);
	const current = storedValues(deploymentSettings(now));
	const changed: SettingKey[] = [];
	for (const key of (Object.keys(stored) as SettingKey[]).filter((key) => stored[key] !== current[key])) {
		const next = stored[key] as string;
		if (isWeakening(key, next, current[key] as string)) {
			proposeChange(key, next, actorId, now);
			continue;
		}
		writeSetting(key, next);
		db().delete(pendingSettingChange).where(eq(pendingSettingChange.key, key)).run();
		changed.push(key);
	}
	return changed;
}

function proposeChange(key: SettingKey, value: string, actorId: string | null, now: Date): void {
	const existing = db().select().from(pendingSettingChange).where(eq(pendingSettingChange.key, key)).get();
	// Saving the form again with the same lowered value must not restart the clock.
	if (existing?.value === value) return;
	const effectiveAt = new Date(now.getTime() + WEAKENING_DELAY_DAYS * DAY_MS);
	db()
		.insert(pendingSettingChange)
		.values({ key, value, proposedBy: actorId, proposedAt: now, effectiveAt })
		.onConflictDoUpdate({
			target: pendingSettingChange.key,
			set: { value, proposedBy: actorId, proposedAt: now, effectiveAt }
		})
		.run();
	recordAudit(
		{
			actorId,
			action: 'settings.change_proposed',
			subjectType: 'setting',
			subjectId: key,
			detail: { value, current: readSetting(key) ?? 'default', effectiveAt: effectiveAt.toISOString() }
		},
		now
	);
}

/** Retention settings from code (no admin): the same delay applies to weakening changes. */
export function updateRetentionSettings(values: Partial<RetentionSettings>, now = new Date()): SettingKey[] {
	return db().transaction(() => writeChanged(values, null, now));
}

export function updateDeploymentName(name: string): SettingKey[] {
	return writeChanged({ deploymentName: name }, null, new Date());
}

/**
 * An admin's edit of the settings page: every value is checked before any is written, and one
 * audit entry names the keys that changed (nothing is logged when nothing changed).
 */
export function updateDeploymentSettings(
	values: Partial<DeploymentSettings>,
	actorId: string,
	now = new Date()
): SettingKey[] {
	return db().transaction(() => {
		const before = powDifficulty();
		const changed = writeChanged(values, actorId, now);
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

/** What saving the settings page did: whether anything changed now, and which changes now wait. */
export type SettingsSaved = { changed: boolean; proposed: PendingChange[] };

/**
 * Saves the settings page: deployment settings and intake budgets (fields left out keep their
 * value). Returns what changed now, and which weakening changes wait `WEAKENING_DELAY_DAYS` so
 * that every admin can see them and cancel them.
 */
export function saveAdminSettings(
	settings: DeploymentSettings,
	budgets: { [K in keyof IntakeBudgets]?: number | undefined },
	actorId: string,
	now = new Date()
): SettingsSaved {
	const newBudgets = Object.fromEntries(Object.entries(budgets).filter(([, value]) => value !== undefined));
	const pendingBefore = new Set(pendingSettingChanges(now).map((change) => `${change.key}=${change.value}`));
	const changed = [...updateDeploymentSettings(settings, actorId, now), ...updateIntakeBudgets(newBudgets, actorId)];
	const proposed = pendingSettingChanges(now).filter((change) => !pendingBefore.has(`${change.key}=${change.value}`));
	return { changed: changed.length > 0, proposed };
}
