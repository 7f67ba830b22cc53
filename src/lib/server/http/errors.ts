/**
 * An expected refusal of a domain module, with the HTTP status and a sentence a person can
 * act on. Endpoints turn it into a 4xx answer; anything else is a bug and is thrown.
 */
export class DomainError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 428 | 429 | 503
	) {
		super(message);
		this.name = new.target.name;
	}

	/** Seconds after which a refusal for lack of capacity (429, 503) may be retried, sent as Retry-After. */
	retryAfterSeconds?: number;
}

/**
 * The address names something that does not exist (a question id in the URL, say). Pages answer
 * it with their 404; the message never repeats the id, which could be anything.
 */
export class AddressNotFound extends DomainError {
	constructor(message: string) {
		super(message, 404);
	}
}
