import { quickExit } from '$lib/client/quick-exit';
import { localizeHref } from '$lib/paraglide/runtime';

/** Where the quick exit leaves for, as the survivor layout's exit button (rendered by the server) links. */
export function exitUrl(): string {
	return document.querySelector<HTMLAnchorElement>('a.exit-button')?.href ?? 'about:blank';
}

/**
 * What the code of every survivor page does once it runs: the survivor layout's on pages with
 * SvelteKit's client, an island's entry on pages without it. Returns a clean-up.
 */
export function startSurvivorPage(safeUrl: string): () => void {
	// Marks the page as interactive (tests wait for it; styles may use it).
	document.documentElement.dataset.ready = 'true';
	// The inline quick-exit script notices the button, the skip link and Shift ×3; once this
	// page's code runs, it leaves from here, with the clean-up only this code can do.
	const exit = (event: Event) => {
		event.preventDefault();
		quickExit(safeUrl);
	};
	// A page brought back from the back/forward cache may still show answers: start over.
	const shown = (event: PageTransitionEvent) => {
		if (event.persisted) location.replace(localizeHref('/'));
	};
	document.addEventListener('trips:exit', exit);
	window.addEventListener('pageshow', shown);
	return () => {
		document.removeEventListener('trips:exit', exit);
		window.removeEventListener('pageshow', shown);
	};
}
