import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	resolve: { alias: { $lib: path.resolve('src/lib') } },
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 240_000,
		// Two cores: one server and one Chromium at a time keeps timings honest.
		fileParallelism: false,
		environment: 'node'
	}
});
