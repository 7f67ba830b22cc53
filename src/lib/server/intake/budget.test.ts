import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setUpTestDeployment, useTemporaryDatabase, insertTestimony } from '../testing';
import { db } from '../db';
import { auditEvent, channelKey, intakeDay, submission } from '../db/schema';
import { domainAnswer } from '../http/endpoint';
import {
	IntakeRefused,
	admitIntake,
	floodDays,
	forgetIntakeMemory,
	heldFloodDays,
	intakeToday,
	releaseFloodDay
} from './budget';
import { heldUnreviewedByDay, runRetention } from '../retention/retention';
import { DEFAULT_INTAKE_BUDGETS, intakeBudgets, updateIntakeBudgets } from '../settings/intake-budgets';
import { SettingOutOfRange } from '../settings/store';
import { updateRetentionSettings } from '../settings/settings';

useTemporaryDatabase();

const MIB = 1024 * 1024;
const NOON = new Date('2026-06-30T12:00:10Z');
let adminId: string;
let channelId: string;
let channelKeyId: number;

beforeAll(() => {
	({ adminId, channelId } = setUpTestDeployment());
	channelKeyId = db().select().from(channelKey).where(eq(channelKey.channelId, channelId)).get()!.id;
});

beforeEach(() => {
	db().delete(intakeDay).run();
	db().delete(submission).run();
	forgetIntakeMemory();
	updateIntakeBudgets({ ...DEFAULT_INTAKE_BUDGETS }, adminId);
});

function refusal(run: () => void): IntakeRefused {
	try {
		run();
	} catch (cause) {
		if (cause instanceof IntakeRefused) return cause;
		throw cause;
	}
	throw new Error('The write was let through.');
}

describe('admitIntake', () => {
	it('refuses the testimony over the per-minute budget with 429 until the next minute', () => {
		updateIntakeBudgets({ testimoniesPerMinute: 3 }, adminId);
		for (let i = 0; i < 3; i++) admitIntake('testimony', 1024, NOON);
		const refused = refusal(() => admitIntake('testimony', 1024, NOON));
		expect(refused.status).toBe(429);
		expect(refused.retryAfterSeconds).toBe(50);
		expect(() => admitIntake('testimony', 1024, new Date(NOON.getTime() + 50_000))).not.toThrow();
	});

	it('keeps separate budgets for testimonies and survivor messages', () => {
		updateIntakeBudgets({ testimoniesPerMinute: 1, messagesPerMinute: 2 }, adminId);
		admitIntake('testimony', 1024, NOON);
		admitIntake('message', 1024, NOON);
		admitIntake('message', 1024, NOON);
		expect(refusal(() => admitIntake('message', 1024, NOON)).status).toBe(429);
		expect(refusal(() => admitIntake('testimony', 1024, NOON)).status).toBe(429);
	});

	it('counts the bytes of voice notes against the byte budget', () => {
		updateIntakeBudgets({ megabytesPerMinute: 10 }, adminId);
		admitIntake('voice-note', 6 * MIB, NOON);
		expect(refusal(() => admitIntake('voice-note', 5 * MIB, NOON)).status).toBe(429);
		expect(() => admitIntake('voice-note', 4 * MIB, NOON)).not.toThrow();
	});

	it('does not give a day its budget back after a restart', () => {
		updateIntakeBudgets({ testimoniesPerDay: 5 }, adminId);
		for (let minute = 0; minute < 5; minute++)
			admitIntake('testimony', 1024, new Date(NOON.getTime() + minute * 60_000));
		forgetIntakeMemory();
		const later = new Date(NOON.getTime() + 3 * 60 * 60_000);
		const refused = refusal(() => admitIntake('testimony', 1024, later));
		expect(refused.status).toBe(429);
		// Until the next UTC day: 8 h 59 min 50 s later.
		expect(refused.retryAfterSeconds).toBe(8 * 3600 + 59 * 60 + 50);
		expect(() => admitIntake('testimony', 1024, new Date('2026-07-01T00:00:01Z'))).not.toThrow();
	});

	it('stores counts per day only, with no time of day', () => {
		admitIntake('testimony', 2048, NOON);
		admitIntake('message', 512, NOON);
		const row = db().select().from(intakeDay).get()!;
		expect(row).toMatchObject({ day: '2026-06-30', testimonies: 1, messages: 1, bytes: 2560, refusedOverBudget: 0 });
		expect(Object.keys(row).sort()).toEqual(
			[
				'bytes',
				'day',
				'messages',
				'refusedLowDisk',
				'refusedOverBudget',
				'releasedAt',
				'releasedBy',
				'testimonies'
			].sort()
		);
	});

	it('answers a refusal with its status, a message and Retry-After', async () => {
		updateIntakeBudgets({ testimoniesPerMinute: 1 }, adminId);
		admitIntake('testimony', 1024);
		const response = await domainAnswer(() => admitIntake('testimony', 1024));
		expect(response.status).toBe(429);
		expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await response.json()).message).toMatch(/try again in a few minutes/);
	});
});

describe('intake budget settings', () => {
	it('are audited when an admin changes them, and refuse values out of range', () => {
		db().delete(auditEvent).run();
		expect(
			updateIntakeBudgets({ testimoniesPerDay: 200, messagesPerDay: DEFAULT_INTAKE_BUDGETS.messagesPerDay }, adminId)
		).toEqual(['intake_testimonies_per_day']);
		expect(intakeBudgets().testimoniesPerDay).toBe(200);
		const audit = db().select().from(auditEvent).all();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'settings.updated', detail: { keys: 'intake_testimonies_per_day' } });
		expect(() => updateIntakeBudgets({ megabytesPerDay: 0 }, adminId)).toThrow(SettingOutOfRange);
		expect(intakeBudgets().megabytesPerDay).toBe(DEFAULT_INTAKE_BUDGETS.megabytesPerDay);
	});
});

function addUnreviewed(receivedDay: string): string {
	return insertTestimony({ channelId, channelKeyId, receivedDay });
}

describe('flood days', () => {
	it('records a day with refusals, with counts, and shows it beside the budgets', () => {
		updateIntakeBudgets({ testimoniesPerMinute: 2 }, adminId);
		for (let i = 0; i < 5; i++) {
			try {
				admitIntake('testimony', 1024, NOON);
			} catch (cause) {
				if (!(cause instanceof IntakeRefused)) throw cause;
			}
		}
		expect(floodDays()).toEqual([
			expect.objectContaining({
				day: '2026-06-30',
				testimonies: 2,
				refusedOverBudget: 3,
				refusedLowDisk: 0,
				releasedAt: null
			})
		]);
		expect(heldFloodDays()).toEqual(['2026-06-30']);
		expect(intakeToday(NOON)).toMatchObject({
			testimonies: 2,
			refusedOverBudget: 3,
			budgets: { testimoniesPerMinute: 2 }
		});
	});

	it('keeps unreviewed testimonies of a flood day from retention until an admin releases the day', () => {
		// Lowered in January, so its seven-day wait is long over by the end of June.
		updateRetentionSettings({ unreviewedRetentionDays: 30 }, new Date('2026-01-01T00:00:00Z'));
		const floodDay = '2026-01-10';
		updateIntakeBudgets({ testimoniesPerMinute: 1 }, adminId);
		const during = new Date(`${floodDay}T09:00:00Z`);
		admitIntake('testimony', 1024, during);
		expect(() => admitIntake('testimony', 1024, during)).toThrow(IntakeRefused);
		const held = [addUnreviewed(floodDay), addUnreviewed(floodDay)];
		const ordinary = addUnreviewed('2026-01-11');
		const now = new Date('2026-06-30T12:00:00Z');

		expect(runRetention({ now }).unreviewed).toBe(1);
		const left = db()
			.select({ id: submission.id })
			.from(submission)
			.all()
			.map((row) => row.id)
			.sort();
		expect(left).toEqual([...held].sort());
		expect(left).not.toContain(ordinary);
		expect(heldUnreviewedByDay(now)).toEqual(new Map([[floodDay, 2]]));

		db().delete(auditEvent).run();
		releaseFloodDay(floodDay, adminId, 2, now);
		const audit = db().select().from(auditEvent).all();
		expect(audit).toEqual([
			expect.objectContaining({
				action: 'flood_day.released',
				actorId: adminId,
				subjectId: floodDay,
				detail: { heldTestimonies: 2 }
			})
		]);
		expect(heldFloodDays()).toEqual([]);
		expect(runRetention({ now }).unreviewed).toBe(2);
		expect(() => releaseFloodDay(floodDay, adminId, 0, now)).toThrow(/not a flood day/);
	});
});
