import { and, eq, lt } from 'drizzle-orm';
import { recordAudit, updateAuditDetail, type AuditAction } from '../audit/record';
import { databaseIsOpen, db } from '../db';
import { authThrottle } from '../db/schema';

/**
 * Sign-in and recovery each have two kinds of budget, kept in SQLite so a restart forgets
 * nothing and bounded because no key comes from a name a stranger can make up:
 *
 * - a global one, spent by wrong secrets (passphrase or recovery key) from anyone. A wrong
 *   secret says nothing about who is being guessed, so it never counts against an account:
 *   strangers typing a username cannot lock its owner out.
 * - one per account, spent only by attempts that got the secret right and the second factor
 *   wrong. Only someone who holds the passphrase can spend it, and then slowing them down is
 *   exactly what the owner wants.
 */
export type FailureScope = 'login' | 'recovery';

type Policy = {
	/** Length of a global counting window. */
	windowMs: number;
	/** How long an account's failures are remembered after the first, unless it signs in. */
	accountWindowMs: number;
	/** Wrong secrets from anyone per window before failed answers turn into 429s. */
	globalBudget: number;
	/** Right-secret, wrong-code failures an account may have before it must wait. */
	freeAccountFailures: number;
	baseDelayMs: number;
	maxDelayMs: number;
	globalAction: AuditAction;
	accountAction: AuditAction;
};

export const FAILURE_POLICY: Readonly<Record<FailureScope, Policy>> = Object.freeze({
	login: {
		windowMs: 15 * 60 * 1000,
		accountWindowMs: 24 * 60 * 60 * 1000,
		globalBudget: 300,
		freeAccountFailures: 5,
		baseDelayMs: 1000,
		maxDelayMs: 15 * 60 * 1000,
		globalAction: 'login.failed',
		accountAction: 'login.second_factor_failed'
	},
	recovery: {
		windowMs: 60 * 60 * 1000,
		accountWindowMs: 24 * 60 * 60 * 1000,
		globalBudget: 60,
		freeAccountFailures: 3,
		baseDelayMs: 5000,
		maxDelayMs: 60 * 60 * 1000,
		globalAction: 'recovery.failed',
		accountAction: 'recovery.second_factor_failed'
	}
});

const globalKey = (scope: FailureScope) => `${scope}:*`;
const accountKey = (scope: FailureScope, staffUserId: string) => `${scope}:${staffUserId}`;

/** Rows whose window ended and whose wait is over carry nothing worth keeping. */
function forgetExpired(now: number): void {
	const oldest = Math.max(
		...Object.values(FAILURE_POLICY).flatMap((policy) => [policy.windowMs, policy.accountWindowMs])
	);
	db()
		.delete(authThrottle)
		.where(and(lt(authThrottle.windowStartedAt, new Date(now - oldest)), lt(authThrottle.blockedUntil, new Date(now))))
		.run();
}

function current(key: string, windowMs: number, now: number) {
	const row = db().select().from(authThrottle).where(eq(authThrottle.key, key)).get();
	if (!row) return null;
	const started = row.windowStartedAt.getTime();
	// A finished window (or a clock that went back) starts afresh once any wait is over.
	const finished = now - started >= windowMs || now < started;
	if (finished && row.blockedUntil.getTime() <= now) return null;
	return row;
}

/**
 * Counts one failure against an account and keeps one audit entry per window up to date with
 * the count, so repeated attempts cost one row in the log, not one per attempt.
 */
function countFailure(
	key: string,
	policy: Policy,
	windowMs: number,
	audit: { action: AuditAction; actorId: string | null },
	blockAfter: number,
	now: number
): number {
	return db().transaction(() => {
		forgetExpired(now);
		const row = current(key, windowMs, now);
		const failures = (row?.failures ?? 0) + 1;
		const windowStartedAt = row ? row.windowStartedAt : new Date(now);
		let blockedUntil = row?.blockedUntil ?? new Date(0);
		if (failures > blockAfter) {
			const wait = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - blockAfter - 1));
			blockedUntil = new Date(now + wait);
		}
		const detail = { count: failures, windowStartedAt: windowStartedAt.toISOString() };
		let auditEventId = row?.auditEventId ?? null;
		if (auditEventId === null) {
			auditEventId = recordAudit({ actorId: audit.actorId, action: audit.action, detail }, new Date(now));
		} else {
			updateAuditDetail(auditEventId, detail);
		}
		db()
			.insert(authThrottle)
			.values({ key, failures, windowStartedAt, blockedUntil, auditEventId })
			.onConflictDoUpdate({ target: authThrottle.key, set: { failures, windowStartedAt, blockedUntil, auditEventId } })
			.run();
		return failures;
	});
}

/**
 * The global windows, one per scope, mirrored in memory: they change on every failure from
 * anyone, so a flood must not cost a disk write per attempt. The row and its audit entry are
 * written at the first failure of a window, when the budget runs out, and otherwise at most
 * once a second, so a stop or a crash loses at most a second of counting.
 */
type GlobalWindow = {
	failures: number;
	windowStartedAt: number;
	auditEventId: number | null;
	lastFailureAt: number;
	dirty: boolean;
};
const globalWindows = new Map<FailureScope, GlobalWindow>();
const FLUSH_DELAY_MS = 1000;

function globalWindow(scope: FailureScope, now: number): GlobalWindow | null {
	let window = globalWindows.get(scope);
	if (!window) {
		const row = db()
			.select()
			.from(authThrottle)
			.where(eq(authThrottle.key, globalKey(scope)))
			.get();
		if (!row) return null;
		window = {
			failures: row.failures,
			windowStartedAt: row.windowStartedAt.getTime(),
			auditEventId: row.auditEventId,
			lastFailureAt: row.windowStartedAt.getTime(),
			dirty: false
		};
		globalWindows.set(scope, window);
	}
	const elapsed = now - window.windowStartedAt;
	return elapsed >= FAILURE_POLICY[scope].windowMs || elapsed < 0 ? null : window;
}

function flushGlobal(scope: FailureScope, window: GlobalWindow): void {
	if (!window.dirty) return;
	window.dirty = false;
	const policy = FAILURE_POLICY[scope];
	const windowStartedAt = new Date(window.windowStartedAt);
	const detail = { count: window.failures, windowStartedAt: windowStartedAt.toISOString() };
	db().transaction(() => {
		forgetExpired(window.lastFailureAt);
		if (window.auditEventId === null) {
			window.auditEventId = recordAudit(
				{ actorId: null, action: policy.globalAction, detail },
				new Date(window.lastFailureAt)
			);
		} else {
			updateAuditDetail(window.auditEventId, detail);
		}
		const values = {
			failures: window.failures,
			windowStartedAt,
			blockedUntil: new Date(0),
			auditEventId: window.auditEventId
		};
		db()
			.insert(authThrottle)
			.values({ key: globalKey(scope), ...values })
			.onConflictDoUpdate({ target: authThrottle.key, set: values })
			.run();
	});
}

/** A wrong passphrase or recovery key, from anyone, for any name. */
export function recordWrongSecret(scope: FailureScope, now = Date.now()): void {
	let window = globalWindow(scope, now);
	if (!window) {
		const previous = globalWindows.get(scope);
		if (previous) flushGlobal(scope, previous);
		window = { failures: 0, windowStartedAt: now, auditEventId: null, lastFailureAt: now, dirty: false };
		globalWindows.set(scope, window);
	}
	window.failures += 1;
	window.lastFailureAt = now;
	const pending = window.dirty;
	window.dirty = true;
	if (window.auditEventId === null || window.failures === FAILURE_POLICY[scope].globalBudget) {
		flushGlobal(scope, window);
	} else if (!pending) {
		const scheduled = window;
		// A closed database (shutdown, or a test that is done) takes no late writes.
		setTimeout(() => databaseIsOpen() && flushGlobal(scope, scheduled), FLUSH_DELAY_MS).unref();
	}
}

/** Writes any counts not yet on disk now, for tests that read the table or audit log. */
export function flushFailureCounts(): void {
	for (const [scope, window] of globalWindows) flushGlobal(scope, window);
	globalWindows.clear();
}

/** The right passphrase or recovery key with a wrong code, or a wrong passphrase from a live session. */
export function recordAccountFailure(scope: FailureScope, staffUserId: string, now = Date.now()): void {
	const policy = FAILURE_POLICY[scope];
	countFailure(
		accountKey(scope, staffUserId),
		policy,
		policy.accountWindowMs,
		{ action: policy.accountAction, actorId: staffUserId },
		policy.freeAccountFailures,
		now
	);
}

/** Milliseconds this account must still wait, or 0. */
export function accountRetryAfter(scope: FailureScope, staffUserId: string, now = Date.now()): number {
	const row = current(accountKey(scope, staffUserId), FAILURE_POLICY[scope].accountWindowMs, now);
	return row ? Math.max(0, row.blockedUntil.getTime() - now) : 0;
}

/**
 * Milliseconds until the global budget is renewed, or 0 while some remains. Once spent, failed
 * attempts are answered 429 instead of 401; a right secret with a right code still gets in.
 */
export function globalRetryAfter(scope: FailureScope, now = Date.now()): number {
	const policy = FAILURE_POLICY[scope];
	const window = globalWindow(scope, now);
	if (!window || window.failures < policy.globalBudget) return 0;
	return Math.max(0, window.windowStartedAt + policy.windowMs - now);
}

/** A full success ends the account's count (its audit entry keeps the number it reached). */
export function clearAccountFailures(scope: FailureScope, staffUserId: string): void {
	db()
		.delete(authThrottle)
		.where(eq(authThrottle.key, accountKey(scope, staffUserId)))
		.run();
}
