import { tick } from 'svelte';

/**
 * After an action the button pressed may be gone (a suggestion handled, a decision made): focus
 * goes to what the action said, the page's outcome message, or else the heading, never to the
 * page's body, where a keyboard or screen-reader user would have to start again from the top.
 */
export async function focusOutcome(): Promise<void> {
	await tick();
	const target =
		document.querySelector<HTMLElement>('main [data-outcome]') ?? document.querySelector<HTMLElement>('main h1');
	target?.focus();
}

/** After a suggestion is handled: the one now in its place, the one before, or the list's heading. */
export async function focusNextSuggestion(index: number): Promise<void> {
	await tick();
	const buttons = [...document.querySelectorAll<HTMLElement>('.suggestions li button[data-redact]')];
	const target = buttons[index] ?? buttons[index - 1] ?? document.getElementById('suggestions-title');
	target?.focus();
}
