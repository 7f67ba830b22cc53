import { untrack } from 'svelte';
import * as researchApi from '$lib/client/api/research';
import { ApiError } from '$lib/client/api/http';
import type { BlindCoding } from '$lib/server/research/rounds';
import { cryptoWorker } from '$lib/client/crypto-client';
import type { SealedCorpusKeys, SealedMemo } from '$lib/client/research-protocol';
import { CodeTree } from '$lib/research/codebook-tree';
import { AttributeTally } from '$lib/research/record-attributes';
import { openCorpusPages } from './corpus-pages';
import type { CodingScope, CorpusFilter } from '$lib/research/corpus-index';
import { formerCoder, unknownChannel, unknownSession } from '$lib/research/labels';
import { t } from '$lib/staff-text';
import type { Code, Coder, Coding, CorpusRecord, FieldAddress } from '$lib/research/types';

/** While opening, the records list gets the records opened so far at most this often. */
const PUBLISH_EVERY_MS = 400;

/** One (record, coder) pair per record a coder coded something in, sorted: what the coded filters need. */
export function codedRecords(codings: Coding[]): Array<Pick<Coding, 'recordId' | 'coderId'>> {
	const pairs = new Map<string, Pick<Coding, 'recordId' | 'coderId'>>();
	for (const { recordId, coderId } of codings) pairs.set(`${recordId} ${coderId}`, { recordId, coderId });
	return [...pairs.keys()].sort().map((key) => pairs.get(key)!);
}

export type WorkspaceData = {
	me: { id: string; name: string };
	canCode: boolean;
	codes: Code[];
	codings: {
		id: string;
		recordId: string;
		field: string;
		start: number;
		end: number;
		codeId: string;
		coderId: string;
	}[];
	directory: {
		channels: { id: string; name: string; country: string }[];
		sessions: { id: string; label: string }[];
		coders: Coder[];
	};
	corpusKey: { id: number; version: number } | null;
	memos: SealedMemoRow[];
	blind: BlindCoding;
};

/** Codings drawn before the server has stored them carry an id with this prefix. */
export const PENDING_CODING = 'pending-';

type SealedMemoRow = SealedMemo & { target: OpenedMemo['target']; targetId: string; authorId: string };

export type OpenedMemo = {
	id: string;
	target: 'record' | 'coding' | 'code';
	targetId: string;
	authorId: string;
	version: number;
	/** Null when this reader does not hold the key it was sealed under. */
	text: string | null;
};

/**
 * The decrypted research corpus of this tab, shared by every workspace page. Plaintext lives
 * in memory only (here and in the crypto worker) and is dropped when the keys lock or the tab
 * closes; what goes back to the server is codings (addresses), sealed memos and export notices.
 */
export class ResearchWorkspace {
	status = $state<'closed' | 'opening' | 'open' | 'failed'>('closed');
	progress = $state({ done: 0, total: 0 });
	problem = $state('');
	/** How long fetching, decrypting and indexing took, shown to the researcher. */
	openedInMs = $state(0);
	/** The same, split: fetching the ciphertext, then decrypting and indexing (and the worker's own share of each). */
	phases = $state({ fetchMs: 0, decryptAndIndexMs: 0, decryptMs: 0, indexMs: 0 });
	/** When the first records could be listed and searched, counted from the start of opening. */
	firstUsableMs = $state(0);
	/** Counts openings and closings, so that an opening overtaken by a close or a new opening stops. */
	#generation = 0;
	/** Records that could not be opened (a corpus key not granted yet). */
	unreadable = $state(0);
	records = $state.raw<CorpusRecord[]>([]);
	recordsById = $derived(new Map(this.records.map((record) => [record.id, record])));
	codes = $state.raw<Code[]>([]);
	codings = $state.raw<Coding[]>([]);
	memos = $state.raw<OpenedMemo[]>([]);
	me = $state<{ id: string; name: string }>({ id: '', name: '' });
	canCode = $state(false);
	directory = $state.raw<WorkspaceData['directory']>({ channels: [], sessions: [], coders: [] });
	corpusKey = $state.raw<WorkspaceData['corpusKey']>(null);
	blind = $state.raw<BlindCoding>({ round: 1, begun: false, isLead: false, progress: [], revealed: [] });
	#keys: SealedCorpusKeys = {};
	/** Codings sent and not yet answered, and removals not yet answered: kept through a page's new data. */
	#adding: Coding[] = [];
	#removing = new Set<string>();
	/** Which coder coded which record, as the worker last heard it; null when it holds none. */
	#codedInWorker: string | null = null;
	/** True once the worker's index holds the first batch of this corpus. */
	#indexStarted = false;

	codesById = $derived(new Map(this.codes.map((code) => [code.id, code])));
	/** The codebook nested, siblings in the server's order (position, then name). */
	codeTree = $derived(new CodeTree(this.codes));

	#attributeTally = new AttributeTally();
	/** The values the open records take, sorted, for the workspace's filter lists (months newest first). */
	attributes = $derived(this.#attributeTally.of(this.records));

	/**
	 * Takes the latest plaintext the server sent with a page (codebook, codings, labels). Untracked:
	 * an effect calling this depends on `data` only, not on the state it reads and writes here.
	 */
	update(data: WorkspaceData): void {
		// What this reads of the workspace must not become a dependency of the caller's effect:
		// the effect would run again on every coding or memo and put the server's older list back.
		untrack(() => {
			this.me = data.me;
			this.canCode = data.canCode;
			this.codes = data.codes;
			const stored = (data.codings as Coding[]).filter((coding) => !this.#removing.has(coding.id));
			const ids = new Set(stored.map((coding) => coding.id));
			this.setCodings([...stored, ...this.#adding.filter((coding) => !ids.has(coding.id))]);
			this.directory = data.directory;
			this.corpusKey = data.corpusKey;
			this.blind = data.blind;
			this.#sealedMemos = data.memos;
			if (this.status === 'open') this.#openMemos().catch(() => {});
		});
	}

	#sealedMemos: SealedMemoRow[] = [];

	/** Opens the team's memos in the worker; the ones already open are not decrypted again. */
	async #openMemos(): Promise<void> {
		const known = new Map(this.memos.map((memo) => [memo.id, memo]));
		const changed = this.#sealedMemos.filter((memo) => known.get(memo.id)?.version !== memo.version);
		const texts = changed.length
			? await cryptoWorker.call('research.openMemos', { memos: changed, keys: this.#keys })
			: [];
		const textById = new Map(texts.map((memo) => [memo.id, memo.text]));
		this.memos = this.#sealedMemos.map((memo) => ({
			id: memo.id,
			target: memo.target,
			targetId: memo.targetId,
			authorId: memo.authorId,
			version: memo.version,
			text: textById.has(memo.id) ? (textById.get(memo.id) ?? null) : (known.get(memo.id)?.text ?? null)
		}));
	}

	/**
	 * Fetches the sealed corpus page by page (the server never builds the whole corpus) and opens
	 * it in the worker, batch by batch; the next page is fetched while this one is decrypted.
	 * Records are published as they open, so the records list can show and search them while
	 * later pages still arrive; `status` turns 'open' once every page is in.
	 */
	async open(): Promise<void> {
		if (this.status === 'opening' || this.status === 'open') return;
		const generation = ++this.#generation;
		const current = () => generation === this.#generation;
		this.status = 'opening';
		this.problem = '';
		this.records = [];
		this.progress = { done: 0, total: 0 };
		this.#indexStarted = false;
		this.#codedInWorker = null;
		const started = performance.now();
		try {
			const opened: CorpusRecord[] = [];
			let failed = 0;
			// The first batch is published at once, however soon after the page's start it arrives.
			let published = -Infinity;
			const publish = () => {
				this.records = opened.slice();
				published = performance.now();
				this.firstUsableMs ||= Math.round(published - started);
			};
			const timings = await openCorpusPages({
				keys: () => this.#keys,
				addKeys: (keys) => (this.#keys = { ...this.#keys, ...keys }),
				current,
				batch: (records, failedIds, total) => {
					opened.push(...records);
					failed += failedIds;
					this.progress = { done: Math.min(opened.length + failed, total), total };
					if (!this.#indexStarted) {
						// The worker's index is new: tell it who coded what, for the coded filters.
						this.#indexStarted = true;
						this.#sendCodedRecords();
					}
					if (performance.now() - published >= PUBLISH_EVERY_MS) publish();
				}
			});
			if (!timings) return;
			publish();
			this.unreadable = failed;
			this.progress = { done: opened.length + failed, total: opened.length + failed };
			this.phases = timings;
			this.#indexStarted = true;
			this.#sendCodedRecords();
			await this.#openMemos();
			if (!current()) return;
			this.openedInMs = Math.round(performance.now() - started);
			this.status = 'open';
		} catch (cause) {
			if (!current()) return;
			this.status = 'failed';
			// Empty when the cause says nothing: the page then says, in the reader's language, that it failed.
			this.problem = cause instanceof Error ? cause.message : '';
		}
	}

	/** Forgets every decrypted record, here and in the worker. */
	async close(): Promise<void> {
		this.#generation++;
		this.#indexStarted = false;
		this.#codedInWorker = null;
		this.records = [];
		this.memos = [];
		this.status = 'closed';
		await cryptoWorker.call('research.close', {}).catch(() => {});
	}

	/** Drops records withdrawn or deleted since the corpus opened, and their codings and memos (also in the worker). */
	forgetRecords(ids: readonly string[]): void {
		const gone = new Set(ids);
		const goneCodings = new Set(this.codings.flatMap((coding) => (gone.has(coding.recordId) ? [coding.id] : [])));
		this.records = this.records.filter((record) => !gone.has(record.id));
		this.memos = this.memos.filter((memo) => !gone.has(memo.targetId) && !goneCodings.has(memo.targetId));
		this.setCodings(this.codings.filter((coding) => !goneCodings.has(coding.id)));
		if (this.status === 'open') cryptoWorker.call('research.forgetRecords', { ids: [...gone] }).catch(() => {});
	}

	setCodings(codings: Coding[]): void {
		this.codings = codings;
		this.#sendCodedRecords();
	}

	/**
	 * Tells the worker who coded which record, for the coded / uncoded filters, when that changed.
	 * Codings reach the page on every workspace page load; sending them all each time kept the
	 * worker cloning thousands of codings while a search waited behind them.
	 */
	#sendCodedRecords(): void {
		if (!this.#indexStarted) return;
		const pairs = codedRecords(this.codings);
		const signature = pairs.map((pair) => `${pair.recordId} ${pair.coderId}`).join('\n');
		if (signature === this.#codedInWorker) return;
		this.#codedInWorker = signature;
		cryptoWorker.call('research.setCodings', { codings: pairs }).catch(() => {});
	}

	search(query: string, filter: CorpusFilter) {
		return cryptoWorker.call('research.search', { query, filter });
	}

	/** Keyword in context for the records shown: how many hits each has, and its first passages. */
	hits(recordIds: string[], query: string, perRecord = 3) {
		return cryptoWorker.call('research.hits', { recordIds, query, perRecord });
	}

	/** Every hit of a query in these records, with the span `scope` would code, to review before coding them. */
	hitList(recordIds: string[], query: string, scope: CodingScope, limit: number) {
		return cryptoWorker.call('research.hitList', { recordIds, query, scope, limit });
	}

	matches(recordId: string, query: string) {
		return cryptoWorker.call('research.matches', { recordId, query });
	}

	coderName(coderId: string): string {
		return this.directory.coders.find((coder) => coder.id === coderId)?.name ?? formerCoder(t);
	}

	channelName(channelId: string): string {
		return this.directory.channels.find((channel) => channel.id === channelId)?.name ?? unknownChannel(t);
	}

	sessionLabel(sessionId: string | null): string {
		if (!sessionId) return '';
		return this.directory.sessions.find((session) => session.id === sessionId)?.label ?? unknownSession(t);
	}

	/** "Theme › Sub-theme" */
	codePath(codeId: string): string {
		return this.codeTree.path(codeId);
	}

	/**
	 * Applies codes to a span of a field; the server stores the address only. The codings are
	 * drawn at once and replaced by the stored ones when the server answers, or taken away again
	 * (and the error thrown) when it refuses or the line drops.
	 */
	async addCodings(
		recordId: string,
		field: FieldAddress,
		start: number,
		end: number,
		codeIds: string[]
	): Promise<Coding[]> {
		const address = { recordId, field, start, end, coderId: this.me.id };
		const key = (coding: Omit<Coding, 'id'>) =>
			JSON.stringify([coding.recordId, coding.field, coding.start, coding.end, coding.codeId, coding.coderId]);
		const present = new Set(this.codings.map(key));
		const drafts = codeIds
			.map((codeId) => ({ id: PENDING_CODING + crypto.randomUUID(), ...address, codeId }))
			.filter((draft) => !present.has(key(draft)));
		this.#adding.push(...drafts);
		this.setCodings([...this.codings, ...drafts]);
		const withoutDrafts = () => this.codings.filter((coding) => !drafts.includes(coding));
		try {
			const { codings } = await researchApi.addCodings({ recordId, field, start, end, codeIds });
			const known = new Set(withoutDrafts().map((coding) => coding.id));
			this.setCodings([...withoutDrafts(), ...codings.filter((coding) => !known.has(coding.id))]);
			return codings;
		} catch (cause) {
			this.setCodings(withoutDrafts());
			throw cause;
		} finally {
			this.#adding = this.#adding.filter((coding) => !drafts.includes(coding));
		}
	}

	/** Takes a coding away at once; it comes back if the server refuses. */
	async removeCoding(codingId: string): Promise<void> {
		const removed = this.codings.find((coding) => coding.id === codingId);
		if (!removed || this.#removing.has(codingId)) return;
		this.#removing.add(codingId);
		this.setCodings(this.codings.filter((coding) => coding.id !== codingId));
		try {
			await researchApi.removeCoding(codingId);
		} catch (cause) {
			// Already gone (a second click, another tab): what was asked for is done.
			if (cause instanceof ApiError && cause.status === 404) return;
			this.setCodings([...this.codings, removed]);
			throw cause;
		} finally {
			this.#removing.delete(codingId);
		}
	}

	/** Changes a coding's code at once; it changes back if the server refuses. */
	async recode(codingId: string, codeId: string): Promise<void> {
		const before = this.codings.find((coding) => coding.id === codingId);
		if (!before) return;
		const swap = (to: string) =>
			this.setCodings(this.codings.map((coding) => (coding.id === codingId ? { ...coding, codeId: to } : coding)));
		swap(codeId);
		try {
			await researchApi.recode(codingId, codeId);
		} catch (cause) {
			swap(before.codeId);
			throw cause;
		}
	}

	/** A record's blacked-out photos, opened in the worker with the corpus keys it holds; the caller revokes the URLs. */
	async openImages(recordId: string): Promise<string[]> {
		const { images } = await researchApi.sealedResearchImages(recordId);
		const urls: string[] = [];
		for (const image of images) {
			const { jpeg } = await cryptoWorker.call('research.openImage', { image, recordId, keys: this.#keys });
			urls.push(URL.createObjectURL(new Blob([jpeg], { type: 'image/jpeg' })));
		}
		return urls;
	}

	/** Seals a memo in the worker under the current corpus key and saves it. */
	async saveMemo(target: OpenedMemo['target'], targetId: string, text: string, existing?: OpenedMemo): Promise<void> {
		if (!this.corpusKey) throw new Error('There is no corpus key yet.');
		const id = existing?.id ?? crypto.randomUUID();
		const version = (existing?.version ?? 0) + 1;
		const sealed = await cryptoWorker.call('research.sealMemo', {
			memoId: id,
			version,
			corpusKeyId: this.corpusKey.id,
			corpusKeyVersion: this.corpusKey.version,
			keys: this.#keys,
			text
		});
		await researchApi.saveMemo({ id, target, targetId, corpusKeyVersion: this.corpusKey.version, version, ...sealed });
		const memo: OpenedMemo = { id, target, targetId, authorId: this.me.id, version, text };
		this.memos = existing ? this.memos.map((item) => (item.id === id ? memo : item)) : [...this.memos, memo];
	}

	async deleteMemo(memoId: string): Promise<void> {
		await researchApi.deleteMemo(memoId);
		this.memos = this.memos.filter((memo) => memo.id !== memoId);
	}

	/** Tells the server an export was made (kind and number of records; never its content). */
	noteExport(
		kind: 'excerpts-csv' | 'aggregates-csv' | 'codebook-qdc' | 'project-qdpx' | 'quotes' | 'theme-report',
		records: number
	) {
		return researchApi.noteExport(kind, records);
	}
}

/** One workspace per tab: moving between workspace pages keeps the corpus open. */
export const workspace = new ResearchWorkspace();
