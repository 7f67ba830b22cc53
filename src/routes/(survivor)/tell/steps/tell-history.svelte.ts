/**
 * Back and Forward between the steps of the tell flow. Each step the person moves to gets its own
 * history entry (SvelteKit shallow routing, same address), holding only where the person was:
 * the answers stay in memory, never in the history, the address or storage. Leaving while answers
 * are unsent asks first; a reload starts over and says on screen why the answers are gone.
 * Quick exit and the end of a visit take these entries back again (see quick-exit.ts).
 */
import { afterNavigate, beforeNavigate, pushState, replaceState } from '$app/navigation';
import { page } from '$app/state';
import { untrack } from 'svelte';
import { trackHistoryTrail } from '$lib/client/quick-exit';
import type { TellStep } from './tell-flow.svelte';

/** A step as a history entry keeps it; `depth` counts the entries since the flow's first. */
export type TellPosition = { step: TellStep; questionIndex: number; depth: number };
type Place = Pick<TellPosition, 'step' | 'questionIndex'>;

/** Steps Back and Forward reach; sending and the busy notice pass without an entry of their own. */
const HISTORY_STEPS: readonly TellStep[] = ['consent', 'mode', 'question', 'context', 'review', 'receipt'];

export const samePlace = (a: Place, b: Place): boolean =>
	a.step === b.step && (a.step !== 'question' || a.questionIndex === b.questionIndex);

/** Reads a position from an entry, which an older version of the page may have written. */
export function readPosition(value: unknown): TellPosition | null {
	const position = value as Partial<TellPosition> | null | undefined;
	if (!position || !HISTORY_STEPS.includes(position.step as TellStep)) return null;
	const questionIndex = Number.isInteger(position.questionIndex) ? Number(position.questionIndex) : 0;
	const depth = Number.isInteger(position.depth) && Number(position.depth) > 0 ? Number(position.depth) : 0;
	return { step: position.step as TellStep, questionIndex, depth };
}

/**
 * The position kept in this entry by a page that was here before a reload. SvelteKit hands
 * `page.state` to a page only after its first navigation, so the entry is read directly.
 */
function positionBeforeLoad(): TellPosition | null {
	const states = (history.state as Record<string, { tell?: unknown } | undefined> | null)?.['sveltekit:states'];
	return readPosition(states?.tell);
}

export type TellHistoryHooks = {
	/** Where the flow is now. */
	place: () => Place;
	/** Moves the flow to a step the person reached with Back or Forward. */
	follow: (position: TellPosition) => void;
	/** The person went Back from the receipt. */
	backFromReceipt: () => void;
	/** Whether leaving now would lose something, and the question to ask if so. */
	leaveQuestion: () => string | null;
};

export class TellHistory {
	/** The page was reloaded (or opened again) in the middle of the flow: what was entered is gone. */
	notKept = $state(false);
	#top = 0;
	#leaving = false;

	/** Call while the page is created: it registers SvelteKit's navigation hooks. */
	constructor(private readonly hooks: TellHistoryHooks) {
		beforeNavigate((navigation) => {
			if (this.#leaving) return;
			const question = hooks.leaveQuestion();
			if (!question) return;
			// Leaving the page altogether (Back past the first step, reload, closing): the browser asks.
			if (navigation.willUnload) navigation.cancel();
			else if (!confirm(question)) navigation.cancel();
		});
		// The first call comes once the router is ready: on this page's load, or on arriving by a link.
		let started = false;
		afterNavigate(() => {
			if (started) return;
			started = true;
			this.#start();
		});
		$effect(() => {
			const position = readPosition(page.state.tell);
			untrack(() => this.#follow(position));
		});
	}

	get #depth(): number {
		return readPosition(page.state.tell)?.depth ?? 0;
	}

	#start(): void {
		const before = positionBeforeLoad();
		const depth = before?.depth ?? 0;
		this.notKept = depth > 0;
		replaceState('', { tell: { step: 'consent', questionIndex: 0, depth } });
		this.#top = depth;
		trackHistoryTrail(() => ({ depth: this.#depth, top: this.#top }));
		// Consent sent before the page's code started: Back from the next step returns to it.
		this.record();
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
		if (this.#leaving || !HISTORY_STEPS.includes(here.step)) return;
		const current = readPosition(page.state.tell);
		if (current && samePlace(current, here)) return;
		this.#push(here);
	}

	/** Puts the current step back on top, after a Back that the page did not follow. */
	stay(): void {
		this.#push(this.hooks.place());
	}

	#push(place: Place): void {
		const depth = this.#depth + 1;
		pushState('', { tell: { step: place.step, questionIndex: place.questionIndex, depth } });
		this.#top = depth;
	}

	/** The page is about to leave on purpose (quick exit, finishing): no more questions or entries. */
	leave(): void {
		this.#leaving = true;
	}
}
