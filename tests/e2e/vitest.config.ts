import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	resolve: { alias: { $lib: path.resolve('src/lib') } },
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 240_000,
		// One file at a time. Two side by side took about a sixth off the end-to-end run on two
		// cores (both were busy already), and waits sized for one file at a time then failed.
		fileParallelism: false,
		environment: 'node',
		setupFiles: ['tests/e2e/setup.ts']
	}
});
