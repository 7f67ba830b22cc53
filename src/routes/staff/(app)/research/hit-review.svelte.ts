import type { CodingScope, SearchHit, SearchHits } from '$lib/research/corpus-index';
import type { Coding, FieldAddress } from '$lib/research/types';
import type { StaffTranslate } from '$lib/staff-i18n';

/*
 * "Code all hits": every hit of a search listed for review, each with a checkbox, then one code
 * applied to the ticked ones through the codings API, one span at a time, and an undo that
 * removes exactly the codings this made (never one that was there before).
 */

/** At most this many hits are listed for review; a search with more is narrowed first. */
export const REVIEW_LIMIT = 500;

/** What the review needs of the workspace. */
export type HitCoder = {
	readonly codings: readonly Coding[];
	hitList(recordIds: string[], query: string, scope: CodingScope, limit: number): Promise<SearchHits>;
	addCodings(recordId: string, field: FieldAddress, start: number, end: number, codeIds: string[]): Promise<Coding[]>;
	removeCoding(codingId: string): Promise<void>;
};

const hitKey = (hit: SearchHit) => `${hit.recordId}|${hit.field}|${hit.span.start}|${hit.span.end}`;

export class HitReview {
	query = $state('');
	scope = $state<CodingScope>('hit');
	codeId = $state('');
	hits = $state.raw<SearchHit[]>([]);
	/** Every hit the search has, including those past the review limit. */
	total = $state(0);
	/** Keys of the hits left out by the researcher. */
	unticked = $state.raw<ReadonlySet<string>>(new Set());
	phase = $state<'closed' | 'loading' | 'review' | 'applying' | 'applied' | 'undoing'>('closed');
	progress = $state({ done: 0, total: 0 });
	problem = $state('');
	/** The codings the last apply created, which undo removes. */
	created = $state.raw<Coding[]>([]);
	/** Hits already coded with the chosen code before the apply: left as they were. */
	alreadyCoded = $state(0);
	#recordIds: string[] = [];
	#asked = 0;
	#cancelled = false;

	readonly key = hitKey;
	ticked = $derived(this.hits.filter((hit) => !this.unticked.has(hitKey(hit))));

	readonly coder: HitCoder;
	readonly #text: StaffTranslate;

	/** `text` words the problems in the staff member's language. */
	constructor(coder: HitCoder, text: StaffTranslate) {
		this.coder = coder;
		this.#text = text;
	}

	/** Lists the hits of `query` in these records (the search's matches, in its order). */
	async open(recordIds: string[], query: string): Promise<void> {
		this.#recordIds = recordIds;
		this.query = query;
		this.created = [];
		this.problem = '';
		await this.#list();
	}

	async setScope(scope: CodingScope): Promise<void> {
		this.scope = scope;
		await this.#list();
	}

	async #list(): Promise<void> {
		const asked = ++this.#asked;
		this.phase = 'loading';
		try {
			const found = await this.coder.hitList(this.#recordIds, this.query, this.scope, REVIEW_LIMIT);
			if (asked !== this.#asked) return;
			this.hits = found.hits;
			this.total = found.total;
			this.unticked = new Set();
			this.phase = 'review';
		} catch (cause) {
			if (asked !== this.#asked) return;
			this.phase = 'closed';
			this.problem = cause instanceof Error ? cause.message : this.#text('staff_research_list_failed');
		}
	}

	toggle(hit: SearchHit, ticked: boolean): void {
		const unticked = new Set(this.unticked);
		if (ticked) unticked.delete(hitKey(hit));
		else unticked.add(hitKey(hit));
		this.unticked = unticked;
	}

	tickAll(ticked: boolean): void {
		this.unticked = ticked ? new Set() : new Set(this.hits.map(hitKey));
	}

	/**
	 * Codes every ticked hit with the chosen code, one request at a time so that a refusal stops
	 * the rest; what was coded before a refusal stays coded and can be undone.
	 */
	async apply(): Promise<void> {
		if (this.phase !== 'review' || !this.codeId || this.ticked.length === 0) return;
		const codeId = this.codeId;
		const hits = this.ticked;
		const existing = new Set(this.coder.codings.map((coding) => coding.id));
		this.phase = 'applying';
		this.problem = '';
		this.progress = { done: 0, total: hits.length };
		const created: Coding[] = [];
		let already = 0;
		try {
			for (const hit of hits) {
				// The page was left: what is coded stays coded, nothing more is added.
				if (this.#cancelled) break;
				const codings = await this.coder.addCodings(hit.recordId, hit.field, hit.span.start, hit.span.end, [codeId]);
				for (const coding of codings) {
					if (existing.has(coding.id)) already++;
					else created.push(coding);
				}
				this.progress = { done: this.progress.done + 1, total: hits.length };
			}
		} catch (cause) {
			this.problem = this.#text('staff_research_coded_before_refusal', {
				reason: cause instanceof Error ? cause.message : this.#text('staff_research_coding_refused'),
				count: created.length
			});
		} finally {
			this.created = created;
			this.alreadyCoded = already;
			this.phase = 'applied';
		}
	}

	/** Removes the codings the last apply made; a coding removed meanwhile by someone else is skipped. */
	async undo(): Promise<void> {
		if (this.phase !== 'applied') return;
		this.phase = 'undoing';
		this.problem = '';
		const left: Coding[] = [];
		for (const coding of this.created) {
			try {
				await this.coder.removeCoding(coding.id);
			} catch {
				if (this.coder.codings.some((known) => known.id === coding.id)) left.push(coding);
			}
		}
		this.created = left;
		if (left.length > 0) {
			this.problem = this.#text('staff_research_undo_left', { count: left.length });
			this.phase = 'applied';
		} else {
			this.phase = 'review';
		}
	}

	/** Stops an apply under way after the request in flight, when the page showing it goes away. */
	cancel(): void {
		this.#cancelled = true;
		this.#asked++;
	}

	close(): void {
		this.#asked++;
		this.phase = 'closed';
		this.hits = [];
		this.created = [];
		this.problem = '';
	}
}
