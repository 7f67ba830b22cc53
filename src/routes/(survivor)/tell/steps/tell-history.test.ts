import { describe, expect, it, vi } from 'vitest';
import type { TellStep } from './tell-flow.svelte';
import { readPosition, samePlace, TellHistory, type HistoryWindow, type TellPosition } from './tell-history.svelte';

describe('tell flow history positions', () => {
	it('reads a step position from an entry, and nothing else', () => {
		expect(readPosition({ tell: { step: 'question', questionIndex: 2, depth: 4 } })).toEqual({
			step: 'question',
			questionIndex: 2,
			depth: 4
		});
		expect(readPosition({ tell: { step: 'sending', questionIndex: 0, depth: 1 } })).toBeNull();
		expect(readPosition({ tell: { step: 'review', questionIndex: 'x', depth: -3 } })).toEqual({
			step: 'review',
			questionIndex: 0,
			depth: 0
		});
		expect(readPosition(undefined)).toBeNull();
		expect(readPosition(null)).toBeNull();
		expect(readPosition({ 'trips:left': 'exit' })).toBeNull();
	});

	it('tells questions apart by their number, other steps by their name', () => {
		expect(samePlace({ step: 'question', questionIndex: 1 }, { step: 'question', questionIndex: 2 })).toBe(false);
		expect(samePlace({ step: 'review', questionIndex: 1 }, { step: 'review', questionIndex: 3 })).toBe(true);
		expect(samePlace({ step: 'mode', questionIndex: 0 }, { step: 'consent', questionIndex: 0 })).toBe(false);
	});
});

/** A browser's session history for one document: entries, Back and Forward, and their events. */
class FakeWindow {
	entries: unknown[];
	index = 0;
	readonly listeners = new Map<string, Set<(event: unknown) => void>>();
	readonly history = {
		get: () => this.entries[this.index],
		pushState: (state: unknown) => {
			this.entries.splice(this.index + 1, Infinity, structuredClone(state));
			this.index += 1;
		},
		replaceState: (state: unknown) => {
			this.entries[this.index] = structuredClone(state);
		}
	};

	constructor(state: unknown = null) {
		this.entries = [state];
	}

	addEventListener(type: string, listener: (event: unknown) => void): void {
		if (!this.listeners.has(type)) this.listeners.set(type, new Set());
		this.listeners.get(type)!.add(listener);
	}

	removeEventListener(type: string, listener: (event: unknown) => void): void {
		this.listeners.get(type)?.delete(listener);
	}

	#dispatch(type: string, event: unknown): void {
		for (const listener of this.listeners.get(type) ?? []) listener(event);
	}

	go(delta: number): void {
		this.index += delta;
		this.#dispatch('popstate', { state: this.entries[this.index] });
	}

	/** Whether the page asked the browser to confirm leaving. */
	unloadPrevented(): boolean {
		const preventDefault = vi.fn();
		this.#dispatch('beforeunload', { preventDefault });
		return preventDefault.mock.calls.length > 0;
	}

	get asWindow(): HistoryWindow {
		const history = this.history;
		const target = {
			addEventListener: this.addEventListener.bind(this),
			removeEventListener: this.removeEventListener.bind(this),
			history: {
				get state() {
					return history.get();
				},
				pushState: history.pushState,
				replaceState: history.replaceState
			}
		};
		return target as unknown as HistoryWindow;
	}
}

/** A flow that is wherever it is told to be, and remembers what the history asked of it. */
function flowAt(step: TellStep = 'consent', questionIndex = 0) {
	const flow = {
		place: { step, questionIndex },
		followed: [] as TellPosition[],
		backFromReceipt: 0,
		work: false
	};
	const steps = new TellHistory({
		place: () => flow.place,
		follow: (position) => {
			flow.followed.push(position);
			flow.place = { step: position.step, questionIndex: position.questionIndex };
		},
		backFromReceipt: () => (flow.backFromReceipt += 1),
		wouldLoseWork: () => flow.work
	});
	const moveTo = (next: TellStep, index = 0) => {
		flow.place = { step: next, questionIndex: index };
		steps.record();
	};
	return { flow, steps, moveTo };
}

describe('TellHistory', () => {
	it('gives each step an entry of its own, and follows Back and Forward between them', () => {
		const browser = new FakeWindow();
		const { flow, steps, moveTo } = flowAt();
		steps.start(browser.asWindow);
		expect(browser.entries).toEqual([{ tell: { step: 'consent', questionIndex: 0, depth: 0 } }]);
		moveTo('mode');
		moveTo('question', 0);
		moveTo('question', 1);
		// A step shown again where it already has its entry gets no second one.
		moveTo('question', 1);
		expect(browser.entries.map((entry) => readPosition(entry))).toEqual([
			{ step: 'consent', questionIndex: 0, depth: 0 },
			{ step: 'mode', questionIndex: 0, depth: 1 },
			{ step: 'question', questionIndex: 0, depth: 2 },
			{ step: 'question', questionIndex: 1, depth: 3 }
		]);
		browser.go(-1);
		browser.go(-1);
		browser.go(1);
		expect(flow.followed.map(({ step, questionIndex }) => [step, questionIndex])).toEqual([
			['question', 0],
			['mode', 0],
			['question', 0]
		]);
		expect(steps.notKept).toBe(false);
	});

	it('starts from a consent sent before its code ran, with the consent one step behind', () => {
		const browser = new FakeWindow();
		const { steps } = flowAt('mode');
		steps.start(browser.asWindow);
		expect(browser.entries.map((entry) => readPosition(entry)?.step)).toEqual(['consent', 'mode']);
		expect(browser.index).toBe(1);
	});

	it('says the answers were not kept when the page opens again on an entry of the flow', () => {
		const browser = new FakeWindow({ tell: { step: 'question', questionIndex: 3, depth: 4 } });
		const { steps, moveTo } = flowAt();
		steps.start(browser.asWindow);
		expect(steps.notKept).toBe(true);
		// The entry becomes the consent's, at the depth it had, so leaving still walks back over all.
		expect(browser.entries[0]).toEqual({ tell: { step: 'consent', questionIndex: 0, depth: 4 } });
		moveTo('mode');
		expect(readPosition(browser.entries[1])?.depth).toBe(5);
	});

	it('finishes from the receipt only as the page decides, putting the receipt back on top otherwise', () => {
		const browser = new FakeWindow();
		const { flow, steps, moveTo } = flowAt();
		steps.start(browser.asWindow);
		moveTo('review');
		moveTo('receipt');
		browser.go(-1);
		expect(flow.backFromReceipt).toBe(1);
		expect(flow.followed).toEqual([]);
		steps.stay();
		expect(readPosition(browser.entries[browser.index])).toEqual({ step: 'receipt', questionIndex: 0, depth: 2 });
		expect(browser.entries).toHaveLength(3);
	});

	it('has the browser ask before leaving only while something would be lost', () => {
		const browser = new FakeWindow();
		const { flow, steps } = flowAt();
		const stop = steps.start(browser.asWindow);
		expect(browser.unloadPrevented()).toBe(false);
		flow.work = true;
		expect(browser.unloadPrevented()).toBe(true);
		steps.leave();
		expect(browser.unloadPrevented()).toBe(false);
		stop();
		expect([...browser.listeners.values()].every((listeners) => listeners.size === 0)).toBe(true);
	});

	it('neither follows nor adds entries once the page leaves on purpose', () => {
		const browser = new FakeWindow();
		const { flow, steps, moveTo } = flowAt();
		steps.start(browser.asWindow);
		moveTo('mode');
		steps.leave();
		moveTo('question');
		browser.go(-1);
		expect(browser.entries).toHaveLength(2);
		expect(flow.followed).toEqual([]);
	});
});
