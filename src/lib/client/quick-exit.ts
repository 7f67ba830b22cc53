/**
 * Quick exit: leave for a neutral site at once, leaving no answer in memory and no page of
 * this portal behind the Back button. The testimony flow adds a history entry per step (so
 * Back and Forward move between steps); leaving walks back over those entries to the first,
 * marks each as left on the way, and replaces the first with the neutral site. An entry marked
 * `exit` that is opened again later (Forward after a quick exit) goes straight back to it.
 */
const cleanups = new Set<() => void>();

/** Registers something to stop or forget on exit (a recording, the answers). */
export function onQuickExit(cleanup: () => void): () => void {
	cleanups.add(cleanup);
	return () => cleanups.delete(cleanup);
}

/** Where the current page's own entries stand: `depth` above its first entry, `top` the highest. */
export type HistoryTrail = { depth: number; top: number };
export type LeftMark = 'exit' | 'done';

const LEFT_KEY = 'trips:left';
const NO_TRAIL = (): HistoryTrail => ({ depth: 0, top: 0 });
let readTrail = NO_TRAIL;

/** A page that pushes history entries says where it stands, so leaving can take them back. */
export function trackHistoryTrail(read: () => HistoryTrail): () => void {
	readTrail = read;
	return () => {
		if (readTrail === read) readTrail = NO_TRAIL;
	};
}

/** How this entry was left, if a quick exit or a finished visit walked over it. */
export function leftMark(state: unknown = history.state): LeftMark | null {
	const mark = (state as Record<string, unknown> | null)?.[LEFT_KEY];
	return mark === 'exit' || mark === 'done' ? mark : null;
}

/** The part of `window.history` that leaving uses (tests stand in for it). */
export type HistoryLike = Pick<History, 'go' | 'replaceState' | 'state'>;
type PopEvents = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** A traversal within this document ends with popstate; one that never comes is given up on. */
const TRAVERSAL_TIMEOUT_MS = 400;

function traverse(target: HistoryLike, events: PopEvents, delta: number): Promise<boolean> {
	return new Promise((resolve) => {
		const done = (arrived: boolean) => {
			clearTimeout(timer);
			events.removeEventListener('popstate', popped);
			resolve(arrived);
		};
		const popped = () => done(true);
		const timer = setTimeout(() => done(false), TRAVERSAL_TIMEOUT_MS);
		events.addEventListener('popstate', popped);
		target.go(delta);
	});
}

/**
 * Walks to the highest entry this page added, then back to its first, marking each entry on the
 * way as left. Stops early (and the caller leaves anyway) if the browser does not follow.
 */
export async function rewindHistory(
	mark: LeftMark,
	trail: HistoryTrail = readTrail(),
	target: HistoryLike = history,
	events: PopEvents = window
): Promise<void> {
	readTrail = NO_TRAIL;
	const { depth, top } = trail;
	if (top <= 0) return;
	if (top > depth && !(await traverse(target, events, top - depth))) return;
	for (let at = top; at > 0; at--) {
		// The mark replaces the entry's state: no step of the visit stays readable in it.
		target.replaceState({ [LEFT_KEY]: mark }, '');
		if (!(await traverse(target, events, -1))) return;
	}
}

/** Leaves the portal for `url`, taking this visit's steps out of Back and Forward. */
export async function leaveWithoutTrace(url: string, mark: LeftMark): Promise<void> {
	await rewindHistory(mark);
	location.replace(url);
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
	void leaveWithoutTrace(safeUrl, 'exit');
}
