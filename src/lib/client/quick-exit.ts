/**
 * Quick exit: leave for a neutral site at once, leaving no answer in memory and no page of
 * this portal in the tab's history (every step of the flow replaces the one history entry).
 */
const cleanups = new Set<() => void>();

/** Registers something to stop or forget on exit (a recording, the answers). */
export function onQuickExit(cleanup: () => void): () => void {
	cleanups.add(cleanup);
	return () => cleanups.delete(cleanup);
}

export function quickExit(safeUrl: string): void {
	document.documentElement.style.display = 'none';
	document.title = '';
	for (const cleanup of cleanups) {
		try {
			cleanup();
		} catch {
			// Leaving matters more than a clean teardown.
		}
	}
	cleanups.clear();
	location.replace(safeUrl);
}

export const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 5000;

/**
 * Counts Shift pressed on its own three times within five seconds. A Shift used to type a
 * capital letter does not count, and any other key starts the count again.
 */
export class ShiftCounter {
	#presses: number[] = [];
	#otherKeyDuringShift = false;

	constructor(
		private readonly onCount: (count: number) => void,
		private readonly onTriggered: () => void
	) {}

	keydown(event: KeyboardEvent): void {
		if (event.key === 'Shift') {
			this.#otherKeyDuringShift = false;
			return;
		}
		this.#otherKeyDuringShift = true;
		if (this.#presses.length > 0) {
			this.#presses = [];
			this.onCount(0);
		}
	}

	keyup(event: KeyboardEvent, now = Date.now()): void {
		if (event.key !== 'Shift' || this.#otherKeyDuringShift) return;
		this.#presses = [...this.#presses.filter((at) => now - at < SHIFT_WINDOW_MS), now];
		this.onCount(this.#presses.length);
		if (this.#presses.length >= SHIFT_PRESSES) {
			this.#presses = [];
			this.onTriggered();
		}
	}
}
