import { json, text } from '@sveltejs/kit';

/**
 * The action a POST names in its query (`?/name`), as SvelteKit reads it: the first search
 * parameter that starts with a slash.
 */
function actionName(url: URL): string | null {
	for (const [name] of url.searchParams) if (name.startsWith('/')) return name.slice(1);
	return null;
}

/**
 * SvelteKit looks a named action up as a plain property of the route's `actions` object and
 * throws a bare Error on `?/default`, so `?/default`, `?/constructor` or `?/__proto__` would
 * each end in a 500 (or call something that is not an action). None is ever a real action.
 */
export function isReservedActionName(url: URL): boolean {
	const name = actionName(url);
	return name !== null && (name === 'default' || name in Object.prototype);
}

/** The 404 a reserved action name gets, shaped as SvelteKit answers an unknown action. */
export function unknownActionResponse(request: Request): Response {
	const message = 'This page has no such form action.';
	if (request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', error: { message } }, { status: 404 });
	}
	return text(message, { status: 404 });
}
