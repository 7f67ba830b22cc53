/**
 * The page's side of the crypto workers. Pages call `cryptoWorker.call(op, argument)` as if there
 * were one worker; each operation goes to the worker of its audience (crypto-protocol.ts), started
 * on its first call. Survivor pages therefore only ever fetch the survivor worker, and staff pages
 * the staff worker (a facilitator's group testimony uses the survivor one as well).
 */
import type {
	CryptoOpName,
	CryptoOps,
	CryptoRequest,
	CryptoResponse,
	SurvivorOps,
	WorkerName
} from './crypto-protocol';

/** An error thrown inside the worker, with its original class name kept. */
export class WorkerCryptoError extends Error {
	constructor(name: string, message: string) {
		super(message);
		this.name = name;
	}
}

type Pending = { resolve: (value: unknown) => void; reject: (reason: Error) => void };

/**
 * One crypto worker of this tab. libsodium and every unlocked key live inside it; pages only
 * ever hold ciphertext, public keys and the plaintext they display.
 */
class WorkerConnection {
	#create: () => Worker;
	#worker: Worker | null = null;
	#pending = new Map<number, Pending>();
	#nextId = 1;

	constructor(create: () => Worker) {
		this.#create = create;
	}

	start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = this.#create();
		worker.onmessage = (event: MessageEvent<CryptoResponse>) => {
			const reply = event.data;
			const pending = this.#pending.get(reply.id);
			if (!pending) return;
			this.#pending.delete(reply.id);
			if (reply.ok) pending.resolve(reply.result);
			else pending.reject(new WorkerCryptoError(reply.error.name, reply.error.message));
		};
		worker.onerror = (event) => {
			event.preventDefault();
			const failure = new WorkerCryptoError('WorkerError', 'The crypto worker could not start.');
			for (const pending of this.#pending.values()) pending.reject(failure);
			this.#pending.clear();
			this.#worker = null;
		};
		this.#worker = worker;
		return worker;
	}

	call(op: CryptoOpName, argument: unknown, transfer: Transferable[]): Promise<unknown> {
		const worker = this.start();
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			const request: CryptoRequest = { id, op, argument };
			worker.postMessage(request, { transfer });
		});
	}

	terminate(): void {
		this.#worker?.terminate();
		this.#worker = null;
		for (const pending of this.#pending.values()) {
			pending.reject(new WorkerCryptoError('WorkerTerminated', 'The crypto worker was stopped.'));
		}
		this.#pending.clear();
	}
}

/** The survivor worker's operations; every other one runs in the staff worker. */
const SURVIVOR_OPS: Record<keyof SurvivorOps, true> = {
	'survivor.prepare': true,
	'survivor.seal': true,
	'survivor.sealVoice': true,
	'survivor.sealFile': true,
	'survivor.openReceipt': true,
	'survivor.openReplies': true,
	'survivor.openOwnMessages': true,
	'survivor.openOwnTestimony': true,
	'survivor.sealMessage': true,
	'survivor.forget': true,
	'proof.mint': true
};

const workerOf = (op: CryptoOpName): WorkerName => (op in SURVIVOR_OPS ? 'survivor' : 'staff');

/** The crypto workers of this tab, each started by the first operation of its audience. */
class CryptoClient {
	// Each `new Worker(new URL(…))` is its own bundle; the URL is fetched only when it is started.
	#workers: Record<WorkerName, WorkerConnection> = {
		survivor: new WorkerConnection(
			() => new Worker(new URL('./worker/survivor.worker.ts', import.meta.url), { type: 'module' })
		),
		staff: new WorkerConnection(
			() => new Worker(new URL('./worker/staff.worker.ts', import.meta.url), { type: 'module' })
		)
	};

	/** Starts the staff worker and loads libsodium ahead of a passphrase's Argon2id. */
	warmUp(): void {
		this.#workers.staff.start();
	}

	/** Runs one operation in its worker; `transfer` hands large buffers over instead of copying. */
	call<K extends CryptoOpName>(
		op: K,
		argument: CryptoOps[K][0],
		transfer: Transferable[] = []
	): Promise<CryptoOps[K][1]> {
		return this.#workers[workerOf(op)].call(op, argument, transfer) as Promise<CryptoOps[K][1]>;
	}

	/** Ends every worker, and with them every key they held. */
	terminate(): void {
		for (const worker of Object.values(this.#workers)) worker.terminate();
	}
}

export const cryptoWorker = new CryptoClient();
