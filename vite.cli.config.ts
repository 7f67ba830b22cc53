import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the command-line entry points in src/cli for Node, apart from the portal (which
 * adapter-node builds into build/ and wipes on each build; scripts/cli.js rebuilds).
 * Every package stays external: better-sqlite3 is native and is loaded from node_modules.
 */
export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	ssr: { external: true },
	build: {
		ssr: true,
		outDir: 'build/cli',
		emptyOutDir: true,
		target: 'node20',
		sourcemap: true,
		rolldownOptions: {
			input: {
				retention: 'src/cli/retention.ts',
				doctor: 'src/cli/doctor.ts',
				backup: 'src/cli/backup.ts',
				demo: 'src/cli/demo.ts',
				'crypto-vectors': 'src/cli/crypto-vectors.ts'
			},
			output: { format: 'es', entryFileNames: '[name].js' }
		}
	}
});
