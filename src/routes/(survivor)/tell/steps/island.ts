/**
 * The tell page's code in the browser: the testimony flow, hydrated without SvelteKit's client
 * (see $lib/islands), and what the survivor layout's code does on other pages.
 */
import { hydrateIsland } from '$lib/client/island';
import { exitUrl, startSurvivorPage } from '$lib/client/survivor-page';
import TellPage from './tell-page.svelte';

hydrateIsland('tell', TellPage);
startSurvivorPage(exitUrl());
