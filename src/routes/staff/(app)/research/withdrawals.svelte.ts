import * as researchApi from '$lib/client/api/research';
import { workspace, type ResearchWorkspace } from './workspace.svelte';

/** The server answers about this many ids per request (HELD_RECORDS_PER_CHECK). */
const IDS_PER_REQUEST = 5000;

type OpenCorpus = Pick<ResearchWorkspace, 'records' | 'recordsById' | 'forgetRecords'>;
type AskServer = (ids: string[]) => Promise<{ gone: string[] }>;

/**
 * Keeps a workspace opened before a withdrawal from showing or exporting the withdrawn record.
 * Before an export is built and when a record page opens, the browser asks which of the records
 * it holds have gone (withdrawn by their author, or deleted by retention) and drops them. The
 * question names only records this browser already holds, so the answer reveals nothing new.
 */
export class WithdrawalCheck {
	/** Records dropped from this browser since the corpus was opened, for the workspace's notice. */
	dropped = $state(0);
	readonly #corpus: OpenCorpus;
	readonly #ask: AskServer;

	constructor(corpus: OpenCorpus, ask: AskServer = researchApi.goneRecords) {
		this.#corpus = corpus;
		this.#ask = ask;
	}

	/**
	 * Asks about `ids` (every open record by default) and drops those that have gone; returns
	 * them. Throws when the server cannot be asked: the caller must then not show or export.
	 */
	async recheck(ids: readonly string[] = this.#corpus.records.map((record) => record.id)): Promise<string[]> {
		const asked = [...new Set(ids)];
		const gone = new Set<string>();
		for (let start = 0; start < asked.length; start += IDS_PER_REQUEST) {
			const answer = await this.#ask(asked.slice(start, start + IDS_PER_REQUEST));
			for (const id of answer.gone) gone.add(id);
		}
		// Only what was asked about can go, whatever the answer holds.
		const dropped = asked.filter((id) => gone.has(id));
		const held = dropped.filter((id) => this.#corpus.recordsById.has(id)).length;
		if (dropped.length > 0) this.#corpus.forgetRecords(dropped);
		this.dropped += held;
		return dropped;
	}

	/** A corpus opened afresh holds no withdrawn record: nothing to tell. */
	reset(): void {
		this.dropped = 0;
	}
}

/** The check of this tab's one workspace. */
export const withdrawals = new WithdrawalCheck(workspace);
