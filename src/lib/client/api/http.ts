/**
 * The browser's low-level HTTP helpers: JSON requests that turn a refusal into an ApiError with
 * the server's message, and byte uploads with progress. The typed functions of each domain
 * (intake.ts, receipts.ts, auth.ts, ...) are built on these; pages call those, not these.
 */
/** A refusal from the server, carrying its human-readable message. */
export class ApiError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
		this.name = 'ApiError';
	}
}

/**
 * Sends JSON (or nothing) and returns the parsed answer, or throws ApiError with the server's message
 * (`failed`, or the status, when it gave none).
 */
export async function requestJson<T>(
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
	path: string,
	body?: unknown,
	init: RequestInit = {},
	failed?: string
): Promise<T> {
	const response = await fetch(path, {
		credentials: 'same-origin',
		...init,
		method,
		// The caller's headers (a proof of work, say) join the content type instead of replacing it.
		headers: {
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...(init.headers as Record<string, string> | undefined)
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const answer = await response.json().catch(() => ({}));
	if (!response.ok) {
		const fallback = failed ?? `Request failed (${response.status}).`;
		const message = typeof answer?.message === 'string' ? answer.message : fallback;
		throw new ApiError(message, response.status);
	}
	return answer as T;
}

/** GETs JSON, or throws ApiError with the server's message (`failed` when it gave none). */
export function getJson<T>(path: string, failed: string, signal?: AbortSignal): Promise<T> {
	return requestJson<T>('GET', path, undefined, { signal }, failed);
}

/** POSTs JSON and returns the parsed answer, or throws ApiError with the server's message. */
export function postJson<T>(path: string, body: unknown, init: RequestInit = {}): Promise<T> {
	return requestJson<T>('POST', path, body, init);
}

/**
 * PUTs raw bytes with upload progress (fetch cannot report it), for encrypted voice notes on
 * slow lines. Resolves with the parsed answer or rejects with ApiError or a network error.
 */
export function putBytes(
	path: string,
	body: ArrayBuffer,
	headers: Record<string, string>,
	onProgress: (sentBytes: number) => void
): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const request = new XMLHttpRequest();
		request.open('PUT', path);
		request.setRequestHeader('content-type', 'application/octet-stream');
		for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
		request.upload.onprogress = (event) => onProgress(event.loaded);
		request.onload = () => {
			let answer: { message?: unknown } = {};
			try {
				answer = JSON.parse(request.responseText);
			} catch {
				// An empty or non-JSON answer: the status says enough.
			}
			if (request.status >= 200 && request.status < 300) resolve(answer);
			else {
				const message = typeof answer.message === 'string' ? answer.message : `Upload failed (${request.status}).`;
				reject(new ApiError(message, request.status));
			}
		};
		request.onerror = () => reject(new Error('The connection was lost during the upload.'));
		request.ontimeout = request.onerror;
		request.send(body);
	});
}
