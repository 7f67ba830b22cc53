/**
 * The portal the authorization tests call: its setup, the cookies of each kind of visitor, and a
 * call of one route as one of them, the way a browser would make it.
 */
import * as devalue from 'devalue';
import { afterAll, beforeAll, expect } from 'vitest';
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
import { ACTION_ROUTES, type Persona } from './authorization-table';

let portal: RunningPortal;
export const cookies: Partial<Record<Persona, string>> = { anonymous: '' };
/** An admin whose authenticator was reset, signed in with the re-enrolment link and passphrase only. */
export let reenrollingCookie = '';
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

/**
 * Starts a portal before the file's tests and stops it after: the first admin with one testimony, a
 * second channel, one staff member of each kind signed in, the ids the routes' parameters take, and
 * a second admin in the middle of re-enrolling their authenticator.
 */
export function useAuthorizationPortal(): void {
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

	afterAll(async () => {
		await portal?.stop();
	});
}

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

function concretePath(route: string): string {
	const [pathPart, action] = route.split('?');
	const value = params[pathPart];
	const concrete = pathPart.replace(/\[(\w+)\]/g, () => value ?? 'unknown');
	return action ? `${concrete}?${action}` : concrete;
}

export async function call(key: string, persona: Persona, cookie = cookies[persona] ?? ''): Promise<number> {
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
