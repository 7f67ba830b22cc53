/**
 * Back and Forward between the steps of the tell flow. Each step the person moves to gets its own
 * history entry (same address), holding only where the person was: the answers stay in memory,
 * never in the history, the address or storage. Leaving while answers are unsent asks first; a
 * reload starts over and says on screen why the answers are gone. Quick exit and the end of a
 * visit take these entries back again (see quick-exit.ts).
 */
import { trackHistoryTrail } from '$lib/client/quick-exit';
import type { TellStep } from './tell-flow.svelte';

/** A step as a history entry keeps it; `depth` counts the entries since the flow's first. */
export type TellPosition = { step: TellStep; questionIndex: number; depth: number };
type Place = Pick<TellPosition, 'step' | 'questionIndex'>;

/** Steps Back and Forward reach; sending and the busy notice pass without an entry of their own. */
const HISTORY_STEPS: readonly TellStep[] = ['consent', 'mode', 'question', 'context', 'review', 'receipt'];

export const samePlace = (a: Place, b: Place): boolean =>
	a.step === b.step && (a.step !== 'question' || a.questionIndex === b.questionIndex);

/** Reads a position from an entry's state, which an older version of the page may have written. */
export function readPosition(state: unknown): TellPosition | null {
	const position = (state as { tell?: Partial<TellPosition> } | null | undefined)?.tell;
	if (!position || !HISTORY_STEPS.includes(position.step as TellStep)) return null;
	const questionIndex = Number.isInteger(position.questionIndex) ? Number(position.questionIndex) : 0;
	const depth = Number.isInteger(position.depth) && Number(position.depth) > 0 ? Number(position.depth) : 0;
	return { step: position.step as TellStep, questionIndex, depth };
}

const entryState = (position: TellPosition) => ({ tell: position });

export type TellHistoryHooks = {
	/** Where the flow is now. */
	place: () => Place;
	/** Moves the flow to a step the person reached with Back or Forward. */
	follow: (position: TellPosition) => void;
	/** The person went Back from the receipt. */
	backFromReceipt: () => void;
	/** Whether leaving the page now would lose something the person entered. */
	wouldLoseWork: () => boolean;
};

/** The part of `window` the history uses (tests stand in for it). */
export type HistoryWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
	history: Pick<History, 'pushState' | 'replaceState' | 'state'>;
};

export class TellHistory {
	/** The page was reloaded (or opened again) in the middle of the flow: what was entered is gone. */
	notKept = $state(false);
	#top = 0;
	#leaving = false;
	#window: HistoryWindow | null = null;

	constructor(private readonly hooks: TellHistoryHooks) {}

	get #history() {
		return this.#window?.history;
	}

	get #depth(): number {
		return readPosition(this.#history?.state)?.depth ?? 0;
	}

	/**
	 * Takes over this page's entry as the consent's and follows Back and Forward from then on.
	 * An entry that already holds a position was left by this page before a reload. Returns a
	 * clean-up.
	 */
	start(target: HistoryWindow = window): () => void {
		this.#window = target;
		const depth = this.#depth;
		this.notKept = depth > 0;
		target.history.replaceState(entryState({ step: 'consent', questionIndex: 0, depth }), '');
		this.#top = depth;
		const stopTracking = trackHistoryTrail(() => ({ depth: this.#depth, top: this.#top }));
		// Consent sent before the page's code started: Back from the next step returns to it.
		this.record();
		const popped = (event: PopStateEvent) => this.#follow(readPosition(event.state));
		// Leaving the page altogether (Back past the first step, reload, closing): the browser asks.
		const unloading = (event: BeforeUnloadEvent) => {
			if (!this.#leaving && this.hooks.wouldLoseWork()) event.preventDefault();
		};
		target.addEventListener('popstate', popped);
		target.addEventListener('beforeunload', unloading);
		return () => {
			stopTracking();
			target.removeEventListener('popstate', popped);
			target.removeEventListener('beforeunload', unloading);
		};
	}

	#follow(position: TellPosition | null): void {
		if (!position || this.#leaving) return;
		const here = this.hooks.place();
		if (samePlace(position, here) || here.step === 'sending') return;
		if (here.step === 'receipt') this.hooks.backFromReceipt();
		else this.hooks.follow(position);
	}

	/** Gives the step the flow has moved to its own entry, unless it has one already. */
	record(): void {
		const here = this.hooks.place();
		if (!this.#history || this.#leaving || !HISTORY_STEPS.includes(here.step)) return;
		const current = readPosition(this.#history.state);
		if (current && samePlace(current, here)) return;
		this.#push(here);
	}

	/** Puts the current step back on top, after a Back that the page did not follow. */
	stay(): void {
		this.#push(this.hooks.place());
	}

	#push(place: Place): void {
		const depth = this.#depth + 1;
		this.#history?.pushState(entryState({ step: place.step, questionIndex: place.questionIndex, depth }), '');
		this.#top = depth;
	}

	/** The page is about to leave on purpose (quick exit, finishing): no more questions or entries. */
	leave(): void {
		this.#leaving = true;
	}
}
