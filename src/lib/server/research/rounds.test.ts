import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { codebook } from './codebook';
import { addCodings, visibleCodings } from './codings';
import { blindCoding, isTeamLead, newestRevealedRound, revealRound, RoundError } from './rounds';
import { addRecord } from './fixtures';
import { saveMemo, sealedMemos } from './workspace';
import { db } from '../db';
import { auditEvent, coding } from '../db/schema';
import { insertStaffUser } from '../accounts/staff';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';

useTemporaryDatabase();

const LEAD = [{ role: 'admin' as const }, { role: 'researcher' as const }];
const RESEARCHER = [{ role: 'researcher' as const }];

let leadId: string;
let coderId: string;
let recordId: string;
let codeId: string;

beforeAll(() => {
	leadId = setUpTestDeployment().adminId;
	coderId = insertStaffUser(fakeStaffUser('blind.coder'), { secret: randomBytes(20), step: 0 });
	recordId = addRecord('2026-04', randomBytes(512));
	codeId = codebook(leadId).find((code) => code.name === 'Access to jobs')!.id;
});

const code = (who: string, start: number) =>
	addCodings(who, { recordId, field: '0.text', start, end: start + 5, codeIds: [codeId] })[0];
const seenBy = (readerId: string) => visibleCodings(readerId).map((item) => item.id);

describe('blind coding', () => {
	it('gives each coder only their own codings of the open round, and everyone all of them once it is revealed', () => {
		const leads = code(leadId, 0);
		const coders = code(coderId, 2);
		expect(seenBy(leadId)).toEqual([leads.id]);
		expect(seenBy(coderId)).toEqual([coders.id]);
		expect(blindCoding(LEAD)).toMatchObject({ round: 1, begun: true, isLead: true });
		// What open workspaces poll for: no round revealed yet, an open one does not count.
		expect(newestRevealedRound()).toBe(0);

		expect(revealRound(leadId, LEAD, 1)).toEqual({ round: 1, codings: 2, coders: 2, already: false });
		expect(newestRevealedRound()).toBe(1);
		expect(seenBy(leadId).sort()).toEqual([leads.id, coders.id].sort());
		expect(seenBy(coderId).sort()).toEqual([leads.id, coders.id].sort());
		expect(blindCoding(RESEARCHER)).toMatchObject({ round: 2, begun: false, isLead: false, progress: [] });
	});

	it('opens the next round, blind again, with the first coding after a reveal', () => {
		const later = code(coderId, 10);
		expect(db().select().from(coding).where(eq(coding.id, later.id)).get()?.roundId).toBe(2);
		expect(seenBy(leadId)).not.toContain(later.id);
		expect(seenBy(coderId)).toContain(later.id);
		expect(blindCoding(LEAD).progress).toEqual([{ coderId, codings: 1 }]);
		expect(blindCoding(RESEARCHER).progress).toEqual([]);
	});

	it('shows everyone the codings made before blind coding began', () => {
		const before = code(coderId, 20);
		db().update(coding).set({ roundId: null }).where(eq(coding.id, before.id)).run();
		expect(seenBy(leadId)).toContain(before.id);
	});

	it('keeps a memo on a hidden coding with the coding', () => {
		const hidden = code(coderId, 30);
		const memoId = randomUUID();
		saveMemo(coderId, {
			id: memoId,
			target: 'coding',
			targetId: hidden.id,
			corpusKeyVersion: 1,
			version: 1,
			nonce: randomBytes(24),
			ciphertext: randomBytes(560)
		});
		expect(sealedMemos(coderId).map((memo) => memo.id)).toContain(memoId);
		expect(sealedMemos(leadId).map((memo) => memo.id)).not.toContain(memoId);
	});

	it('is revealed only by the team lead, a researcher who is also an admin', () => {
		expect(isTeamLead(LEAD)).toBe(true);
		expect(isTeamLead(RESEARCHER)).toBe(false);
		expect(isTeamLead([{ role: 'admin' }, { role: 'moderator' }])).toBe(false);
		expect(() => revealRound(coderId, RESEARCHER, 2)).toThrow(RoundError);
		expect(() => revealRound(coderId, RESEARCHER, 2)).toThrow(/Only the team lead/);
	});

	it('reveals a round once: a second click changes nothing and is not audited again', () => {
		const first = revealRound(leadId, LEAD, 2);
		expect(first).toMatchObject({ round: 2, already: false });
		expect(revealRound(leadId, LEAD, 2)).toMatchObject({ round: 2, already: true });
		expect(() => revealRound(leadId, LEAD, 3)).toThrow(/has not begun/);
		const audited = db().select().from(auditEvent).where(eq(auditEvent.action, 'coding.round_revealed')).all();
		expect(audited.map((event) => [event.actorId, event.detail])).toEqual([
			[leadId, { round: 1, codings: 2, coders: 2 }],
			[leadId, { round: 2, codings: 2, coders: 1 }]
		]);
		expect(blindCoding(RESEARCHER).revealed.map((round) => round.round)).toEqual([2, 1]);
	});
});
