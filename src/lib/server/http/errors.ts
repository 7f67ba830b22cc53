import type { StaffMessageKey } from '$lib/staff-i18n';
import { staffText } from '../i18n/staff';

/** A key of the staff refusals catalogue (messages/staff/refusals/). */
export type RefusalKey = Extract<StaffMessageKey, `staff_refusals_${string}`>;

/**
 * A refusal as the staff catalogue words it: a key, and parameters that are only numbers,
 * limits or names the portal itself knows, never what was posted.
 */
export type Refusal = { key: RefusalKey; params?: Record<string, string | number> };

/**
 * An expected refusal of a domain module, with the HTTP status and a sentence a person can
 * act on. Endpoints turn it into a 4xx answer; anything else is a bug and is thrown.
 *
 * A refusal staff can meet is given as a `Refusal`: its message is the English sentence (for
 * logs and for the survivor API, which answers in English), and staff answers translate it
 * into the reader's language (`refusalText`).
 */
export class DomainError extends Error {
	readonly refusal?: Refusal;

	constructor(
		message: string | Refusal,
		readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 428 | 429 | 503
	) {
		super(typeof message === 'string' ? message : staffText('en', message.key, message.params));
		this.name = new.target.name;
		if (typeof message !== 'string') this.refusal = message;
	}

	/** Seconds after which a refusal for lack of capacity (429, 503) may be retried, sent as Retry-After. */
	retryAfterSeconds?: number;
}

/**
 * A refusal only staff meet. Its constructor takes a catalogue key, never a sentence, so a
 * new refusal cannot reach a staff page in English alone.
 */
export class StaffRefusal extends DomainError {
	constructor(refusal: Refusal, status: DomainError['status']) {
		super(refusal, status);
	}
}

/**
 * The address names something that does not exist (a question id in the URL, say). Pages answer
 * it with their 404; the message never repeats the id, which could be anything.
 */
export class AddressNotFound extends DomainError {
	constructor(refusal: Refusal) {
		super(refusal, 404);
	}
}
