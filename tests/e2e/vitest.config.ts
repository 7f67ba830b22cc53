import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take longest start first, so the two workers end together instead of one
 * finishing alone with the slowest file. Times from a CI run; the rest keep vitest's own order.
 */
const SLOWEST_FIRST = [
	'jitless',
	'survivor',
	'staff-accessibility',
	'sessions',
	'staff',
	'research',
	'moderation',
	'fuzz',
	'fonts',
	'demo',
	'check',
	'patterns'
];

class SlowestFirst extends BaseSequencer {
	async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files);
		const rank = (file: TestSpecification) => {
			const index = SLOWEST_FIRST.indexOf(path.basename(file.moduleId, '.test.ts'));
			return index === -1 ? SLOWEST_FIRST.length : index;
		};
		return sorted
			.map((file, order) => ({ file, order }))
			.sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
			.map(({ file }) => file);
	}
}

export default defineConfig({
	resolve: { alias: { $lib: path.resolve('src/lib') } },
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 240_000,
		// Two files at a time, each with its own server and Chromium: most of a file's time is one
		// core's work (Argon2id, a page's layout) or waiting, so the second core is used too.
		fileParallelism: true,
		maxWorkers: 2,
		sequence: { sequencer: SlowestFirst },
		environment: 'node'
	}
});
