import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { textDirection } from '$lib/i18n';
import { staffLocaleFor } from '$lib/server/i18n/staff';
import { EARLY_EXIT_SCRIPT } from '$lib/early-exit';
import { serverConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { ensureSpaceReserve, isDiskFull, keepRoomForStaff, releaseSpaceReserve } from '$lib/server/db/disk-space';
import { deploymentSalt, serverSecret } from '$lib/server/settings/store';
import { readyCrypto } from '$lib/crypto';
import { DeploymentKeyError, deploymentKey } from '$lib/server/security/deployment-key';
import { sealPlaintextTotpSecrets } from '$lib/server/accounts/totp-secrets';
import { issueSetupToken } from '$lib/server/accounts/setup';
import { seedDefaultQuestions } from '$lib/server/questionnaire/questions';
import { startRetentionSchedule } from '$lib/server/retention/retention';
import { guardStart } from '$lib/server/ops/start-guard';
import { prepareDemoDatabase } from '$lib/server/ops/demo';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie, validateSession } from '$lib/server/auth/session';
import { responseSecurityHeaders } from '$lib/server/security/headers';
import { isReservedActionName, unknownActionResponse } from '$lib/server/security/form-actions';
import { CROSS_SITE_MESSAGE, isCrossSiteWrite } from '$lib/server/security/cross-site';
import { refuse } from '$lib/server/http/validation';
import { BODY_TOO_LARGE, BodyRefused, formBodyLimit, readBodyWithin } from '$lib/server/security/body-limit';
import { isOnionHost } from '$lib/server/security/onion-origin.js';
import { PageCache, pageCacheHandle } from '$lib/server/http/page-cache';
import { baseLocale, extractLocaleFromUrl } from '$lib/paraglide/runtime';

export const init: ServerInit = async () => {
	if (building) return;
	guardStart();
	db();
	const demoRefusal = prepareDemoDatabase(process.env);
	if (demoRefusal) {
		console.error(`TRIPS Voice will not start: ${demoRefusal}`);
		process.exit(78);
	}
	deploymentSalt();
	serverSecret();
	await sealTotpSecretsAtRest();
	seedDefaultQuestions();
	const token = issueSetupToken();
	if (token) console.log(`Setup link: ${serverConfig().origin}/staff/setup#${token}`);
	ensureSpaceReserve();
	startRetentionSchedule();
};

/**
 * Loads the deployment key (creating it on the first start) and seals any TOTP secret still
 * stored in plaintext. A key file that cannot be read stops the start with a clear message;
 * secrets the key does not open are reported for the operator, and their owners sign in with a
 * recovery code and set up their authenticator again.
 */
async function sealTotpSecretsAtRest(): Promise<void> {
	await readyCrypto();
	let key;
	try {
		key = deploymentKey();
	} catch (cause) {
		if (!(cause instanceof DeploymentKeyError)) throw cause;
		console.error(`TRIPS Voice will not start: ${cause.message}`);
		process.exit(78);
	}
	if (key.created) console.log(`Deployment key created in ${key.path}: back it up (docs/deploy.md).`);
	const { sealed, unreadable } = sealPlaintextTotpSecrets();
	if (sealed > 0) console.log(`Sealed ${sealed} TOTP secrets with the deployment key.`);
	if (unreadable > 0) {
		console.error(
			`TRIPS Voice: ${unreadable} staff TOTP secrets do not open with the deployment key in ${key.path}. ` +
				'If this is not the key file this database was used with, stop the portal and put the right one back. ' +
				'Otherwise those people sign in with a recovery code and set up their authenticator again (docs/deploy.md).'
		);
	}
}

const PROMPT_ROUTE = '/api/prompts/[file]';

const headers: Handle = async ({ event, resolve }) => {
	const security = responseSecurityHeaders(
		serverConfig(),
		event.request.headers.get('host'),
		event.url,
		event.route.id
	);
	const response = await resolve(event);
	for (const [name, value] of Object.entries(security)) {
		response.headers.set(name, value);
	}
	// Nothing a survivor or staff member sees may be kept by a browser or proxy cache.
	// (Hashed static assets are served before this hook and keep their long cache life, as do
	// the recorded prompts, public and named by their content hash: /api/prompts.)
	if (event.route.id !== PROMPT_ROUTE) response.headers.set('cache-control', 'no-store');
	return response;
};

/**
 * Pages that are the same for everyone, kept in memory after their first render (page-cache.ts).
 * Second in line, so that a kept page skips the rest of the hooks; the locale is read from the
 * URL as the i18n hook reads it (the URL is the only locale strategy on survivor pages).
 */
const pageCache = pageCacheHandle(new PageCache(), (event) => ({
	locale: extractLocaleFromUrl(event.url) ?? baseLocale,
	overOnion: isOnionHost(event.request.headers.get('host'), serverConfig().onionOrigin)
}));

const formActionNames: Handle = ({ event, resolve }) =>
	event.request.method === 'POST' && isReservedActionName(event.url)
		? unknownActionResponse(event.request)
		: resolve(event);

/** Before any session or body is read: another site's page may not write to the portal. */
const sameOriginWrites: Handle = ({ event, resolve }) =>
	isCrossSiteWrite(event.request, event.url, serverConfig().onionOrigin)
		? refuse(403, CROSS_SITE_MESSAGE)
		: resolve(event);

/**
 * Page routes take form posts only, and form actions read their body whole: hold each to a
 * small limit here, counted while the bytes arrive, so a chunked body cannot make the server
 * buffer megabytes on a 1 KiB form. JSON endpoints and voice-note uploads enforce their own.
 */
const formBodies: Handle = async ({ event, resolve }) => {
	const limit = event.request.body ? formBodyLimit(event.route.id) : null;
	if (limit === null) return resolve(event);
	let body: Uint8Array;
	try {
		body = await readBodyWithin(event.request, limit);
	} catch (cause) {
		if (!(cause instanceof BodyRefused)) throw cause;
		return new Response(
			cause.status === 413 ? `${BODY_TOO_LARGE} Forms here take at most ${limit / 1024} KiB.` : cause.message,
			{
				status: cause.status,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			}
		);
	}
	const { method, headers, url, signal } = event.request;
	event.request = new Request(url, { method, headers, body: body as Uint8Array<ArrayBuffer>, signal });
	return resolve(event);
};

/** Survivor pages (all but staff pages) carry the quick exit inline, from their first bytes. */
const SURVIVOR_EXIT = `<script>${EARLY_EXIT_SCRIPT}</script>`;
const isStaffPath = (pathname: string) => pathname === '/staff' || pathname.startsWith('/staff/');

/**
 * The anonymous API's endpoints answer in no page's language: their requests skip the locale's
 * set-up. An address under /api/ that matches no endpoint still gets it, for its error page.
 */
const isApiEndpoint = (routeId: string | null) => routeId?.startsWith('/api/') ?? false;

const i18n: Handle = ({ event, resolve }) =>
	isApiEndpoint(event.route.id)
		? resolve(event)
		: paraglideMiddleware(event.request, ({ request, locale }) => {
				event.request = request;
				const staffPage = isStaffPath(event.url.pathname);
				const exit = staffPage ? '' : SURVIVOR_EXIT;
				return resolve(event, {
					// Staff pages speak their own languages (all left to right); the staff session
					// hook, later in line, has read the person's choice by the time the page renders.
					transformPageChunk: ({ html }) => {
						const lang = staffPage ? staffLocaleFor(event.locals.staff, event.url, event.request.headers) : locale;
						return html
							.replace('%lang%', lang)
							.replace('%dir%', textDirection(lang))
							.replace('%survivor.exit%', () => exit);
					}
				});
			});

const staffSession: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	if (isStaffPath(event.url.pathname)) {
		keepRoomForStaff();
		const token = event.cookies.get(SESSION_COOKIE);
		if (token) {
			const session = validateSession(token);
			if (session) {
				event.locals.staff = session.identity;
				setSessionCookie(event.cookies, token, session.expiresAt);
			} else {
				clearSessionCookie(event.cookies);
			}
		}
	}
	return resolve(event);
};

export const handle = sequence(headers, pageCache, sameOriginWrites, formActionNames, formBodies, i18n, staffSession);

/**
 * What SvelteKit's own refusals (a wrong method, content type or action) say. Their messages
 * quote the request, so a fixed sentence per status replaces them.
 */
const REFUSALS: Record<number, string> = {
	400: 'The request could not be understood.',
	404: 'Not found.',
	405: 'This address does not accept this kind of request.',
	413: 'The request is too large.',
	415: 'This address does not accept this type of content.'
};

/**
 * Unexpected errors are logged by kind and route only: never a body, an IP or survivor data.
 * A 4xx is the sender's mistake, not a bug, so it is answered and not logged (strangers could
 * otherwise fill the log).
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status < 500) return { message: REFUSALS[status] ?? 'The request could not be handled.' };
	const name = error instanceof Error ? error.name : 'UnknownError';
	const message = error instanceof Error ? error.message : '';
	console.error(`${status} ${event.route.id ?? 'unknown route'}: ${name}: ${message}`);
	if (isDiskFull(error)) {
		releaseSpaceReserve();
		return {
			message: 'The disk holding the database is full. Try again; if it fails again, the operator must free space.'
		};
	}
	return { message: 'Something went wrong on our side.' };
};
