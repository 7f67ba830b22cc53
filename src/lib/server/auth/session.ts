import type { Cookies } from '@sveltejs/kit';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { db } from '../db';
import { staffRole, staffSession, staffUser, type Role } from '../db/schema';
import { serverConfig } from '../config';
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
};

export function createSession(staffUserId: string, now = new Date()): { token: string; expiresAt: Date } {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
	db()
		.insert(staffSession)
		.values({ id: sha256Hex(token), staffUserId, expiresAt, createdAt: now })
		.run();
	return { token, expiresAt };
}

/**
 * Looks a token up by its hash (so the comparison is on a digest, not the secret), ends
 * expired sessions, and slides the expiry once half of the idle window has passed.
 */
export function validateSession(
	token: string,
	now = new Date()
): { identity: StaffIdentity; expiresAt: Date } | null {
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
	if (expiresAt.getTime() - now.getTime() < SESSION_IDLE_MS / 2) {
		expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
		db().update(staffSession).set({ expiresAt }).where(eq(staffSession.id, sessionId)).run();
	}
	const roles = db()
		.select({ role: staffRole.role, channelId: staffRole.channelId })
		.from(staffRole)
		.where(eq(staffRole.staffUserId, row.user.id))
		.all();
	return {
		identity: { id: row.user.id, username: row.user.username, sessionId, roles },
		expiresAt
	};
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
