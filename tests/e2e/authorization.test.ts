import fs from 'node:fs';
import path from 'node:path';
import * as devalue from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	deriveStaffKeys,
	fromBase64url,
	newStaffKeyPair,
	readyCrypto,
	sealToPublicKey,
	toBase64url
} from '$lib/crypto';
import { launchBrowser, startPortal, type RunningPortal } from './harness';
import { enrolThroughApi as enrolStaff, readRows, staffCookie } from './staff-api';
import { completeSetup } from './staff-flows';
import { tellTestimony } from './survivor-flows';

/**
 * Every route under src/routes, for six kinds of visitor, against a table of expected answers.
 * A route added without an entry in the table fails this test: authorization is decided, not
 * inherited by accident.
 */
const PERSONAS = ['anonymous', 'facilitator', 'otherModerator', 'moderator', 'researcher', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];
type Expected = number | (Partial<Record<Persona, number>> & { others?: number });

const page200: Expected = 200;
const staffPage: Expected = { anonymous: 303, others: 200 };
const adminPage: Expected = { anonymous: 303, admin: 200, others: 403 };
const adminAction: Expected = { anonymous: 303, admin: 400, others: 403 };
/** Researchers and moderators (who hold the corpus key) read the research workspace. */
const corpusReaderPage: Expected = { anonymous: 303, facilitator: 403, others: 200 };
/**
 * Coding, the codebook and memos are researchers' work (the first admin is one: setup gives
 * them the corpus key); the status is what an empty or unknown body gets.
 */
const researcherApi = (status: number): Expected => ({
	anonymous: 401,
	researcher: status,
	admin: status,
	others: 403
});
const moderatorOfA: Expected = { anonymous: 303, moderator: 200, admin: 200, others: 404 };

const EXPECTED: Record<string, Expected> = {
	'GET /': page200,
	'GET /tell': page200,
	'GET /check': page200,
	// Only with an open session's id and kiosk=1; otherwise a plain 404.
	'GET /kiosk': 404,
	// Anonymous writes need a proof of work first (428); a challenge needs a kind and an id.
	'POST /api/proofs': 400,
	'POST /api/submissions': 428,
	'PUT /api/submissions/[id]/attachments/[attachmentId]': 401,
	'POST /api/receipts/status': 400,
	'POST /api/receipts/messages': 428,
	'POST /api/receipts/withdraw': 428,
	'GET /staff': staffPage,
	'GET /staff/account': staffPage,
	'POST /staff/account?/endSession': { anonymous: 303, others: 400 },
	'POST /staff/account?/endOthers': { anonymous: 303, others: 200 },
	'GET /staff/account/two-factor': 303,
	'GET /staff/grants': staffPage,
	'GET /staff/testimony/[id]': moderatorOfA,
	'GET /staff/research': corpusReaderPage,
	'GET /staff/research/records/[id]': corpusReaderPage,
	'GET /staff/research/codebook': corpusReaderPage,
	'GET /staff/research/agreement': corpusReaderPage,
	'GET /staff/research/patterns': corpusReaderPage,
	'GET /staff/research/quotes': corpusReaderPage,
	'GET /staff/research/exports': corpusReaderPage,
	'GET /staff/api/research/corpus': { anonymous: 401, facilitator: 403, others: 200 },
	'POST /staff/api/research/exports': { anonymous: 401, facilitator: 403, others: 400 },
	'POST /staff/api/research/codings': researcherApi(400),
	'PATCH /staff/api/research/codings/[id]': researcherApi(400),
	'DELETE /staff/api/research/codings/[id]': researcherApi(404),
	'POST /staff/api/research/codes': researcherApi(400),
	'PUT /staff/api/research/codes/[id]': researcherApi(415),
	'POST /staff/api/research/codes/[id]/archive': researcherApi(400),
	'POST /staff/api/research/codes/[id]/merge': researcherApi(400),
	'PUT /staff/api/research/memos': researcherApi(415),
	'DELETE /staff/api/research/memos/[id]': researcherApi(404),
	'GET /staff/templates': staffPage,
	'GET /staff/sessions': staffPage,
	'POST /staff/sessions?/create': { anonymous: 303, others: 400 },
	'GET /staff/sessions/[id]': { anonymous: 303, facilitator: 200, others: 404 },
	'POST /staff/sessions/[id]?/close': { anonymous: 303, facilitator: 200, others: 404 },
	'POST /staff/sessions/[id]?/reopen': { anonymous: 303, facilitator: 200, others: 404 },
	'GET /s/[code]': 200,
	'POST /staff/templates?/add': { anonymous: 303, others: 400 },
	'POST /staff/templates?/delete': { anonymous: 303, others: 400 },
	'GET /staff/api/attachments/[id]': { anonymous: 401, others: 404 },
	'POST /staff/api/inbox/envelopes': { anonymous: 401, others: 400 },
	'POST /staff/api/submissions/[id]/draft': { anonymous: 401, moderator: 400, admin: 400, others: 404 },
	'POST /staff/api/submissions/[id]/decision': { anonymous: 401, moderator: 400, admin: 400, others: 404 },
	'POST /staff/api/submissions/[id]/review': { anonymous: 401, moderator: 200, admin: 200, others: 404 },
	'GET /staff/admin/users': adminPage,
	'POST /staff/admin/users?/invite': adminAction,
	'POST /staff/admin/users?/revokeInvitation': adminAction,
	'POST /staff/admin/users?/disable': adminAction,
	'POST /staff/admin/users?/enable': adminAction,
	'POST /staff/admin/users?/resetTotp': adminAction,
	'POST /staff/admin/users?/setRoles': adminAction,
	'GET /staff/admin/channels': adminPage,
	'GET /staff/admin/channels/new': adminPage,
	'GET /staff/admin/channels/[id]': adminPage,
	'POST /staff/admin/channels/[id]': adminAction,
	'POST /staff/admin/channels/api': { anonymous: 401, admin: 400, others: 403 },
	'GET /staff/admin/questions': adminPage,
	'POST /staff/admin/questions?/create': adminAction,
	'GET /staff/admin/questions/[id]': adminPage,
	'POST /staff/admin/questions/[id]?/wording': adminAction,
	'POST /staff/admin/questions/[id]?/move': adminAction,
	'POST /staff/admin/questions/[id]?/active': adminAction,
	'GET /staff/admin/settings': adminPage,
	'POST /staff/admin/settings': adminAction,
	'GET /staff/admin/flood-days': adminPage,
	'POST /staff/admin/flood-days?/release': adminAction,
	'GET /staff/admin/settings/pending': adminPage,
	'POST /staff/admin/settings/pending': adminAction,
	'GET /staff/admin/audit': adminPage,
	'GET /staff/admin/audit/export.csv': { anonymous: 401, admin: 200, others: 403 },
	'GET /staff/login': { anonymous: 200, others: 303 },
	'GET /staff/enrol': page200,
	'GET /staff/recover': page200,
	'GET /staff/reenrol': page200,
	'GET /staff/setup': 303,
	'POST /staff/api/login': 400,
	'POST /staff/api/login/params': 400,
	'POST /staff/api/setup': 400,
	'POST /staff/api/setup/totp': 400,
	'POST /staff/api/invitations/inspect': 400,
	'POST /staff/api/invitations/totp': 400,
	'POST /staff/api/enrol': 400,
	'POST /staff/api/recover/open': 400,
	'POST /staff/api/recover/complete': 400,
	'POST /staff/api/reenrol': 400,
	'POST /staff/api/reenrol/inspect': 400,
	'POST /staff/api/account/passphrase': { anonymous: 401, others: 400 },
	'POST /staff/api/account/totp/start': { anonymous: 401, others: 409 },
	'POST /staff/api/account/totp/finish': { anonymous: 401, others: 409 },
	'POST /staff/api/grants': { anonymous: 401, others: 400 },
	'POST /staff/api/channels/[id]/rotate': { anonymous: 401, moderator: 400, admin: 400, others: 403 },
	'POST /staff/api/corpus/rotate': { anonymous: 401, facilitator: 403, others: 400 },
	'POST /staff/api/rotations/confirm': { anonymous: 401, others: 400 },
	'POST /staff/api/rotations/withdraw': { anonymous: 401, others: 400 },
	'POST /staff/api/submissions/[id]/replies': { anonymous: 401, moderator: 400, admin: 400, others: 404 },
	// Last: it ends the session it is called with.
	'POST /staff/api/logout': 200
};

function expectedFor(entry: Expected, persona: Persona): number {
	if (typeof entry === 'number') return entry;
	return entry[persona] ?? (entry.others as number);
}

/** Every page, endpoint method and form action found in src/routes. */
function discoverRoutes(): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else {
				const route =
					'/' +
					path
						.relative('src/routes', dir)
						.split(path.sep)
						.filter((part) => part && !/^\(.*\)$/.test(part))
						.join('/');
				const source = fs.readFileSync(full, 'utf8');
				if (entry.name === '+page.svelte') found.push(`GET ${route}`);
				if (entry.name === '+server.ts') {
					for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
						found.push(`${method} ${route}`);
				}
				if (entry.name === '+page.server.ts') {
					const block = source.slice(source.indexOf('export const actions'));
					if (source.includes('export const actions')) {
						for (const [, name] of block.matchAll(/^\t(\w+): async/gm)) {
							found.push(name === 'default' ? `POST ${route}` : `POST ${route}?/${name}`);
						}
					}
				}
			}
		}
	};
	walk('src/routes');
	return found.map((key) => key.replace(/ \/$/, ' /').replace(/ \/\?/, ' /?'));
}

let portal: RunningPortal;
const cookies: Partial<Record<Persona, string>> = { anonymous: '' };
/** An admin whose authenticator was reset, signed in with the re-enrolment link and passphrase only. */
let reenrollingCookie = '';
const params: Record<string, string> = {};

/** Signs a person up through the real invitation endpoints, with keys made by the real crypto. */
async function enrolThroughApi(adminCookie: string, username: string, role: string): Promise<string> {
	return (await enrolStaff(portal, adminCookie, username, role)).cookie;
}

/** The facilitator creates a session through the real form action; returns its id. */
async function facilitatorSession(cookie: string, channelId: string): Promise<string> {
	const form = new URLSearchParams({
		channelId,
		label: 'Brno Tuesday group',
		startsDay: '2026-01-01',
		endsDay: '2099-12-31',
		expectedParticipants: ''
	});
	form.append('locales', 'cs');
	await fetch(`${portal.origin}/staff/sessions?/create`, {
		method: 'POST',
		headers: { cookie, origin: portal.origin, 'x-sveltekit-action': 'true', accept: 'application/json' },
		body: form
	});
	const [session] = readRows<{ id: string }>(portal, 'select id from facilitation_session');
	return session.id;
}

beforeAll(async () => {
	await readyCrypto();
	portal = await startPortal();
	const browser = await launchBrowser();
	const admin = await completeSetup(browser.page, portal.setupLink!);
	await tellTestimony(browser.page, `${portal.origin}/tell`, { answers: ['An answer for the authorization test.'] });
	await browser.close();
	cookies.admin = await staffCookie(portal, admin);

	const [channelA] = readRows<{ id: string }>(portal, 'select id from channel');
	const [adminRow] = readRows<{ id: string; public_key: Buffer }>(portal, 'select id, public_key from staff_user');
	// A second channel, its key sealed to the admin, for "moderator of another channel".
	const channelB = await fetch(`${portal.origin}/staff/admin/channels/api`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: cookies.admin },
		body: JSON.stringify({
			name: 'Brno group',
			country: 'CZ',
			organisation: 'Brno partners',
			safeUrl: 'https://www.timeanddate.com/weather/',
			publicKey: toBase64url(newStaffKeyPair().publicKey),
			grants: [
				{
					userId: adminRow.id,
					sealedKey: toBase64url(sealToPublicKey(new Uint8Array(32), new Uint8Array(adminRow.public_key)))
				}
			]
		})
	});
	const { channelId: channelBId } = await channelB.json();

	cookies.facilitator = await enrolThroughApi(cookies.admin, 'fatima.facilitator', `facilitator:${channelA.id}`);
	cookies.otherModerator = await enrolThroughApi(cookies.admin, 'olga.othermod', `moderator:${channelBId}`);
	cookies.moderator = await enrolThroughApi(cookies.admin, 'musa.moderator', `moderator:${channelA.id}`);
	cookies.researcher = await enrolThroughApi(cookies.admin, 'rosa.researcher', 'researcher');

	const [submission] = readRows<{ id: string }>(portal, 'select id from submission');
	params['/staff/testimony/[id]'] = submission.id;
	params['/staff/api/submissions/[id]/replies'] = submission.id;
	params['/staff/api/submissions/[id]/draft'] = submission.id;
	params['/staff/api/submissions/[id]/decision'] = submission.id;
	params['/staff/api/submissions/[id]/review'] = submission.id;
	params['/staff/api/attachments/[id]'] = 'AAAAAAAAAAAAAAAAAAAAAA';
	params['/staff/admin/channels/[id]'] = channelA.id;
	params['/staff/api/channels/[id]/rotate'] = channelA.id;
	params['/staff/admin/questions/[id]'] = 'housing';
	params['/s/[code]'] = 'WRONGCODE';
	params['/staff/sessions/[id]'] = await facilitatorSession(cookies.facilitator!, channelA.id);
	params['/api/submissions/[id]/attachments/[attachmentId]'] = 'AAAAAAAAAAAAAAAAAAAAAA';
	expect(fromBase64url(submission.id).length).toBe(16);
	reenrollingCookie = await reenrollingAdmin(cookies.admin);
}, 300_000);

/** A second admin, whose authenticator the first resets; they open the link with their passphrase. */
async function reenrollingAdmin(adminCookie: string): Promise<string> {
	await enrolThroughApi(adminCookie, 'ruth.reset', 'admin');
	const [{ id }] = readRows<{ id: string }>(portal, "select id from staff_user where username = 'ruth.reset'");
	const reset = await fetch(`${portal.origin}/staff/admin/users?/resetTotp`, {
		method: 'POST',
		headers: { cookie: adminCookie, origin: portal.origin, 'x-sveltekit-action': 'true', accept: 'application/json' },
		body: new URLSearchParams({ userId: id })
	});
	const { link } = devalue.parse(((await reset.json()) as { data: string }).data) as { link: string };
	const post = (route: string, body: unknown) =>
		fetch(portal.origin + route, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	const params = await (await post('/staff/api/login/params', { username: 'ruth.reset' })).json();
	const { authKey } = deriveStaffKeys('a long enough test passphrase', fromBase64url(params.salt), params);
	const opened = await post('/staff/api/reenrol', {
		token: link.split('#')[1],
		username: 'ruth.reset',
		authKey: toBase64url(authKey)
	});
	if (!opened.ok) throw new Error(`Re-enrolment link refused: ${opened.status}`);
	return (opened.headers.get('set-cookie') ?? '').split(';')[0];
}

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

afterAll(async () => {
	await portal?.stop();
});

function concretePath(route: string): string {
	const [pathPart, action] = route.split('?');
	const value = params[pathPart];
	const concrete = pathPart.replace(/\[(\w+)\]/g, () => value ?? 'unknown');
	return action ? `${concrete}?${action}` : concrete;
}

/** Form actions are posted the way `use:enhance` posts them; their JSON answer carries the status. */
const ACTION_ROUTES = new Set(
	Object.keys(EXPECTED).filter(
		(key) => key.includes('?/') || /^POST \/staff\/admin\/(settings|settings\/pending|channels\/\[id\])$/.test(key)
	)
);

async function call(key: string, persona: Persona, cookie = cookies[persona] ?? ''): Promise<number> {
	const [method, route] = key.split(' ');
	const isAction = ACTION_ROUTES.has(key);
	const headers: Record<string, string> = { cookie, origin: portal.origin };
	let body: BodyInit | undefined;
	if (method !== 'GET') {
		if (isAction) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			headers['x-sveltekit-action'] = 'true';
			headers.accept = 'application/json';
			body = '';
		} else if (method === 'PUT') {
			headers['content-type'] = 'application/octet-stream';
			body = new Uint8Array(8);
		} else {
			headers['content-type'] = 'application/json';
			body = '{}';
		}
	}
	const response = await fetch(portal.origin + concretePath(route), { method, headers, body, redirect: 'manual' });
	if (!isAction) {
		await response.arrayBuffer();
		return response.status;
	}
	const result = (await response.json()) as { type: string; status?: number };
	return result.type === 'success' ? 200 : (result.status ?? response.status);
}

describe('authorization of every route', () => {
	it('has an expected answer for every route in src/routes, and no entry for a route that is gone', () => {
		const discovered = discoverRoutes().sort();
		expect(discovered.filter((key) => !(key in EXPECTED))).toEqual([]);
		expect(Object.keys(EXPECTED).filter((key) => !discovered.includes(key))).toEqual([]);
	});

	it('answers each visitor as the table says', async () => {
		const mismatches: string[] = [];
		const keys = Object.keys(EXPECTED);
		for (const persona of PERSONAS) {
			for (const key of keys) {
				const expected = expectedFor(EXPECTED[key], persona);
				const actual = await call(key, persona);
				if (actual !== expected) mismatches.push(`${key} as ${persona}: expected ${expected}, got ${actual}`);
			}
		}
		expect(mismatches).toEqual([]);
	}, 300_000);

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
