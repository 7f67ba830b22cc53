import islands from 'virtual:islands';
import type { IslandFiles } from '$lib/islands';

/** The entry module of the island `name` and the chunks it imports (see islands() in vite.config.ts). */
export function islandFiles(name: string): IslandFiles {
	const files = islands[name];
	if (!files) throw new Error(`The island ${name} was not built.`);
	return files;
}
