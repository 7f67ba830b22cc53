import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { preparedQuery } from '../db/prepared';
import { intakeDay, type IntakeDay } from '../db/schema';
import { roomForIntake } from '../db/disk-space';
import { DomainError } from '../http/errors';
import { intakeBudgets, type IntakeBudgets } from '../settings/intake-budgets';
import { utcDay } from '../dates';

/**
 * Global intake budgets: no client identity exists to limit by, so every anonymous write draws
 * on one budget per minute and per day, for testimonies, survivor messages and bytes. Counts
 * only: the minute counters live in memory (a restart may give back one minute's budget); the
 * day counters are persisted per UTC day, so a restart never resets a day to zero. Nothing
 * records when within a day something arrived.
 */

export type IntakeKind = 'testimony' | 'message' | 'voice-note';

export class IntakeRefused extends DomainError {
	declare readonly status: 429 | 503;

	constructor(message: string, status: 429 | 503, retryAfterSeconds: number) {
		super(message, status);
		this.retryAfterSeconds = retryAfterSeconds;
	}
}

export const OVER_BUDGET_MESSAGE = 'Too many people are sending right now. Please try again in a few minutes.';
export const LOW_DISK_MESSAGE = 'The portal cannot store anything new right now. Please try again later.';
/** Long enough for an operator to free space; a kiosk's outbox simply tries again later. */
const LOW_DISK_RETRY_SECONDS = 15 * 60;
/** Refusals are counted in memory and written at most this often: a flood must not become a write flood. */
const REFUSAL_FLUSH_MS = 5_000;
const MIB = 1024 * 1024;
const MINUTE_MS = 60_000;

type Tally = { testimonies: number; messages: number; bytes: number };
const emptyTally = (): Tally => ({ testimonies: 0, messages: 0, bytes: 0 });

let minute = { index: -1, tally: emptyTally() };
let today: { day: string; tally: Tally } | null = null;
const pendingRefusals = { day: '', overBudget: 0, lowDisk: 0 };
let lastRefusalFlush = 0;

function dayTally(day: string): Tally {
	if (today?.day !== day) {
		const row = db().select().from(intakeDay).where(eq(intakeDay.day, day)).get();
		today = {
			day,
			tally: row ? { testimonies: row.testimonies, messages: row.messages, bytes: row.bytes } : emptyTally()
		};
	}
	return today.tally;
}

function minuteTally(now: Date): Tally {
	const index = Math.floor(now.getTime() / MINUTE_MS);
	if (minute.index !== index) minute = { index, tally: emptyTally() };
	return minute.tally;
}

/** Which limit the request would break, if any: the minute's first, since it ends soonest. */
function brokenLimit(budgets: IntakeBudgets, kind: IntakeKind, bytes: number, now: Date): 'minute' | 'day' | null {
	const check = (tally: Tally, count: number, megabytes: number) =>
		(kind === 'testimony' && tally.testimonies + 1 > count) ||
		(kind === 'message' && tally.messages + 1 > count) ||
		tally.bytes + bytes > megabytes * MIB;
	if (
		check(
			minuteTally(now),
			kind === 'message' ? budgets.messagesPerMinute : budgets.testimoniesPerMinute,
			budgets.megabytesPerMinute
		)
	) {
		return 'minute';
	}
	if (
		check(
			dayTally(utcDay(now)),
			kind === 'message' ? budgets.messagesPerDay : budgets.testimoniesPerDay,
			budgets.megabytesPerDay
		)
	) {
		return 'day';
	}
	return null;
}

function secondsUntilNextMinute(now: Date): number {
	return Math.max(1, Math.ceil((MINUTE_MS - (now.getTime() % MINUTE_MS)) / 1000));
}

function secondsUntilNextDay(now: Date): number {
	const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
	return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/**
 * 503 while storing `bytes` more would eat into the disk headroom. Writes nothing (a refusal is
 * counted in memory), so endpoints call it before anything of a request is written, the spent
 * proof of work included: on a full disk that write would fail.
 */
export function refuseWhenDiskLow(bytes: number, now = new Date()): void {
	if (roomForIntake(bytes)) return;
	countRefusal(utcDay(now), 'lowDisk', now);
	throw new IntakeRefused(LOW_DISK_MESSAGE, 503, LOW_DISK_RETRY_SECONDS);
}

/** Adds an admitted write to its day's counts (run for every anonymous write). */
const addToDay = preparedQuery((database) =>
	database
		.insert(intakeDay)
		.values({
			day: sql.placeholder('day'),
			testimonies: sql.placeholder('testimonies'),
			messages: sql.placeholder('messages'),
			bytes: sql.placeholder('bytes')
		})
		.onConflictDoUpdate({
			target: intakeDay.day,
			set: {
				testimonies: sql`${intakeDay.testimonies} + excluded.testimonies`,
				messages: sql`${intakeDay.messages} + excluded.messages`,
				bytes: sql`${intakeDay.bytes} + excluded.bytes`
			}
		})
		.prepare()
);

/**
 * Lets one anonymous write through or refuses it: 503 while the disk is within its headroom
 * (before SQLite could fail), 429 with Retry-After when a budget is spent. What is let through
 * is counted at once, before it is stored, so concurrent requests cannot overshoot; a write the
 * domain then refuses has still spent budget, which is what a flood should cost.
 */
export function admitIntake(kind: IntakeKind, bytes: number, now = new Date()): void {
	const day = utcDay(now);
	refuseWhenDiskLow(bytes, now);
	const limit = brokenLimit(intakeBudgets(), kind, bytes, now);
	if (limit) {
		countRefusal(day, 'overBudget', now);
		throw new IntakeRefused(
			OVER_BUDGET_MESSAGE,
			429,
			limit === 'minute' ? secondsUntilNextMinute(now) : secondsUntilNextDay(now)
		);
	}
	const added = { testimonies: kind === 'testimony' ? 1 : 0, messages: kind === 'message' ? 1 : 0, bytes };
	// Persisted first: if the write fails, nothing is counted in memory that the file lacks.
	addToDay().run({ day, ...added });
	for (const tally of [minuteTally(now), dayTally(day)]) {
		tally.testimonies += added.testimonies;
		tally.messages += added.messages;
		tally.bytes += added.bytes;
	}
}

function countRefusal(day: string, reason: 'overBudget' | 'lowDisk', now: Date): void {
	if (pendingRefusals.day !== day) flushRefusals();
	pendingRefusals.day = day;
	pendingRefusals[reason] += 1;
	if (now.getTime() - lastRefusalFlush >= REFUSAL_FLUSH_MS) {
		lastRefusalFlush = now.getTime();
		flushRefusals();
	}
}

/** Writes the refusals counted in memory. On a full disk they stay in memory for the next try. */
export function flushRefusals(): void {
	const { day, overBudget, lowDisk } = pendingRefusals;
	if (!day || (overBudget === 0 && lowDisk === 0)) return;
	try {
		db()
			.insert(intakeDay)
			.values({ day, refusedOverBudget: overBudget, refusedLowDisk: lowDisk })
			.onConflictDoUpdate({
				target: intakeDay.day,
				set: {
					refusedOverBudget: sql`${intakeDay.refusedOverBudget} + ${overBudget}`,
					refusedLowDisk: sql`${intakeDay.refusedLowDisk} + ${lowDisk}`
				}
			})
			.run();
		pendingRefusals.overBudget = 0;
		pendingRefusals.lowDisk = 0;
	} catch (error) {
		console.warn(`Intake refusals could not be counted yet: ${error instanceof Error ? error.message : ''}`);
	}
}

export type FloodDay = Pick<
	IntakeDay,
	'day' | 'testimonies' | 'messages' | 'bytes' | 'refusedOverBudget' | 'refusedLowDisk' | 'releasedAt'
>;

const floodDayColumns = {
	day: intakeDay.day,
	testimonies: intakeDay.testimonies,
	messages: intakeDay.messages,
	bytes: intakeDay.bytes,
	refusedOverBudget: intakeDay.refusedOverBudget,
	refusedLowDisk: intakeDay.refusedLowDisk,
	releasedAt: intakeDay.releasedAt
};

const wasFlooded = or(gt(intakeDay.refusedOverBudget, 0), gt(intakeDay.refusedLowDisk, 0));

/** Days on which intake refused something, newest first: unreleased ones hold retention. */
export function floodDays(): FloodDay[] {
	flushRefusals();
	return db().select(floodDayColumns).from(intakeDay).where(wasFlooded).orderBy(desc(intakeDay.day)).all();
}

/**
 * Flood days no admin has released: retention keeps the unreviewed testimonies received on
 * them, since junk sent in a flood can push real ones past the unreviewed limit unread.
 */
export function heldFloodDays(): string[] {
	flushRefusals();
	return db()
		.select({ day: intakeDay.day })
		.from(intakeDay)
		.where(and(wasFlooded, isNull(intakeDay.releasedAt)))
		.all()
		.map((row) => row.day);
}

export class FloodDayNotHeld extends DomainError {
	declare readonly status: 404;

	constructor() {
		super({ key: 'staff_refusals_flood_day_not_held' }, 404);
	}
}

/** An admin lets retention treat a flood day's unreviewed testimonies like any other day's. */
export function releaseFloodDay(day: string, actorId: string, heldTestimonies: number, now = new Date()): void {
	db().transaction(() => {
		const released = db()
			.update(intakeDay)
			.set({ releasedAt: now, releasedBy: actorId })
			.where(and(eq(intakeDay.day, day), wasFlooded, isNull(intakeDay.releasedAt)))
			.run();
		if (released.changes === 0) throw new FloodDayNotHeld();
		recordAudit(
			{ actorId, action: 'flood_day.released', subjectType: 'setting', subjectId: day, detail: { heldTestimonies } },
			now
		);
	});
}

export type IntakeToday = FloodDay & { budgets: IntakeBudgets };

/** Today's counts beside the budgets, for the inbox's flood banner. */
export function intakeToday(now = new Date()): IntakeToday {
	flushRefusals();
	const day = utcDay(now);
	const row = db().select(floodDayColumns).from(intakeDay).where(eq(intakeDay.day, day)).get();
	return {
		...(row ?? {
			day,
			testimonies: 0,
			messages: 0,
			bytes: 0,
			refusedOverBudget: 0,
			refusedLowDisk: 0,
			releasedAt: null
		}),
		budgets: intakeBudgets()
	};
}

/** Forgets the in-memory counters, as a restart does (for tests). */
export function forgetIntakeMemory(): void {
	minute = { index: -1, tally: emptyTally() };
	today = null;
	pendingRefusals.day = '';
	pendingRefusals.overBudget = 0;
	pendingRefusals.lowDisk = 0;
	lastRefusalFlush = 0;
}

export type FloodBanner = { today: IntakeToday; heldDays: string[] };

/**
 * What the inbox shows while and after a flood: today's counts against the budgets, and the
 * flood days whose unreviewed testimonies retention holds. Null on an ordinary day.
 */
export function floodBanner(now = new Date()): FloodBanner | null {
	const today = intakeToday(now);
	const heldDays = heldFloodDays().sort().reverse();
	if (today.refusedOverBudget + today.refusedLowDisk === 0 && heldDays.length === 0) return null;
	return { today, heldDays };
}
