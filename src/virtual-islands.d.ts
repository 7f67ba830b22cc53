/** Written by the build (islands() in vite.config.ts): each island's entry module and its chunks. */
declare module 'virtual:islands' {
	const islands: Record<string, import('$lib/islands').IslandFiles>;
	export default islands;
}
