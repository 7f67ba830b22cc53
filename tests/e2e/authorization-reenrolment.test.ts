import { describe, expect, it } from 'vitest';
import { ACTION_ROUTES, EXPECTED, expectedFor } from './authorization-table';
import { call, reenrollingCookie, useAuthorizationPortal } from './authorization-portal';

useAuthorizationPortal();

/**
 * What a session opened with a re-enrolment link gets: the two enrolment endpoints and the
 * two-factor page work; every other staff endpoint and action answers 403 and every other
 * staff page sends it to the two-factor page (or answers 403); public routes answer as they
 * do anyone.
 */
function expectedWhileReenrolling(key: string): number[] {
	const special: Record<string, number[]> = {
		'POST /staff/api/account/totp/start': [200],
		'POST /staff/api/account/totp/finish': [400],
		'GET /staff/account/two-factor': [200],
		'GET /staff/login': [303],
		'POST /staff/api/logout': [200]
	};
	if (special[key]) return special[key];
	const anonymous = expectedFor(EXPECTED[key], 'anonymous');
	// Survivor routes know nothing of staff sessions.
	if (!key.split(' ')[1].startsWith('/staff')) return [anonymous];
	if (anonymous === 401) return [403];
	if (anonymous === 303) return ACTION_ROUTES.has(key) ? [403] : [303, 403];
	return [anonymous];
}

describe('authorization of every route', () => {
	it('refuses a session without a second factor everywhere but the two enrolment endpoints', async () => {
		const mismatches: string[] = [];
		for (const key of Object.keys(EXPECTED)) {
			const allowed = expectedWhileReenrolling(key);
			const actual = await call(key, 'anonymous', reenrollingCookie);
			if (!allowed.includes(actual)) mismatches.push(`${key}: expected ${allowed.join(' or ')}, got ${actual}`);
		}
		expect(mismatches).toEqual([]);
	}, 300_000);
});
