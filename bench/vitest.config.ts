import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	resolve: { alias: { $lib: path.resolve('src/lib') } },
	test: {
		include: ['bench/**/*.bench.ts'],
		testTimeout: 300_000,
		hookTimeout: 300_000,
		fileParallelism: false,
		environment: 'node'
	}
});
