import type { Cookies } from '@sveltejs/kit';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { db } from '../db';
import { staffRole, staffSession, staffUser, type Role } from '../db/schema';
import { serverConfig } from '../config';
import { isDiskFull, withRoomToWrite } from '../db/disk-space';
import { newToken, sha256Hex } from '../security/tokens';

export const SESSION_COOKIE = 'tv_staff_session';
/** Staff sessions end after 12 hours without activity. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

export type StaffRoleGrant = { role: Role; channelId: string | null };

export type StaffIdentity = {
	id: string;
	username: string;
	sessionId: string;
	roles: StaffRoleGrant[];
	/**
	 * True for a session opened with a re-enrolment link after an admin reset the person's
	 * authenticator: it may only bind a new one (see guard.ts), nothing else.
	 */
	awaitingSecondFactor: boolean;
	/** The language the person chose for the staff pages, or null for the browser's. */
	locale: string | null;
};

export function createSession(staffUserId: string, now = new Date()): { token: string; expiresAt: Date } {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
	withRoomToWrite(() =>
		db()
			.insert(staffSession)
			.values({ id: sha256Hex(token), staffUserId, expiresAt, createdAt: now, lastSeenAt: now })
			.run()
	);
	return { token, expiresAt };
}

/**
 * Looks a token up by its hash (so the comparison is on a digest, not the secret), ends
 * expired sessions, and slides the expiry once half of the idle window has passed.
 */
export function validateSession(token: string, now = new Date()): { identity: StaffIdentity; expiresAt: Date } | null {
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const sessionId = sha256Hex(token);
	const row = db()
		.select({ session: staffSession, user: staffUser })
		.from(staffSession)
		.innerJoin(staffUser, eq(staffUser.id, staffSession.staffUserId))
		.where(and(eq(staffSession.id, sessionId), isNull(staffUser.disabledAt)))
		.get();
	if (!row) return null;
	if (row.session.expiresAt.getTime() <= now.getTime()) {
		db().delete(staffSession).where(eq(staffSession.id, sessionId)).run();
		return null;
	}
	let expiresAt = row.session.expiresAt;
	const lastSeen = row.session.lastSeenAt?.getTime() ?? 0;
	if (expiresAt.getTime() - now.getTime() < SESSION_IDLE_MS / 2 || now.getTime() - lastSeen > 60_000) {
		if (expiresAt.getTime() - now.getTime() < SESSION_IDLE_MS / 2)
			expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
		try {
			db().update(staffSession).set({ expiresAt, lastSeenAt: now }).where(eq(staffSession.id, sessionId)).run();
		} catch (error) {
			// Sliding the expiry is a courtesy: on a full disk the session simply keeps its old one.
			if (!isDiskFull(error)) throw error;
			expiresAt = row.session.expiresAt;
		}
	}
	const roles = db()
		.select({ role: staffRole.role, channelId: staffRole.channelId })
		.from(staffRole)
		.where(eq(staffRole.staffUserId, row.user.id))
		.all();
	return {
		identity: {
			id: row.user.id,
			username: row.user.username,
			sessionId,
			roles,
			awaitingSecondFactor: row.user.totpSecret === null,
			locale: row.user.locale
		},
		expiresAt
	};
}

export type SessionSummary = { id: string; createdAt: Date; lastSeenAt: Date | null; expiresAt: Date };

/** A person's open sessions, for the account page (no address or device is ever recorded). */
export function sessionsOf(staffUserId: string, now = new Date()): SessionSummary[] {
	return db()
		.select({
			id: staffSession.id,
			createdAt: staffSession.createdAt,
			lastSeenAt: staffSession.lastSeenAt,
			expiresAt: staffSession.expiresAt
		})
		.from(staffSession)
		.where(eq(staffSession.staffUserId, staffUserId))
		.all()
		.filter((session) => session.expiresAt.getTime() > now.getTime())
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** Ends one of the person's own sessions; another person's id matches nothing. */
export function endOwnSession(staffUserId: string, sessionId: string): boolean {
	return (
		db()
			.delete(staffSession)
			.where(and(eq(staffSession.id, sessionId), eq(staffSession.staffUserId, staffUserId)))
			.run().changes === 1
	);
}

export function endAllSessions(staffUserId: string, exceptSessionId?: string): void {
	const sessions = db()
		.select({ id: staffSession.id })
		.from(staffSession)
		.where(eq(staffSession.staffUserId, staffUserId))
		.all();
	for (const session of sessions) {
		if (session.id !== exceptSessionId) db().delete(staffSession).where(eq(staffSession.id, session.id)).run();
	}
}

export function invalidateSession(sessionId: string): void {
	db().delete(staffSession).where(eq(staffSession.id, sessionId)).run();
}

export function deleteExpiredSessions(now = new Date()): void {
	db().delete(staffSession).where(lt(staffSession.expiresAt, now)).run();
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/staff',
		httpOnly: true,
		sameSite: 'strict',
		secure: serverConfig().origin.startsWith('https:'),
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/staff',
		httpOnly: true,
		sameSite: 'strict',
		secure: serverConfig().origin.startsWith('https:')
	});
}
