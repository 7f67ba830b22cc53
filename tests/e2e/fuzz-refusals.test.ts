import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNDARY, CANARY, rawRequest, startFuzzPortal, text, type FuzzPortal } from './fuzz-portal';
import { discoverTargets } from './routes';

/**
 * Hand-picked bad requests that the generated ones in fuzz.test.ts reach only by chance: every
 * form action posted with the wrong content type, as broken multipart or as ?/default, and a
 * wrong method. Each must be refused with a 4xx and a fixed sentence that neither echoes the
 * input nor blames the server.
 */

let fuzz: FuzzPortal;

beforeAll(async () => {
	fuzz = await startFuzzPortal();
}, 300_000);

afterAll(async () => {
	await fuzz?.portal.stop();
});

describe('bad requests refused with a plain sentence', () => {
	it('answers every form action posted as text/plain, as broken multipart or as ?/default without a 5xx, refusing with a plain sentence', async () => {
		const actions = discoverTargets().filter((target) => target.kind === 'action');
		const answers: string[] = [];
		for (const target of actions) {
			const path = target.route.replace(/\[\w+\]/g, () => fuzz.realIds[0]);
			const named = target.action === 'default' ? '' : `?/${target.action}`;
			const headers = {
				cookie: fuzz.cookies.admin,
				origin: fuzz.portal.origin,
				'x-sveltekit-action': 'true',
				accept: 'application/json'
			};
			for (const [label, search, type, body] of [
				['text/plain', named, 'text/plain', `${CANARY}=1`],
				[
					'broken multipart',
					named,
					`multipart/form-data; boundary=${BOUNDARY}`,
					`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${CANARY}"\r\n\r\n`
				],
				['?/default', '?/default', 'application/x-www-form-urlencoded', `${CANARY}=1`]
			]) {
				const answer = await rawRequest(
					fuzz.portal.origin,
					'POST',
					path + search,
					{ ...headers, 'content-type': type },
					text(body)
				);
				const message = String((JSON.parse(answer.text) as { error?: { message?: string } }).error?.message);
				answers.push(`${target.key} as ${label}: ${answer.status} ${message}`);
			}
		}
		// An action that reads no body (ending other sessions, closing a session) may succeed.
		const wrong = answers.filter(
			(line) =>
				!/: (2\d\d|4\d\d) /.test(line) ||
				line.includes('went wrong') ||
				line.includes(CANARY) ||
				(line.includes(' as ?/default: ') && !line.includes(': 404 '))
		);
		expect(wrong).toEqual([]);
		expect(answers.some((line) => line.includes(': 415 '))).toBe(true);
	});

	it('answers a wrong method and a wrong content type with a sentence that does not blame the server', async () => {
		const enhanced = {
			cookie: fuzz.cookies.admin,
			origin: fuzz.portal.origin,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		};
		// The grants page has no form actions: SvelteKit answers 405 itself.
		const wrongMethod = await rawRequest(
			fuzz.portal.origin,
			'POST',
			'/staff/grants',
			{ ...enhanced, 'content-type': 'application/x-www-form-urlencoded' },
			text('a=1')
		);
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.text).toContain('This address does not accept this kind of request.');
		const wrongType = await rawRequest(
			fuzz.portal.origin,
			'POST',
			'/staff/templates?/add',
			{ ...enhanced, 'content-type': 'application/xml' },
			text('<a/>')
		);
		expect(wrongType.status).toBe(415);
		expect(wrongType.text).not.toContain('went wrong');
	});

	it('writes none of the input to the server log', () => {
		expect(fuzz.portal.output()).not.toContain(CANARY);
	});
});
