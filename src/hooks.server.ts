import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { textDirection } from '$lib/i18n';
import { serverConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { deploymentSalt, serverSecret } from '$lib/server/settings';
import { issueSetupToken } from '$lib/server/setup';
import { seedDefaultQuestions } from '$lib/server/questions';
import { startRetentionSchedule } from '$lib/server/retention';
import {
	SESSION_COOKIE,
	clearSessionCookie,
	setSessionCookie,
	validateSession
} from '$lib/server/auth/session';
import { securityHeaders } from '$lib/server/security/headers';
import { BODY_TOO_LARGE, BodyRefused, formBodyLimit, readBodyWithin } from '$lib/server/security/body-limit';

export const init: ServerInit = async () => {
	if (building) return;
	db();
	deploymentSalt();
	serverSecret();
	seedDefaultQuestions();
	const token = issueSetupToken();
	if (token) console.log(`Setup link: ${serverConfig().origin}/staff/setup#${token}`);
	startRetentionSchedule();
};

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const https = serverConfig().origin.startsWith('https:');
	for (const [name, value] of Object.entries(securityHeaders(https))) {
		response.headers.set(name, value);
	}
	// Nothing a survivor or staff member sees may be kept by a browser or proxy cache.
	// (Hashed static assets are served before this hook and keep their long cache life.)
	response.headers.set('cache-control', 'no-store');
	return response;
};

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
		return new Response(cause.status === 413 ? `${BODY_TOO_LARGE} Forms here take at most ${limit / 1024} KiB.` : cause.message, {
			status: cause.status,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	const { method, headers, url, signal } = event.request;
	event.request = new Request(url, { method, headers, body: body as Uint8Array<ArrayBuffer>, signal });
	return resolve(event);
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%lang%', locale).replace('%dir%', textDirection(locale))
		});
	});

const staffSession: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	if (event.url.pathname === '/staff' || event.url.pathname.startsWith('/staff/')) {
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

export const handle = sequence(headers, formBodies, i18n, staffSession);

/** Unexpected errors are logged by kind and route only: never a body, an IP or survivor data. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		const name = error instanceof Error ? error.name : 'UnknownError';
		const message = error instanceof Error ? error.message : '';
		console.error(`${status} ${event.route.id ?? 'unknown route'}: ${name}: ${message}`);
	}
	return { message: status === 404 ? 'Not found.' : 'Something went wrong on our side.' };
};
