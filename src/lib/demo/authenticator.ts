import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';

/**
 * An authenticator app in code, for tests and the demo's seeding. The server accepts each time
 * step once and allows one step of drift, so a new code is the next unused step, waiting for
 * the clock when that step is more than one step ahead.
 */
export class Authenticator {
	#secret: Uint8Array;
	#lastStep = 0;

	/** `usedUpTo`: the last time step someone else may already have spent with this secret. */
	constructor(base32Secret: string, usedUpTo = 0) {
		this.#secret = decodeBase32IgnorePadding(base32Secret.replace(/\s/g, ''));
		this.#lastStep = usedUpTo;
	}

	async code(): Promise<string> {
		const current = () => Math.floor(Date.now() / 30_000);
		// Never the previous window: the page may spend many seconds on Argon2id before it sends
		// the code, and a code of the previous window is refused once the next one begins.
		let step = Math.max(this.#lastStep + 1, current());
		while (step > current() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
		step = Math.max(step, current());
		this.#lastStep = step;
		return generateHOTP(this.#secret, BigInt(step), 6);
	}
}
