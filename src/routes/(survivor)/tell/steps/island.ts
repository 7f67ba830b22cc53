/**
 * The tell page's code in the browser: the testimony flow, hydrated without SvelteKit's client
 * (see $lib/islands), and what the survivor layout's code does on other pages.
 */
import { hydrateIsland } from '$lib/client/island';
import { startSurvivorPage } from '$lib/client/survivor-page';
import TellPage from './tell-page.svelte';

const { safeUrl } = hydrateIsland('tell', TellPage);
startSurvivorPage(safeUrl);
