/**
 * Blind coding. Each coding belongs to a round; while the round is open, only its own coder
 * receives it, so two researchers code the same records without seeing each other's choices and
 * the agreement figures measure independent judgements. The team lead (a researcher who is also
 * an admin) reveals a round to the whole team; the next coding opens the next round, blind again.
 */
import { and, count, countDistinct, desc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type { Role } from '../accounts/tables';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { coding, codingRound } from '../db/schema';
import { StaffRefusal } from '../http/errors';

export class RoundError extends StaffRefusal {}

/**
 * The team lead of research: someone who both codes (researcher) and runs the team (admin, who
 * already invites researchers and grants them the corpus key). No new role is needed, and first
 * setup makes the first admin a researcher too, so every deployment has one.
 */
export function isTeamLead(roles: readonly { role: Role }[]): boolean {
	return roles.some((grant) => grant.role === 'admin') && roles.some((grant) => grant.role === 'researcher');
}

/** Which codings a reader may receive: their own, those of revealed rounds, and those from before rounds. */
export function visibleTo(readerId: string) {
	return or(eq(coding.coderId, readerId), isNull(coding.roundId), isNotNull(codingRound.revealedAt));
}

/** The round new codings go into, opened now when the last one was revealed (or none exists). */
export function openRound(now = new Date()): number {
	const last = db().select().from(codingRound).orderBy(desc(codingRound.id)).limit(1).get();
	if (last && !last.revealedAt) return last.id;
	const id = (last?.id ?? 0) + 1;
	db().insert(codingRound).values({ id, openedAt: now }).run();
	return id;
}

export type BlindCoding = {
	/** The round codings go into now: the open one, or the one the next coding opens. */
	round: number;
	/** Whether that round has begun (someone coded since the last reveal). */
	begun: boolean;
	isLead: boolean;
	/** For the lead only: how many codings each coder made in the open round (numbers, never places). */
	progress: { coderId: string; codings: number }[];
	/** Revealed rounds, newest first, with the day and the lead's id (the workspace names coders). */
	revealed: { round: number; revealedOn: string; by: string | null }[];
};

/**
 * The newest round revealed (0 before any), which an open workspace polls for: when it changes,
 * the workspace loads its codings again and shows colleagues' codings of that round at once.
 */
export function newestRevealedRound(): number {
	const row = db()
		.select({ id: codingRound.id })
		.from(codingRound)
		.where(isNotNull(codingRound.revealedAt))
		.orderBy(desc(codingRound.id))
		.limit(1)
		.get();
	return row?.id ?? 0;
}

/** What the workspace shows about blind coding to this reader. */
export function blindCoding(roles: readonly { role: Role }[]): BlindCoding {
	const rounds = db()
		.select({ id: codingRound.id, revealedAt: codingRound.revealedAt, by: codingRound.revealedBy })
		.from(codingRound)
		.orderBy(desc(codingRound.id))
		.all();
	const last = rounds[0];
	const begun = Boolean(last && !last.revealedAt);
	const round = last ? (begun ? last.id : last.id + 1) : 1;
	const isLead = isTeamLead(roles);
	const progress =
		isLead && begun
			? db()
					.select({ coderId: coding.coderId, codings: count() })
					.from(coding)
					.where(eq(coding.roundId, round))
					.groupBy(coding.coderId)
					.all()
			: [];
	return {
		round,
		begun,
		isLead,
		progress,
		revealed: rounds
			.filter((row) => row.revealedAt)
			.map((row) => ({ round: row.id, revealedOn: row.revealedAt!.toISOString().slice(0, 10), by: row.by }))
	};
}

/**
 * Reveals a round to the whole team and audits it. The round is named, so a second click (or a
 * colleague's click a moment later) cannot reveal the round that opens after it.
 */
export function revealRound(
	leadId: string,
	roles: readonly { role: Role }[],
	round: number,
	now = new Date()
): { round: number; codings: number; coders: number; already: boolean } {
	if (!isTeamLead(roles)) throw new RoundError({ key: 'staff_refusals_round_lead_reveals' }, 403);
	return db().transaction(() => {
		const row = db().select().from(codingRound).where(eq(codingRound.id, round)).get();
		if (!row) throw new RoundError({ key: 'staff_refusals_round_not_begun' }, 404);
		const made = db()
			.select({ codings: count(), coders: countDistinct(coding.coderId) })
			.from(coding)
			.where(eq(coding.roundId, round))
			.get() ?? { codings: 0, coders: 0 };
		if (row.revealedAt) return { round, ...made, already: true };
		db()
			.update(codingRound)
			.set({ revealedAt: now, revealedBy: leadId })
			.where(and(eq(codingRound.id, round), isNull(codingRound.revealedAt)))
			.run();
		recordAudit({ actorId: leadId, action: 'coding.round_revealed', detail: { round, ...made } }, now);
		return { round, ...made, already: false };
	});
}
