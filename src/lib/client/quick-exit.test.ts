import { describe, expect, it } from 'vitest';
import { leftMark, rewindHistory, type HistoryLike } from './quick-exit';

/** A tab's history as the browser keeps it: entries, the current one, popstate after each move. */
class FakeHistory implements HistoryLike {
	entries: unknown[];
	index: number;
	#listeners = new Set<() => void>();
	follows = true;

	constructor(count: number, index: number) {
		this.entries = Array.from({ length: count }, (_, at) => ({ at }));
		this.index = index;
	}

	get state() {
		return this.entries[this.index];
	}

	go(delta = 0) {
		if (!this.follows) return;
		this.index += delta;
		setTimeout(() => this.#listeners.forEach((listener) => listener()), 1);
	}

	replaceState(state: unknown) {
		this.entries[this.index] = state;
	}

	readonly events = {
		addEventListener: (_: string, listener: () => void) => void this.#listeners.add(listener),
		removeEventListener: (_: string, listener: () => void) => void this.#listeners.delete(listener)
	} as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

describe('rewindHistory', () => {
	it('walks back to the first entry of the flow, marking every later one as left', async () => {
		// Entry 0 is another site, entry 1 the flow's first step, 2 to 5 the steps after it.
		const tab = new FakeHistory(6, 5);
		await rewindHistory('exit', { depth: 4, top: 4 }, tab, tab.events);
		expect(tab.index).toBe(1);
		expect(tab.entries.slice(2).map((state) => leftMark(state))).toEqual(['exit', 'exit', 'exit', 'exit']);
		expect(leftMark(tab.entries[1])).toBeNull();
		expect(tab.entries[0]).toEqual({ at: 0 });
	});

	it('marks the steps waiting behind Forward too', async () => {
		const tab = new FakeHistory(6, 3);
		await rewindHistory('done', { depth: 2, top: 4 }, tab, tab.events);
		expect(tab.index).toBe(1);
		expect(tab.entries.slice(2).map((state) => leftMark(state))).toEqual(['done', 'done', 'done', 'done']);
	});

	it('does nothing for a page that added no entries', async () => {
		const tab = new FakeHistory(2, 1);
		await rewindHistory('exit', { depth: 0, top: 0 }, tab, tab.events);
		expect(tab.index).toBe(1);
		expect(tab.entries).toEqual([{ at: 0 }, { at: 1 }]);
	});

	it('gives up instead of hanging when the browser does not move', async () => {
		const tab = new FakeHistory(4, 3);
		tab.follows = false;
		await rewindHistory('exit', { depth: 2, top: 2 }, tab, tab.events);
		expect(tab.index).toBe(3);
	});
});

describe('leftMark', () => {
	it('reads only the marks leaving writes', () => {
		expect(leftMark({ 'trips:left': 'exit' })).toBe('exit');
		expect(leftMark({ 'trips:left': 'done' })).toBe('done');
		expect(leftMark({ 'trips:left': 'elsewhere' })).toBeNull();
		expect(leftMark(null)).toBeNull();
	});
});
