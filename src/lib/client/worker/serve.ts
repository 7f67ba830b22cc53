/// <reference lib="webworker" />
/**
 * The message loop every crypto worker runs: it waits for libsodium, answers each request with
 * its audience's handler, and sends errors back by name and message. The survivor and staff
 * workers (survivor.worker.ts, staff.worker.ts) differ only in the handlers they pass in.
 */
import { readyCrypto } from '$lib/crypto';
import type { CryptoRequest, CryptoResponse } from '../crypto-protocol';

/** Operation name → [argument, result] of one worker's audience. */
type OpMap = { [op: string]: [unknown, unknown] };

/** One handler per operation of the map, typed by its argument and result. */
export type Handlers<Ops extends OpMap> = {
	[K in keyof Ops]: (argument: Ops[K][0]) => Ops[K][1] | Promise<Ops[K][1]>;
};

/** Answers this worker's messages with `handlers`; unknown operations are refused. */
export function serve<Ops extends OpMap>(handlers: Handlers<Ops>): void {
	const ready = readyCrypto();
	self.onmessage = async (event: MessageEvent<CryptoRequest>) => {
		const { id, op, argument } = event.data;
		let reply: CryptoResponse;
		let transfer: Transferable[] = [];
		try {
			await ready;
			const handler = handlers[op] as ((argument: unknown) => unknown) | undefined;
			if (!handler) throw new Error(`Unknown operation ${op}.`);
			const result = await handler(argument);
			// Encrypted voice notes are large: hand their buffer over instead of copying it.
			if (result && typeof result === 'object') {
				transfer = Object.values(result).filter((value): value is ArrayBuffer => value instanceof ArrayBuffer);
			}
			reply = { id, ok: true, result };
		} catch (cause) {
			const error = cause instanceof Error ? cause : new Error(String(cause));
			reply = { id, ok: false, error: { name: error.name, message: error.message } };
		}
		self.postMessage(reply, { transfer });
	};
}
