import { flushSync, hydrate, type Component } from 'svelte';
import { islandId, islandPropsId } from '$lib/islands';

/**
 * Brings an island to life (see $lib/islands): reads the props the server rendered its
 * component with and hydrates that rendering with them. The component's `onMount` callbacks
 * have run when this returns.
 */
export function hydrateIsland<Props extends Record<string, unknown>>(name: string, component: Component<Props>): void {
	const props = JSON.parse(document.getElementById(islandPropsId(name))?.textContent ?? 'null') as Props;
	const target = document.getElementById(islandId(name));
	if (!props || !target) throw new Error(`The page has no island ${name}.`);
	hydrate(component, { target, props });
	flushSync();
}
