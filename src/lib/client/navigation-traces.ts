/**
 * SvelteKit keeps each history entry's scroll position (keyed by a timestamp) and snapshots in
 * sessionStorage under `sveltekit:*` whenever a page is hidden or left. On a shared phone, a
 * restored tab would then show that this site was used, and when. Survivor pages keep nothing:
 * these entries are removed as soon as SvelteKit writes them. The only cost is that the browser,
 * not SvelteKit, restores the scroll position on reload.
 */
const PREFIX = 'sveltekit:';
const EVENTS = ['beforeunload', 'pagehide', 'visibilitychange'] as const;

export function forgetNavigationTraces(): void {
	try {
		for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
	} catch {
		// Storage disabled by the browser: then nothing was written either.
	}
}

/** Keeps survivor pages' sessionStorage free of SvelteKit's entries; returns a clean-up. */
export function keepNoNavigationTraces(): () => void {
	forgetNavigationTraces();
	const forget = () => {
		forgetNavigationTraces();
		// Also after every listener of this event has run, whatever order they were added in.
		setTimeout(forgetNavigationTraces, 0);
	};
	// SvelteKit adds its own listeners after the first page is mounted; ours must run after
	// them on the same event, so they are added one task later.
	const timer = setTimeout(() => {
		for (const name of EVENTS) window.addEventListener(name, forget);
	}, 0);
	return () => {
		clearTimeout(timer);
		for (const name of EVENTS) window.removeEventListener(name, forget);
		forgetNavigationTraces();
	};
}
