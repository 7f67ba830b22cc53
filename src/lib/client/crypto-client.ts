import type { CryptoOpName, CryptoOps, CryptoRequest, CryptoResponse } from './crypto-protocol';

/** An error thrown inside the worker, with its original class name kept. */
export class WorkerCryptoError extends Error {
	constructor(name: string, message: string) {
		super(message);
		this.name = name;
	}
}

type Pending = { resolve: (value: unknown) => void; reject: (reason: Error) => void };

/**
 * The one crypto worker of this tab. libsodium and every unlocked key live inside it; pages
 * only ever hold ciphertext, public keys and the plaintext they display.
 */
class CryptoClient {
	#worker: Worker | null = null;
	#pending = new Map<number, Pending>();
	#nextId = 1;

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./crypto.worker.ts', import.meta.url), { type: 'module' });
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

	/** Starts the worker and loads libsodium without doing anything else. */
	warmUp(): void {
		this.#start();
	}

	/** Runs one operation in the worker; `transfer` hands large buffers over instead of copying. */
	call<K extends CryptoOpName>(
		op: K,
		argument: CryptoOps[K][0],
		transfer: Transferable[] = []
	): Promise<CryptoOps[K][1]> {
		const worker = this.#start();
		const id = this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			const request: CryptoRequest = { id, op, argument };
			worker.postMessage(request, { transfer });
		});
	}

	/** Ends the worker, and with it every key it held. */
	terminate(): void {
		this.#worker?.terminate();
		this.#worker = null;
		for (const pending of this.#pending.values()) {
			pending.reject(new WorkerCryptoError('WorkerTerminated', 'The crypto worker was stopped.'));
		}
		this.#pending.clear();
	}
}

export const cryptoWorker = new CryptoClient();
