/**
 * Islands: a page rendered on the server only (`csr = false`) whose one interactive part, a
 * component, comes to life in the browser with an entry module of its own instead of
 * SvelteKit's client and router, so the page loads only what that component needs. The server
 * renders the component and puts the props it rendered it with beside it, as JSON in a script
 * element the browser does not run; the entry reads them and hydrates the component with them
 * (src/lib/components/island.svelte, src/lib/client/island.ts).
 */

/** An island's entry module and the chunks it imports, as paths from the site's root. */
export type IslandFiles = { file: string; imports: string[] };

/** The element that holds the island's server-rendered component. */
export const islandId = (name: string): string => `island-${name}`;

/** The script element that holds the island's props. */
export const islandPropsId = (name: string): string => `island-${name}-props`;

/**
 * The script element that carries the props to the browser as JSON, which it reads and never
 * runs. Every `<` in the JSON is escaped, so no text in the props (`</script>`, `<!--`) can end
 * the element early or change how the page around it is read; JSON.parse reads `\u003c` back as `<`.
 */
export function islandPropsScript(name: string, props: unknown): string {
	const json = JSON.stringify(props).replace(/</g, '\\u003c');
	return `<script type="application/json" id="${islandPropsId(name)}">${json}</script>`;
}
