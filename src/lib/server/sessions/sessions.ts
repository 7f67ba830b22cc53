import { randomInt, randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { locales as allLocales } from '$lib/paraglide/runtime';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { channel, facilitationSession, submission, type FacilitationSession } from '../db/schema';
import { StaffRefusal } from '../http/errors';
import { SharedFailureWindow } from '../auth/rate-limit';
import { utcDay } from '../dates';

export class SessionError extends StaffRefusal {}

/** No 0/O, 1/I/L or other look-alikes: codes are read aloud, typed on phones and printed. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/**
 * 31^10 ≈ 8.2 × 10^14 codes. A real code must always work, so nothing can stop a guesser's
 * requests; only the size of the space does: at 10,000 guesses a second against 100 open
 * sessions, the first hit is expected after about 26 years (README, "Join codes and guessing").
 * Codes of the former length (8, 31^8 ≈ 8.5 × 10^11) still open the sessions that have them.
 */
const CODE_LENGTH = 10;
const CODE_PATTERN = /^[A-Z2-9]{8}$|^[A-Z2-9]{10}$/;

export function newJoinCode(): string {
	return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export function normaliseJoinCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export type NewSession = {
	channelId: string;
	label: string;
	locales: string[];
	startsDay: string;
	endsDay: string;
	expectedParticipants: number | null;
};

export function createSession(facilitatorId: string, channelIds: string[], input: NewSession, now = new Date()) {
	if (!channelIds.includes(input.channelId))
		throw new SessionError({ key: 'staff_refusals_session_not_facilitator' }, 403);
	if (input.endsDay < input.startsDay) throw new SessionError({ key: 'staff_refusals_session_end_before_start' }, 400);
	const unknown = input.locales.filter((locale) => !(allLocales as readonly string[]).includes(locale));
	if (unknown.length > 0) throw new SessionError({ key: 'staff_refusals_session_languages_from_list' }, 400);
	const id = randomUUID();
	const joinCode = newJoinCode();
	// The order is the facilitator's: the first language is the one the printed QR code opens in.
	const locales = [...new Set(input.locales)];
	db()
		.insert(facilitationSession)
		.values({ id, ...input, locales, joinCode, createdBy: facilitatorId, createdAt: now })
		.run();
	recordAudit(
		{
			actorId: facilitatorId,
			action: 'session.created',
			subjectType: 'channel',
			subjectId: input.channelId,
			detail: { session: id }
		},
		now
	);
	return { id, joinCode };
}

export function setSessionClosed(
	facilitatorId: string,
	channelIds: string[],
	sessionId: string,
	closed: boolean,
	now = new Date()
): void {
	const found = sessionFor(sessionId, channelIds);
	db()
		.update(facilitationSession)
		.set({ closedAt: closed ? now : null })
		.where(eq(facilitationSession.id, found.id))
		.run();
	recordAudit(
		{
			actorId: facilitatorId,
			action: closed ? 'session.closed' : 'session.reopened',
			subjectType: 'channel',
			subjectId: found.channelId,
			detail: { session: found.id }
		},
		now
	);
}

export function sessionFor(sessionId: string, channelIds: string[]): FacilitationSession {
	const found = channelIds.length
		? db()
				.select()
				.from(facilitationSession)
				.where(and(eq(facilitationSession.id, sessionId), inArray(facilitationSession.channelId, channelIds)))
				.get()
		: undefined;
	if (!found) throw new SessionError({ key: 'staff_refusals_session_not_found' }, 404);
	return found;
}

function isOpen(found: FacilitationSession, now: Date): boolean {
	const today = utcDay(now);
	return !found.closedAt && found.startsDay <= today && today <= found.endsDay;
}

/**
 * Unknown codes across everyone per minute, counted only to tell the operator that someone is
 * guessing; no record of who asked. It refuses nothing: a global lockout would turn every real
 * code into "unknown session" for the whole group, which is what a guesser would want.
 */
const GUESSING_NOTICE_PER_MINUTE = 30;
const unknownCodes = new SharedFailureWindow(GUESSING_NOTICE_PER_MINUTE);
let noticedWindow = -1;

export type JoinOutcome =
	| { kind: 'open'; session: FacilitationSession }
	| { kind: 'closed'; session: FacilitationSession }
	| { kind: 'unknown' };

/** What a join code leads to. The code is looked up first: guessing never blocks a real code. */
export function resolveJoinCode(input: string, now = new Date()): JoinOutcome {
	const code = normaliseJoinCode(input);
	const found = CODE_PATTERN.test(code)
		? db().select().from(facilitationSession).where(eq(facilitationSession.joinCode, code)).get()
		: undefined;
	if (found) return isOpen(found, now) ? { kind: 'open', session: found } : { kind: 'closed', session: found };
	unknownCodes.recordFailure(now.getTime());
	if (unknownCodes.exhausted(now.getTime())) noticeGuessing(now);
	return { kind: 'unknown' };
}

/** One log line per minute at most, with a count and nothing about who asked. */
function noticeGuessing(now: Date): void {
	const minute = Math.floor(now.getTime() / 60_000);
	if (minute === noticedWindow) return;
	noticedWindow = minute;
	console.warn(
		`Join codes: ${GUESSING_NOTICE_PER_MINUTE} or more unknown codes within a minute; someone may be guessing. Real codes keep working.`
	);
}

/** An open session by id, for the survivor pages it leads to. */
export function sessionById(sessionId: string, now = new Date()): FacilitationSession | null {
	if (!/^[0-9a-f-]{36}$/.test(sessionId)) return null;
	const found = db().select().from(facilitationSession).where(eq(facilitationSession.id, sessionId)).get();
	return found && isOpen(found, now) ? found : null;
}

/**
 * Days after a session closes or ends during which its testimonies are still accepted: a kiosk
 * device may have queued them offline, and a person may still be writing when it closes.
 * Closing stops new people joining; it must not throw away what was said in the session.
 */
export const SESSION_ARRIVAL_GRACE_DAYS = 7;

/** A session that still accepts testimonies, checked at the moment one arrives. */
export function sessionAcceptingTestimonies(
	sessionId: string,
	channelId: string,
	now = new Date()
): FacilitationSession | null {
	const found = db().select().from(facilitationSession).where(eq(facilitationSession.id, sessionId)).get();
	if (!found || found.channelId !== channelId) return null;
	const today = utcDay(now);
	if (today < found.startsDay) return null;
	const closedDay = found.closedAt ? utcDay(found.closedAt) : found.endsDay;
	const lastDay = closedDay < found.endsDay ? closedDay : found.endsDay;
	const graceEnd = utcDay(new Date(Date.parse(`${lastDay}T00:00:00Z`) + SESSION_ARRIVAL_GRACE_DAYS * 86_400_000));
	return today <= graceEnd ? found : null;
}

/** Sessions of a facilitator's channels with counts only: never any content. */
export function sessionsWithCounts(channelIds: string[], now = new Date()) {
	if (channelIds.length === 0) return [];
	const sessions = db()
		.select({ session: facilitationSession, channelName: channel.name })
		.from(facilitationSession)
		.innerJoin(channel, eq(channel.id, facilitationSession.channelId))
		.where(inArray(facilitationSession.channelId, channelIds))
		.orderBy(desc(facilitationSession.startsDay))
		.all();
	return sessions.map(({ session, channelName }) => {
		const byStatus = db()
			.select({ status: submission.status, n: count() })
			.from(submission)
			.where(eq(submission.facilitationSessionId, session.id))
			.groupBy(submission.status)
			.all();
		const received = byStatus.reduce((total, row) => total + row.n, 0);
		return {
			id: session.id,
			channelId: session.channelId,
			label: session.label,
			channelName,
			joinCode: session.joinCode ?? '',
			locales: session.locales ?? [],
			startsDay: session.startsDay,
			endsDay: session.endsDay,
			expectedParticipants: session.expectedParticipants,
			open: isOpen(session, now),
			closed: session.closedAt !== null,
			received: received + session.withdrawnCount,
			approved: byStatus.find((row) => row.status === 'approved')?.n ?? 0,
			withdrawn: session.withdrawnCount
		};
	});
}
