/**
 * The portal both fuzz test files run against, and how they talk to it: a built portal with one
 * testimony, one facilitated session and a signed-in staff member of each role (plus a spare
 * session each), the ids of real things in its database, and raw HTTP requests sent as written.
 * Also the canaries put into hostile input, so a refusal that echoes input can be recognised.
 */
import http from 'node:http';
import { readyCrypto } from '$lib/crypto';
import { launchBrowser, startPortal, type RunningPortal } from './harness';
import { enrolThroughApi, readRows, staffCookie } from './staff-api';
import { completeSetup, type EnrolledStaff } from './staff-flows';
import { tellTestimony } from './survivor-flows';

/** Sent in bodies, queries and headers; a refusal that contains it has echoed input. */
export const CANARY = 'qzxCanary';
/** Sent in path parameters, which SvelteKit writes into a page's hydration data by design. */
export const PATH_CANARY = 'qzxPathMark';
export const HUGE = `${CANARY}${'x'.repeat(300 * 1024)}${CANARY}`;
export const BOUNDARY = '----fuzzBoundary7MA4YWxk';

export const text = (value: string) => new TextEncoder().encode(value);

export const PERSONAS = ['anonymous', 'admin', 'moderator', 'researcher', 'facilitator'] as const;
export type Persona = (typeof PERSONAS)[number];

export type FuzzPortal = {
	portal: RunningPortal;
	/** Real ids of things in the database, so hostile bodies also reach past "not found". */
	realIds: string[];
	cookies: Record<Persona, string>;
	/** A second session per staff member, for when a fuzzed request (a logout) ends the first. */
	spareCookies: Partial<Record<Persona, string>>;
	credentials: Partial<Record<Persona, EnrolledStaff>>;
};

/** Starts the built portal and brings in the people and things the fuzz tests need. */
export async function startFuzzPortal(): Promise<FuzzPortal> {
	await readyCrypto();
	const portal = await startPortal();
	const realIds: string[] = [];
	const cookies: Record<Persona, string> = { anonymous: '', admin: '', moderator: '', researcher: '', facilitator: '' };
	const spareCookies: Partial<Record<Persona, string>> = {};
	const credentials: Partial<Record<Persona, EnrolledStaff>> = {};
	const browser = await launchBrowser();
	const admin = await completeSetup(browser.page, portal.setupLink!);
	await tellTestimony(browser.page, `${portal.origin}/tell`, { answers: ['An answer for the fuzz test.'] });
	const session = (await browser.context.cookies()).find((cookie) => cookie.name === 'tv_staff_session');
	await browser.close();
	cookies.admin = `tv_staff_session=${session!.value}`;
	credentials.admin = admin;

	const [channel] = readRows<{ id: string }>(portal, 'select id from channel');
	const roles: Record<Exclude<Persona, 'anonymous' | 'admin'>, string> = {
		moderator: `moderator:${channel.id}`,
		researcher: 'researcher',
		facilitator: `facilitator:${channel.id}`
	};
	for (const [persona, role] of Object.entries(roles) as [Persona, string][]) {
		const enrolled = await enrolThroughApi(portal, cookies.admin, `fuzz.${persona}`, role);
		cookies[persona] = enrolled.cookie;
		credentials[persona] = enrolled.staff;
	}
	for (const persona of PERSONAS) {
		if (persona !== 'anonymous') spareCookies[persona] = await staffCookie(portal, credentials[persona]!);
	}

	// A facilitated session through its real form, so session pages have something to show.
	const form = new URLSearchParams({
		channelId: channel.id,
		label: 'Fuzz group',
		startsDay: '2026-01-01',
		endsDay: '2099-12-31'
	});
	form.append('locales', 'en');
	await fetch(`${portal.origin}/staff/sessions?/create`, {
		method: 'POST',
		headers: {
			cookie: cookies.facilitator,
			origin: portal.origin,
			'x-sveltekit-action': 'true',
			accept: 'application/json'
		},
		body: form
	});

	for (const [sql] of [
		['select id from submission'],
		['select id from channel'],
		['select id from facilitation_session'],
		['select join_code as id from facilitation_session'],
		['select id from question limit 3'],
		['select id from code limit 3']
	]) {
		realIds.push(
			...readRows<{ id: string | Buffer }>(portal, sql).map((row) =>
				Buffer.isBuffer(row.id) ? row.id.toString('base64url') : String(row.id)
			)
		);
	}
	return { portal, realIds, cookies, spareCookies, credentials };
}

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; text: string };

/**
 * One request on its own connection, sent as written (no URL clean-up, any method). A server
 * that refuses a large body before reading it closes the connection; the answer already came.
 */
export function rawRequest(
	origin: string,
	method: string,
	path: string,
	headers: Record<string, string>,
	body?: Uint8Array
): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		let answered = false;
		const request = http.request(origin + path, { method, headers, agent: false }, (response) => {
			answered = true;
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('error', () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					text: Buffer.concat(chunks).toString('utf8')
				})
			);
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					text: Buffer.concat(chunks).toString('utf8')
				})
			);
		});
		request.on('error', (cause) => {
			if (!answered) reject(cause);
		});
		request.end(body);
	});
}

async function signedIn(origin: string, cookie: string): Promise<boolean> {
	if (!cookie) return false;
	return (await rawRequest(origin, 'GET', '/staff/account', { cookie })).status === 200;
}

/** After a request ended a persona's session (a fuzzed logout), it continues with another one. */
export async function restoreSession(fuzz: FuzzPortal, persona: Persona) {
	const { portal, cookies, spareCookies, credentials } = fuzz;
	if (await signedIn(portal.origin, cookies[persona])) return;
	const spare = spareCookies[persona];
	delete spareCookies[persona];
	if (spare && (await signedIn(portal.origin, spare))) {
		cookies[persona] = spare;
		return;
	}
	try {
		cookies[persona] = await staffCookie(portal, credentials[persona]!);
	} catch (cause) {
		// The run goes on anonymously for this persona rather than stopping; the log says so.
		console.warn(
			`fuzz: ${persona} could not sign in again (${(cause as Error).message}); continuing without a session`
		);
		cookies[persona] = '';
	}
}
