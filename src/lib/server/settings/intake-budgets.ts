/** Global intake budgets against anonymous floods, stored in the `setting` table and read on every anonymous write. */
import { inArray } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { setting } from '../db/schema';
import { SettingOutOfRange, writeSetting } from './store';

/** Keys of the `setting` table that hold the budgets. */
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
			throw new SettingOutOfRange({
				key: 'staff_refusals_setting_intake_budget',
				params: { min: INTAKE_BUDGET_BOUNDS.min, max: INTAKE_BUDGET_BOUNDS.max }
			});
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
