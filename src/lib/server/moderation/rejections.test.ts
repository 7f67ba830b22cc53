import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db';
import {
	auditEvent,
	channelKey,
	pendingSettingChange,
	rejection,
	staffRole,
	submission,
	type SubmissionStatus
} from '../db/schema';
import { decide } from './review';
import {
	RejectionError,
	confirmRejection,
	rejectTestimony,
	rejectionState,
	undoRejection,
	withdrawProposal
} from './rejections';
import { runRetention } from '../retention/retention';
import {
	DEFAULT_RAW_RETENTION_DAYS,
	DEFAULT_REJECTED_GRACE_DAYS,
	DEFAULT_UNREVIEWED_RETENTION_DAYS,
	NoPendingChange,
	WEAKENING_DELAY_DAYS,
	cancelPendingSettingChange,
	pendingSettingChanges,
	rawRetentionDays,
	rejectedGraceDays,
	rejectionsPerDay,
	unreviewedRetentionDays,
	updateDeploymentSettings
} from '../settings/settings';
import { deleteSetting } from '../settings/store';
import { insertStaffUser } from '../accounts/staff';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase, insertTestimony } from '../testing';
import { DAY_MS } from '../dates';

useTemporaryDatabase();

const NOW = new Date('2026-12-01T10:00:00Z');
const later = (days: number, from = NOW) => new Date(from.getTime() + days * DAY_MS);

let channelId: string;
let channelKeyId: number;
let adminId: string;
let secondAdminId: string;
let otherModeratorId: string;
let channels: string[];

beforeAll(() => {
	({ channelId, adminId } = setUpTestDeployment({ admin: fakeStaffUser('ada.moderator') }));
	channelKeyId = db().select().from(channelKey).where(eq(channelKey.channelId, channelId)).get()!.id;
	channels = [channelId];
	otherModeratorId = insertStaffUser(fakeStaffUser('omar.moderator'), { secret: randomBytes(20), step: 0 });
	db().insert(staffRole).values({ staffUserId: otherModeratorId, role: 'moderator', channelId }).run();
	secondAdminId = insertStaffUser(fakeStaffUser('bea.admin'), { secret: randomBytes(20), step: 0 });
	db().insert(staffRole).values({ staffUserId: secondAdminId, role: 'admin', channelId: null }).run();
});

beforeEach(() => {
	db().delete(submission).run();
	db().delete(pendingSettingChange).run();
	for (const key of [
		'raw_retention_days',
		'unreviewed_retention_days',
		'rejected_grace_days',
		'rejections_per_day'
	] as const) {
		deleteSetting(key);
	}
});

function addTestimony(status: SubmissionStatus = 'in_review'): string {
	return insertTestimony({ channelId, channelKeyId, receivedDay: '2026-11-30', status });
}

const statusOf = (id: string) =>
	db().select({ status: submission.status }).from(submission).where(eq(submission.id, id)).get()?.status;
const lastAudit = () => db().select().from(auditEvent).orderBy(desc(auditEvent.id)).get()!;

describe('the grace period of a rejection', () => {
	it('keeps a rejected testimony through the grace period and deletes it after', () => {
		const id = addTestimony();
		expect(rejectTestimony(id, adminId, channels, 'spam', NOW)).toEqual({ state: 'rejected', deleteOn: '2026-12-31' });
		expect(statusOf(id)).toBe('rejected');
		expect(lastAudit()).toMatchObject({
			action: 'submission.rejected',
			actorId: adminId,
			subjectId: id,
			detail: { reason: 'spam', deleteOn: '2026-12-31' }
		});

		expect(runRetention({ now: NOW }).rejected).toBe(0);
		expect(runRetention({ now: later(DEFAULT_REJECTED_GRACE_DAYS - 1) }).rejected).toBe(0);
		expect(statusOf(id)).toBe('rejected');

		expect(runRetention({ now: later(DEFAULT_REJECTED_GRACE_DAYS, later(0.001)) }).rejected).toBe(1);
		expect(statusOf(id)).toBeUndefined();
		expect(db().select().from(rejection).all()).toEqual([]);
	});

	it('lets another moderator undo it back to its prior state, audited, so retention keeps it', () => {
		const id = addTestimony('waiting');
		rejectTestimony(id, adminId, channels, 'duplicate', NOW);

		expect(undoRejection(id, otherModeratorId, channels, later(10))).toBe('waiting');
		expect(statusOf(id)).toBe('waiting');
		expect(lastAudit()).toMatchObject({
			action: 'submission.rejection_undone',
			actorId: otherModeratorId,
			subjectId: id,
			detail: { restored: 'waiting', rejectedBy: adminId }
		});
		expect(runRetention({ now: later(365) }).rejected).toBe(0);
		expect(statusOf(id)).toBe('waiting');
	});

	it('shows how many days are left', () => {
		const id = addTestimony();
		rejectTestimony(id, adminId, channels, 'spam', NOW);
		const row = db().select().from(submission).where(eq(submission.id, id)).get()!;
		expect(rejectionState(id, row.status, row.decidedAt, otherModeratorId, later(10))).toMatchObject({
			state: 'rejected',
			deleteOn: '2026-12-31',
			daysLeft: 20,
			proposedBy: 'ada.moderator',
			proposedByMe: false
		});
	});

	it('refuses to undo what is not rejected, and a moderator of another channel', () => {
		const id = addTestimony();
		expect(() => undoRejection(id, adminId, channels, NOW)).toThrow(RejectionError);
		rejectTestimony(id, adminId, channels, 'spam', NOW);
		expect(() => undoRejection(id, otherModeratorId, [], NOW)).toThrow('No testimony with this id in your channels.');
	});
});

describe('the daily limit of one moderator', () => {
	it('keeps the 4th rejection in 24 hours proposed until a different moderator confirms it', () => {
		const ids = [addTestimony(), addTestimony(), addTestimony(), addTestimony('waiting')];
		for (const [index, id] of ids.slice(0, 3).entries()) {
			expect(rejectTestimony(id, adminId, channels, 'spam', new Date(NOW.getTime() + index * 60_000)).state).toBe(
				'rejected'
			);
		}

		const fourth = rejectTestimony(ids[3], adminId, channels, 'spam', later(0.5));
		expect(fourth).toEqual({ state: 'proposed', limit: 3, otherModerators: 1 });
		expect(statusOf(ids[3])).toBe('waiting');
		expect(lastAudit()).toMatchObject({ action: 'submission.rejection_proposed', actorId: adminId, subjectId: ids[3] });
		// Retention never touches a proposal, however old.
		expect(runRetention({ now: later(400) }).rejected).toBe(3);
		expect(statusOf(ids[3])).toBe('waiting');

		expect(() => confirmRejection(ids[3], adminId, channels, later(401))).toThrow(
			'a different moderator of the channel has to confirm it'
		);
		expect(statusOf(ids[3])).toBe('waiting');

		expect(confirmRejection(ids[3], otherModeratorId, channels, later(401))).toEqual({ deleteOn: '2028-02-05' });
		expect(statusOf(ids[3])).toBe('rejected');
		expect(lastAudit()).toMatchObject({
			action: 'submission.rejection_confirmed',
			actorId: otherModeratorId,
			detail: { proposedBy: adminId }
		});
		// The grace period runs from the confirmation.
		expect(runRetention({ now: later(401 + DEFAULT_REJECTED_GRACE_DAYS - 1) }).rejected).toBe(0);
		expect(runRetention({ now: later(401 + DEFAULT_REJECTED_GRACE_DAYS + 1) }).rejected).toBe(1);
	});

	it('counts over a trailing 24 hours, not a calendar day', () => {
		const late = new Date('2026-12-01T23:50:00Z');
		for (let i = 0; i < 3; i++) rejectTestimony(addTestimony(), adminId, channels, 'spam', late);
		expect(rejectTestimony(addTestimony(), adminId, channels, 'spam', new Date('2026-12-02T00:10:00Z')).state).toBe(
			'proposed'
		);
		expect(rejectTestimony(addTestimony(), adminId, channels, 'spam', new Date('2026-12-02T23:51:00Z')).state).toBe(
			'rejected'
		);
	});

	it('counts each moderator on their own, and a confirmation does not count against the confirmer', () => {
		for (let i = 0; i < 3; i++) rejectTestimony(addTestimony(), adminId, channels, 'spam', NOW);
		const proposed = addTestimony();
		rejectTestimony(proposed, adminId, channels, 'spam', NOW);
		confirmRejection(proposed, otherModeratorId, channels, NOW);
		for (let i = 0; i < 3; i++)
			expect(rejectTestimony(addTestimony(), otherModeratorId, channels, 'spam', NOW).state).toBe('rejected');
	});

	it('tells a lone moderator that nobody can confirm', () => {
		db().update(staffRole).set({ role: 'researcher' }).where(eq(staffRole.staffUserId, otherModeratorId)).run();
		try {
			for (let i = 0; i < 3; i++) rejectTestimony(addTestimony(), adminId, channels, 'spam', NOW);
			expect(rejectTestimony(addTestimony(), adminId, channels, 'spam', NOW)).toMatchObject({
				state: 'proposed',
				otherModerators: 0
			});
		} finally {
			db().update(staffRole).set({ role: 'moderator' }).where(eq(staffRole.staffUserId, otherModeratorId)).run();
		}
	});

	it('lets any moderator withdraw a proposal, and blocks approval while one waits', () => {
		updateDeploymentSettings({ rejectionsPerDay: 0 }, adminId, NOW);
		const id = addTestimony();
		expect(rejectTestimony(id, otherModeratorId, channels, 'abuse', NOW).state).toBe('proposed');
		expect(() => rejectTestimony(id, adminId, channels, 'abuse', NOW)).toThrow('already proposed');
		expect(() => decide(id, adminId, channels, { kind: 'waiting' }, NOW)).toThrow(
			'A rejection of this testimony is proposed'
		);

		withdrawProposal(id, adminId, channels, NOW);
		expect(lastAudit()).toMatchObject({
			action: 'submission.rejection_withdrawn',
			actorId: adminId,
			detail: { proposedBy: otherModeratorId }
		});
		expect(statusOf(id)).toBe('in_review');
		expect(decide(id, adminId, channels, { kind: 'waiting' }, NOW)).toBe('waiting');
		expect(() => confirmRejection(id, adminId, channels, NOW)).toThrow(
			'No rejection of this testimony waits for confirmation.'
		);
	});
});

describe('weakening retention settings', () => {
	it('keeps a lowered period pending for the delay, shown to admins, then applies it', () => {
		expect(updateDeploymentSettings({ rawRetentionDays: 10, rejectedGraceDays: 2 }, adminId, NOW)).toEqual([]);
		expect(rawRetentionDays(NOW)).toBe(DEFAULT_RAW_RETENTION_DAYS);
		expect(rejectedGraceDays(later(WEAKENING_DELAY_DAYS - 0.01))).toBe(DEFAULT_REJECTED_GRACE_DAYS);
		expect(
			pendingSettingChanges(NOW).map(({ key, value, proposedBy, effectiveAt }) => ({
				key,
				value,
				proposedBy,
				effectiveAt
			}))
		).toEqual([
			{ key: 'raw_retention_days', value: '10', proposedBy: adminId, effectiveAt: later(WEAKENING_DELAY_DAYS) },
			{ key: 'rejected_grace_days', value: '2', proposedBy: adminId, effectiveAt: later(WEAKENING_DELAY_DAYS) }
		]);
		expect(lastAudit()).toMatchObject({
			action: 'settings.change_proposed',
			actorId: adminId,
			subjectId: 'rejected_grace_days',
			detail: { value: '2' }
		});

		// A testimony rejected now outlives the short grace period that is not yet in effect.
		const id = addTestimony();
		rejectTestimony(id, adminId, channels, 'spam', NOW);
		expect(runRetention({ now: later(3) }).rejected).toBe(0);

		expect(rejectedGraceDays(later(WEAKENING_DELAY_DAYS))).toBe(2);
		expect(rawRetentionDays(later(WEAKENING_DELAY_DAYS))).toBe(10);
		expect(runRetention({ now: later(WEAKENING_DELAY_DAYS) }).rejected).toBe(1);
		expect(pendingSettingChanges(later(WEAKENING_DELAY_DAYS))).toEqual([]);
		expect(db().select().from(auditEvent).where(eq(auditEvent.action, 'settings.change_applied')).all()).toHaveLength(
			2
		);
	});

	it('does not restart the delay when the same lowered value is saved again', () => {
		updateDeploymentSettings({ unreviewedRetentionDays: 30 }, adminId, NOW);
		updateDeploymentSettings({ unreviewedRetentionDays: 30 }, adminId, later(3));
		expect(pendingSettingChanges(NOW)[0].effectiveAt).toEqual(later(WEAKENING_DELAY_DAYS));
	});

	it('raises a period at once and drops a pending lowering of it', () => {
		updateDeploymentSettings({ unreviewedRetentionDays: 30 }, adminId, NOW);
		expect(updateDeploymentSettings({ unreviewedRetentionDays: 400 }, secondAdminId, later(1))).toEqual([
			'unreviewed_retention_days'
		]);
		expect(unreviewedRetentionDays(later(1))).toBe(400);
		expect(pendingSettingChanges(later(1))).toEqual([]);
		expect(unreviewedRetentionDays(later(30))).toBe(400);
	});

	it('lowers at once a period that stays at or above its default', () => {
		updateDeploymentSettings({ unreviewedRetentionDays: 400 }, adminId, NOW);
		expect(
			updateDeploymentSettings({ unreviewedRetentionDays: DEFAULT_UNREVIEWED_RETENTION_DAYS }, adminId, NOW)
		).toEqual(['unreviewed_retention_days']);
		expect(unreviewedRetentionDays(NOW)).toBe(DEFAULT_UNREVIEWED_RETENTION_DAYS);
	});

	it('delays raising the rejection limit above its default, but lowers it at once', () => {
		updateDeploymentSettings({ rejectionsPerDay: 20 }, adminId, NOW);
		expect(rejectionsPerDay(NOW)).toBe(3);
		expect(updateDeploymentSettings({ rejectionsPerDay: 1 }, adminId, NOW)).toEqual(['rejections_per_day']);
		expect(rejectionsPerDay(NOW)).toBe(1);
		expect(pendingSettingChanges(NOW)).toEqual([]);
	});

	it('lets another admin cancel a pending change, audited', () => {
		updateDeploymentSettings({ rawRetentionDays: 5 }, adminId, NOW);
		cancelPendingSettingChange('raw_retention_days', secondAdminId, later(2));
		expect(lastAudit()).toMatchObject({
			action: 'settings.change_cancelled',
			actorId: secondAdminId,
			subjectId: 'raw_retention_days',
			detail: { value: '5', proposedBy: adminId }
		});
		expect(rawRetentionDays(later(30))).toBe(DEFAULT_RAW_RETENTION_DAYS);
		expect(() => cancelPendingSettingChange('raw_retention_days', secondAdminId, later(2))).toThrow(NoPendingChange);
	});
});
