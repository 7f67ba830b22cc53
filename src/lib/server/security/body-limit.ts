import { DomainError } from '../http/errors';

/**
 * Request bodies are read as they arrive and refused the moment they pass the endpoint's own
 * limit. `Content-Length` alone is no limit: a chunked body has none, and reading it with
 * `arrayBuffer()` would hold everything the server-wide limit allows before any check ran.
 */
export class BodyRefused extends DomainError {
	declare readonly status: 400 | 413;

	constructor(message: string, status: 400 | 413) {
		super(message, status);
	}
}

export const BODY_TOO_LARGE = 'The request is too large.';

/**
 * The body's bytes in the pieces they arrive in, refusing with 413 as soon as more than
 * maxBytes came. A body that claims more in Content-Length is refused before a byte is handed
 * over. Whatever is left when reading stops early (a refusal here, or the caller giving up) is
 * read on and dropped, piece by piece, so memory does not grow and the connection is not left
 * stalled; Node closes it once the answer is sent, and the adapter's BODY_SIZE_LIMIT ends it too.
 */
export async function* bodyChunks(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (!request.body) {
		if (declared > maxBytes) throw new BodyRefused(BODY_TOO_LARGE, 413);
		return;
	}
	const reader = request.body.getReader();
	let finished = false;
	try {
		if (declared > maxBytes) throw new BodyRefused(BODY_TOO_LARGE, 413);
		let received = 0;
		for (;;) {
			let step: ReadableStreamReadResult<Uint8Array>;
			try {
				step = await reader.read();
			} catch (cause) {
				finished = true;
				// The server-wide limit of the HTTP adapter, or a client that went away mid-body.
				if (cause instanceof Error && 'status' in cause && cause.status === 413)
					throw new BodyRefused(BODY_TOO_LARGE, 413);
				throw new BodyRefused('The request body was cut off before its end.', 400);
			}
			if (step.done) {
				finished = true;
				return;
			}
			received += step.value.byteLength;
			if (received > maxBytes) throw new BodyRefused(BODY_TOO_LARGE, 413);
			yield step.value;
		}
	} finally {
		if (finished) reader.releaseLock();
		else void discardRest(reader);
	}
}

/** Reads what is left of a body and keeps none of it. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
	try {
		while (!(await reader.read()).done);
	} catch {
		// The client went away, or the adapter's own limit ended the body: nothing left to drop.
	}
}

/** The whole body as one buffer, for bodies small enough to hold: at most maxBytes. */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array> {
	const pieces: Uint8Array[] = [];
	let length = 0;
	for await (const piece of bodyChunks(request, maxBytes)) {
		pieces.push(piece);
		length += piece.byteLength;
	}
	const body = new Uint8Array(length);
	let offset = 0;
	for (const piece of pieces) {
		body.set(piece, offset);
		offset += piece.byteLength;
	}
	return body;
}

/** Form posts to staff pages are small; the questionnaire's translations and recordings need more. */
export const FORM_BODY_LIMIT = 64 * 1024;
const LARGER_FORMS: [RegExp, number][] = [
	[/^\/staff\/\(app\)\/admin\/questions(\/|$)/, 256 * 1024],
	// An uploaded recording (prompts/sniff.ts allows 2 MB) with its form fields.
	[/^\/staff\/\(app\)\/admin\/listen$/, 2 * 1024 * 1024 + 64 * 1024]
];

/**
 * The most a page (form action) body may carry, by route id, or null for JSON endpoints
 * (route ids with an `api` segment), which enforce their own limit while reading.
 */
export function formBodyLimit(routeId: string | null): number | null {
	if (routeId && routeId.split('/').includes('api')) return null;
	for (const [route, limit] of LARGER_FORMS) if (routeId && route.test(routeId)) return limit;
	return FORM_BODY_LIMIT;
}
