/**
 * libsodium's CommonJS build, which falls back to plain JavaScript where WebAssembly is off.
 * Its package exports it only to `require`, so vite.config.ts names it under this alias.
 */
declare module 'libsodium-wrappers-sumo-without-webassembly' {
	import type sodium from 'libsodium-wrappers-sumo';
	const plainSodium: typeof sodium;
	export default plainSodium;
}
