import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** `npm run screenshots`: the README's pictures, taken from `npm run demo` in real Chromium. */
export default defineConfig({
	resolve: { alias: { $lib: path.resolve('src/lib') } },
	test: {
		include: ['tests/screenshots/**/*.screens.ts'],
		testTimeout: 300_000,
		hookTimeout: 300_000,
		fileParallelism: false,
		environment: 'node'
	}
});
