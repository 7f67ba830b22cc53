/**
 * Keeping a sealed testimony on a facilitator's kiosk device, and only there, until the line
 * comes back (the sending itself is in deliver.ts). What waits in IndexedDB is exactly what would
 * have gone over the network: ciphertext, the sealed data key, public values and the receipt
 * lookup token (which opens nothing: replies need the receipt itself). It is deleted as soon as
 * the server acknowledges. No proof of work is kept: proofs expire within the hour and the
 * difficulty may rise meanwhile, and since a proof lies outside the sealed envelope it is simply
 * minted when the line returns. Normal survivor pages never call `enqueue` and never open the
 * database.
 */
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { deliverTestimony, isConnectionFailure, type TestimonyDelivery } from './deliver';
import { isProofRefusal } from './proofs';

export const OUTBOX_DATABASE = 'trips-voice-outbox';

/** Whether a failed delivery may be tried again later (see deliver.ts); kept here for callers. */
export { isConnectionFailure };

type Queued = TestimonyDelivery & { refused?: string };

let store: UseStore | null = null;
const outbox = () => (store ??= createStore(OUTBOX_DATABASE, 'testimonies'));

export async function enqueue(delivery: TestimonyDelivery): Promise<void> {
	await set(delivery.upload.id, delivery satisfies Queued, outbox());
}

export type OutboxState = { waiting: number; refused: number };

/** Whether this device has ever queued anything, without creating the database if not. */
export async function hasOutbox(): Promise<boolean> {
	if (typeof indexedDB === 'undefined' || !('databases' in indexedDB)) return false;
	const databases = await indexedDB.databases();
	return databases.some((database) => database.name === OUTBOX_DATABASE);
}

export async function outboxState(): Promise<OutboxState> {
	const all = (await entries<string, Queued>(outbox())).map(([, item]) => item);
	return { waiting: all.filter((item) => !item.refused).length, refused: all.filter((item) => item.refused).length };
}

/**
 * Where one testimony kept here stands: still waiting, refused by the server, or gone from the
 * outbox because the server acknowledged it (the only way it leaves, apart from a refusal).
 */
export async function queuedStatus(id: string): Promise<'waiting' | 'sent' | 'refused'> {
	const item = await get<Queued>(id, outbox());
	return !item ? 'sent' : item.refused ? 'refused' : 'waiting';
}

/** Deletes what the server refused: it can never be delivered, and nobody here can read it. */
export async function discardRefused(): Promise<OutboxState> {
	for (const [id, item] of await entries<string, Queued>(outbox())) if (item.refused) await del(id, outbox());
	return outboxState();
}

/** Deletes the (empty) outbox database itself, when a device stops being a kiosk. */
export async function forgetOutbox(): Promise<void> {
	// This page's own connection would block the deletion until the tab closes.
	if (store) await store('readonly', (objects) => objects.transaction.db.close());
	store = null;
	return new Promise((resolve, reject) => {
		const request = indexedDB.deleteDatabase(OUTBOX_DATABASE);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
		request.onblocked = () => resolve();
	});
}

let flushing: Promise<OutboxState> | null = null;

/**
 * Sends everything waiting, oldest first, and deletes each once acknowledged. Stops at the first
 * connection failure (the line is still down). A testimony the server refuses (its session
 * ended more than a week ago, the channel key changed) cannot be re-encrypted here, since the
 * plaintext is gone: it is kept, marked, and counted apart for the facilitator.
 */
export function flushOutbox(): Promise<OutboxState> {
	flushing ??= (async () => {
		try {
			for (const [id, item] of await entries<string, Queued>(outbox())) {
				if (item.refused) continue;
				try {
					await deliverTestimony(item);
					await del(id, outbox());
				} catch (cause) {
					// No line, or a proof of work refused (the difficulty rose while this was minted): try later.
					if (isConnectionFailure(cause) || isProofRefusal(cause)) break;
					await set(id, { ...item, refused: cause instanceof Error ? cause.message : 'Refused' }, outbox());
				}
			}
			return await outboxState();
		} finally {
			flushing = null;
		}
	})();
	return flushing;
}
