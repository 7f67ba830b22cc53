/**
 * The fuzz run's hostile requests and how their answers are judged: fast-check generators for
 * bodies, content types, path parameters, methods and queries, one request per generated choice,
 * and the problems an answer can show (a 5xx, or a refusal that echoes what was sent).
 *
 * Seeded and bounded: FUZZ_SEED picks another run, FUZZ_RUNS scales the number of requests.
 */
import fc from 'fast-check';
import { BOUNDARY, CANARY, HUGE, PATH_CANARY, rawRequest, text } from './fuzz-portal';
import type { RouteTarget } from './routes';

export const SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
export const RUNS_PER_PERSONA: Record<RouteTarget['kind'], number> = {
	endpoint: Math.ceil(10 * RUNS),
	action: Math.ceil(10 * RUNS),
	page: Math.ceil(4 * RUNS)
};

export type FuzzRequest = {
	method: string;
	path: string;
	headers: Record<string, string>;
	body?: Uint8Array;
	/** What was generated, for the failure report (bodies shortened). */
	summary: string;
};

/** `fields`: every name the server reads; `own`: those the route at hand reads, tried most. */
export function arbitraries(fields: string[], own: string[], realIds: readonly string[]) {
	const shortCanary = fc.oneof(
		{ weight: 4, arbitrary: fc.nat(9999).map((n) => `${CANARY}${n}`) },
		{ weight: 1, arbitrary: fc.constant(`<script>${CANARY}</script>\u0000\u202e`) },
		{ weight: 1, arbitrary: fc.constant(`${CANARY}ⓐ\u{1F600}\uD800`) },
		{ weight: 1, arbitrary: fc.constant(`AAAA${CANARY}_-AAAA`) },
		{ weight: 1, arbitrary: fc.constant(`' OR 1=1 --${CANARY}`) }
	);
	const realId = realIds.length > 0 ? fc.constantFrom(...realIds) : fc.constant(CANARY);
	const fieldName = fc.oneof(
		{ weight: own.length > 0 ? 6 : 0, arbitrary: own.length > 0 ? fc.constantFrom(...own) : fc.constant(CANARY) },
		{ weight: 2, arbitrary: fc.constantFrom(...fields) },
		{ weight: 1, arbitrary: fc.constant(CANARY) }
	);
	const plainScalar = fc.oneof(
		{ weight: 5, arbitrary: shortCanary },
		{ weight: 2, arbitrary: realId },
		{ weight: 1, arbitrary: fc.integer() },
		{ weight: 1, arbitrary: fc.constantFrom(-1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5) },
		{ weight: 1, arbitrary: fc.boolean() },
		{ weight: 1, arbitrary: fc.constant(null) }
	);
	const scalar = fc.oneof({ weight: 19, arbitrary: plainScalar }, { weight: 1, arbitrary: fc.constant(HUGE) });
	const value = fc.oneof(
		{ weight: 6, arbitrary: scalar },
		{ weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
		{ weight: 1, arbitrary: fc.dictionary(fieldName, scalar, { maxKeys: 3 }) }
	);
	const someFields = fc.dictionary(fieldName, value, { maxKeys: 8 });
	/** Every field the route reads, each with a hostile value, and sometimes one of them huge. */
	const everyField =
		own.length === 0
			? someFields
			: fc
					.tuple(
						fc.tuple(
							...own.map(() =>
								fc.oneof(
									{ weight: 6, arbitrary: plainScalar },
									{ weight: 1, arbitrary: fc.array(plainScalar, { maxLength: 2 }) }
								)
							)
						),
						fc.nat(own.length * 6)
					)
					.map(([values, huge]) =>
						Object.fromEntries(own.map((name, index) => [name, index === huge ? HUGE : values[index]]))
					);
	const fieldsObject = fc.oneof(someFields, everyField);

	const formPairs = (object: Record<string, unknown>): [string, string][] =>
		Object.entries(object).flatMap(([name, item]) =>
			Array.isArray(item)
				? item.map((entry): [string, string] => [name, String(entry)])
				: [[name, typeof item === 'object' && item ? JSON.stringify(item) : String(item)]]
		);
	const multipart = (pairs: [string, string][], file: boolean) =>
		pairs
			.map(
				([name, item]) =>
					`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"${file ? `; filename="${CANARY}.txt"` : ''}\r\n\r\n${item}\r\n`
			)
			.join('') + `--${BOUNDARY}--\r\n`;

	/** A body and the content type it claims, which need not match. */
	const body = fc.oneof(
		fieldsObject.map((object) => ({ kind: 'json', bytes: text(JSON.stringify(object)) })),
		fieldsObject.map((object) => ({ kind: 'form', bytes: text(new URLSearchParams(formPairs(object)).toString()) })),
		fc
			.tuple(fieldsObject, fc.boolean())
			.map(([object, file]) => ({ kind: 'multipart', bytes: text(multipart(formPairs(object), file)) })),
		fc.tuple(fieldsObject, fc.nat()).map(([object, cut]) => {
			const whole = multipart(formPairs(object), false);
			return { kind: 'broken multipart', bytes: text(whole.slice(0, cut % Math.max(whole.length, 1))) };
		}),
		fc
			.constantFrom('{"', '{"a":', '[', 'null', '"', `{"${CANARY}":`, `${CANARY}=1&=&&%zz`, '\u0000')
			.map((raw) => ({ kind: 'broken', bytes: text(raw) })),
		fc
			.uint8Array({ maxLength: 512 })
			.map((bytes) => ({ kind: 'random bytes', bytes: new Uint8Array([...text(CANARY), ...bytes]) })),
		fc.constant({
			kind: 'invalid UTF-8',
			bytes: new Uint8Array([...text(`{"text":"${CANARY}`), 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])
		}),
		fc.constant({ kind: 'UTF-16', bytes: new Uint8Array(Buffer.from(JSON.stringify({ text: CANARY }), 'utf16le')) }),
		fc.constant({ kind: 'empty', bytes: new Uint8Array(0) })
	);
	const contentType = fc.oneof(
		{
			weight: 3,
			arbitrary: fc.constantFrom(
				'application/json',
				'application/x-www-form-urlencoded',
				`multipart/form-data; boundary=${BOUNDARY}`
			)
		},
		{
			weight: 2,
			arbitrary: fc.constantFrom(
				'text/plain',
				'text/plain;charset=UTF-8',
				'multipart/form-data',
				'multipart/form-data; boundary=',
				'multipart/form-data; boundary=nothere',
				'application/json; charset=utf-16',
				'application/octet-stream',
				'application/xml',
				`application/${CANARY}`,
				''
			)
		},
		{ weight: 1, arbitrary: fc.constant(null) }
	);
	const pathValue = fc.oneof(
		{ weight: 3, arbitrary: realId },
		{
			weight: 4,
			arbitrary: fc.constantFrom(
				PATH_CANARY,
				`${PATH_CANARY}%00`,
				`${PATH_CANARY}%ZZ`,
				`${PATH_CANARY}%E0%A4%A`,
				'%2e%2e',
				'..',
				`${PATH_CANARY}${'A'.repeat(5000)}`,
				encodeURIComponent(`${PATH_CANARY}ⓐ\u202e`),
				encodeURIComponent(`<${PATH_CANARY}>'"`),
				'00000000-0000-0000-0000-000000000000',
				'AAAAAAAAAAAAAAAAAAAAAA',
				`${PATH_CANARY}_-AAAAAAAAAAAAA`
			)
		},
		{
			weight: 1,
			arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map((raw) => encodeURIComponent(`${PATH_CANARY}${raw}`))
		}
	);
	const wrongMethod = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
	const query = fc.oneof(
		{ weight: 4, arbitrary: fc.constant('') },
		{
			weight: 1,
			arbitrary: fc.constantFrom(
				`${CANARY}=${CANARY}`,
				`next=${CANARY}`,
				`locale=${CANARY}`,
				`s=${CANARY}`,
				`page=${CANARY}`,
				`%ZZ=${CANARY}`
			)
		}
	);
	return { body, contentType, pathValue, wrongMethod, query };
}

export function requestArbitrary(
	target: RouteTarget,
	gen: ReturnType<typeof arbitraries>,
	origin: string
): fc.Arbitrary<FuzzRequest> {
	const action =
		target.kind === 'action'
			? fc.oneof(
					{ weight: 8, arbitrary: fc.constant(target.action!) },
					{
						weight: 2,
						arbitrary: fc.constantFrom('default', '__proto__', 'constructor', 'toString', 'hasOwnProperty', CANARY, '')
					}
				)
			: fc.constant(undefined);
	const method =
		target.kind === 'page'
			? fc.constant('GET')
			: fc.oneof({ weight: 5, arbitrary: fc.constant(target.method) }, { weight: 1, arbitrary: gen.wrongMethod });
	return fc
		.record({
			method,
			params: fc.tuple(...target.params.map(() => gen.pathValue), fc.constant('')),
			locale: fc.constantFrom('', '', '', '/fr', '/ar'),
			action,
			query: gen.query,
			body: gen.body,
			contentType: gen.contentType,
			enhanced: fc.boolean(),
			pageData: fc.boolean(),
			json: fc.boolean(),
			origin: fc.constantFrom('same', 'same', 'same', 'none', 'foreign')
		})
		.map((choice) => {
			let index = 0;
			let routePath = target.route.replace(/\[+(?:\.\.\.)?\w+(?:=\w+)?\]+/g, () => choice.params[index++]);
			if (!routePath.startsWith('/staff') && !routePath.startsWith('/api'))
				routePath = (choice.locale + routePath).replace(/(.)\/$/, '$1');
			// A page's data request carries its loads' errors as JSON, where messages can be read.
			if (target.kind === 'page' && choice.pageData) routePath = `${routePath.replace(/\/$/, '')}/__data.json`;
			const search = [
				choice.action !== undefined && choice.action !== 'default' ? `/${choice.action}` : '',
				choice.action === 'default' ? '/default' : '',
				choice.query
			]
				.filter(Boolean)
				.join('&');
			const headers: Record<string, string> = {};
			if (choice.contentType !== null) headers['content-type'] = choice.contentType;
			if (choice.enhanced) headers['x-sveltekit-action'] = 'true';
			headers.accept = choice.json ? 'application/json' : 'text/html';
			if (choice.origin === 'same') headers.origin = origin;
			if (choice.origin === 'foreign') headers.origin = 'https://elsewhere.example';
			const hasBody = choice.method !== 'GET' && choice.method !== 'HEAD';
			const preview = Buffer.from(choice.body.bytes.slice(0, 80)).toString('latin1');
			return {
				method: choice.method,
				path: routePath + (search ? `?${search}` : ''),
				headers,
				body: hasBody ? choice.body.bytes : undefined,
				summary: `${choice.method} ${routePath.slice(0, 120)}${search ? `?${search.slice(0, 60)}` : ''} [${choice.contentType}] ${choice.body.kind} (${choice.body.bytes.length} B): ${JSON.stringify(preview)}`
			};
		});
}

/** A seed per route and persona, so a new route does not change the requests sent to the others. */
export function seedFor(key: string): number {
	let hash = SEED | 0;
	for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
	return hash;
}

export type Outcome = {
	status: number;
	actionStatus?: number;
	actionType?: string;
	/** The errors of a page's loads, from its `__data.json` (answered 200 even when a load fails). */
	loadErrors?: { status?: number; message: string }[];
	contentType: string;
	text: string;
	/** The answer removed the staff session cookie: the session may have ended. */
	endedSession: boolean;
};

export async function send(origin: string, request: FuzzRequest, cookie: string): Promise<Outcome> {
	const answer = await rawRequest(
		origin,
		request.method,
		request.path,
		{ ...request.headers, ...(cookie ? { cookie } : {}) },
		request.body
	);
	const contentType = String(answer.headers['content-type'] ?? '');
	const endedSession = (answer.headers['set-cookie'] ?? []).some((line) => line.startsWith('tv_staff_session=;'));
	const outcome: Outcome = { status: answer.status, contentType, text: answer.text, endedSession };
	if (request.path.includes('/__data.json') && contentType.includes('application/json')) {
		try {
			const data = JSON.parse(answer.text) as {
				nodes?: ({ type?: string; status?: number; error?: { message?: string } } | null)[];
			};
			outcome.loadErrors = (data.nodes ?? [])
				.filter((node) => node?.type === 'error')
				.map((node) => ({ status: node!.status, message: JSON.stringify(node!.error ?? {}) }));
		} catch {
			// Not page data (a refusal before the page); the status says enough.
		}
	}
	if (request.headers['x-sveltekit-action'] && contentType.includes('application/json')) {
		try {
			const result = JSON.parse(answer.text) as { type?: string; status?: number };
			outcome.actionType = result.type;
			outcome.actionStatus = result.status;
		} catch {
			// Not an action answer (an endpoint, or a refusal before the action); the status says enough.
		}
	}
	return outcome;
}

/**
 * The problems with one answer. Machine-readable refusals (JSON and plain text, and an action's
 * failure or error) must not contain what was sent. HTML pages are not searched: a page may show
 * what an earlier, accepted request stored, and SvelteKit writes the route's parameters into it.
 */
export function problemsOf(outcome: Outcome): string[] {
	const problems: string[] = [];
	if (outcome.status >= 500) problems.push(`answered ${outcome.status}`);
	if ((outcome.actionStatus ?? 0) >= 500) problems.push(`action answered ${outcome.actionStatus}`);
	for (const load of outcome.loadErrors ?? []) {
		// A load error without a status is an unexpected exception: a 500 shown as a page.
		if ((load.status ?? 500) >= 500) problems.push(`a load failed with ${load.status ?? 'an unexpected error'}`);
		for (const canary of [CANARY, PATH_CANARY])
			if (load.message.includes(canary)) problems.push(`a load echoed input: ${load.message.slice(0, 200)}`);
	}
	const refusal = outcome.status >= 400 || outcome.actionType === 'failure' || outcome.actionType === 'error';
	// A refusal of the sender's request must not blame the server.
	if (outcome.status < 500 && refusal && outcome.text.includes('went wrong on our side'))
		problems.push(`a ${outcome.status} says the server failed`);
	if (refusal && !outcome.contentType.includes('text/html')) {
		for (const canary of [CANARY, PATH_CANARY]) {
			if (outcome.text.includes(canary)) problems.push(`echoed input: ${JSON.stringify(outcome.text.slice(0, 200))}`);
		}
	}
	return problems;
}
