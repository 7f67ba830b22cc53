/**
 * The check page's code in the browser: opening a receipt's thread, hydrated without SvelteKit's
 * client (see $lib/islands), and what the survivor layout's code does on other pages.
 */
import { hydrateIsland } from '$lib/client/island';
import { exitUrl, startSurvivorPage } from '$lib/client/survivor-page';
import CheckPage from './check-page.svelte';

hydrateIsland('check', CheckPage);
startSurvivorPage(exitUrl());
