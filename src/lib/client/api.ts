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

/** POSTs JSON and returns the parsed answer, or throws ApiError with the server's message. */
export async function postJson<T>(path: string, body: unknown, init: RequestInit = {}): Promise<T> {
	const response = await fetch(path, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		credentials: 'same-origin',
		...init
	});
	const answer = await response.json().catch(() => ({}));
	if (!response.ok) {
		const message = typeof answer?.message === 'string' ? answer.message : `Request failed (${response.status}).`;
		throw new ApiError(message, response.status);
	}
	return answer as T;
}
