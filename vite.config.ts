import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';

/**
 * libsodium's CommonJS build carries a plain-JavaScript copy beside the WebAssembly one; its ES
 * build does not. Browsers without WebAssembly load the former, by this name (src/lib/crypto/sodium.ts).
 */
const sodiumWithoutWebAssembly = createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// Survivor pages carry the locale in the URL only: no cookie, no storage.
			strategy: ['url', 'baseLocale']
		}),
		sveltekit()
	],
	resolve: { alias: { 'libsodium-wrappers-sumo-without-webassembly': sodiumWithoutWebAssembly } },
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000
	}
});
