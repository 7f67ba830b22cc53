import { sveltekit } from '@sveltejs/kit/vite';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import { MESSAGE_SOURCES, compileMessages } from './scripts/messages.js';

/**
 * libsodium's CommonJS build carries a plain-JavaScript copy beside the WebAssembly one; its ES
 * build does not. Browsers without WebAssembly load the former, by this name (src/lib/crypto/sodium.ts).
 */
const sodiumWithoutWebAssembly = createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');

/**
 * Islands: pages SvelteKit renders on the server only (`csr = false`) that bring one component
 * to life with an entry module of their own, without SvelteKit's client and router
 * (src/lib/components/island.svelte). Their names, and each entry's source file.
 */
const ISLANDS: Record<string, string> = {
	tell: 'src/routes/(survivor)/tell/steps/island.ts',
	check: 'src/routes/(survivor)/check/island.ts'
};

/**
 * Builds the islands' entries with SvelteKit's client, so their chunks (Svelte's runtime above
 * all) are the same hashed files under _app/immutable that other pages load, and tells the
 * server their file names through the module `virtual:islands`. SvelteKit builds the server
 * first and the client from within it; the server's code therefore imports that module as a
 * file beside its output, `islands.js`, which the client build writes with the names it chose
 * before the adapter bundles the server. In development the entries are served from source.
 *
 * SvelteKit builds every page for the browser too, though an island's page never runs there
 * (csr = false): in that build, the server renderer the page calls is a stand-in that refuses.
 */
function islands(entries: Record<string, string>): Plugin {
	const id = 'virtual:islands';
	const resolved = `\0${id}`;
	const serverRenderer = '\0islands:no-server-renderer';
	const SERVER_MODULE = 'islands.js';
	let serving = false;
	let ssr = false;
	let outDir = '';
	return {
		name: 'trips-islands',
		config(config, env) {
			serving = env.command === 'serve';
			// SvelteKit's own config hook has run (it comes first) and said which build this is.
			if (serving || config.build?.ssr !== false) return;
			const input = Object.fromEntries(
				Object.entries(entries).map(([name, file]) => [`islands/${name}`, path.resolve(file)])
			);
			return { build: { rollupOptions: { input } } };
		},
		configResolved(config) {
			ssr = Boolean(config.build.ssr);
			outDir = path.resolve(config.root, config.build.outDir);
		},
		resolveId: {
			// Before Vite's own resolution, which would find the real server renderer.
			order: 'pre',
			handler(source) {
				if (source === 'svelte/server' && !serving && !ssr) return serverRenderer;
				if (source !== id) return;
				return serving ? resolved : { id: path.join(outDir, SERVER_MODULE), external: 'absolute' };
			}
		},
		load(module) {
			if (module === serverRenderer) {
				return `export function render() { throw new Error('Islands are rendered on the server only.'); }`;
			}
			if (module !== resolved) return;
			const files = Object.fromEntries(
				Object.entries(entries).map(([name, file]) => [name, { file: `/${file}`, imports: [] }])
			);
			return `export default ${JSON.stringify(files)};`;
		},
		generateBundle() {
			// Until the client build writes it: SvelteKit runs the server's code to analyse it first.
			if (!serving && ssr) this.emitFile({ type: 'asset', fileName: SERVER_MODULE, source: 'export default {};\n' });
		},
		writeBundle(_, bundle) {
			if (serving || ssr) return;
			const chunks = new Map(
				Object.values(bundle)
					.filter((output): output is Rollup.OutputChunk => output.type === 'chunk')
					.map((chunk) => [chunk.fileName, chunk])
			);
			/** The chunks an entry imports statically, directly or through others: all preloaded. */
			const imports = (chunk: Rollup.OutputChunk, seen = new Set<string>()): string[] => {
				for (const file of chunk.imports) {
					if (seen.has(file)) continue;
					seen.add(file);
					imports(chunks.get(file)!, seen);
				}
				return [...seen];
			};
			const files = Object.fromEntries(
				Object.keys(entries).map((name) => {
					const entry = [...chunks.values()].find((chunk) => chunk.isEntry && chunk.name === `islands/${name}`);
					if (!entry) throw new Error(`The island ${name} was not built.`);
					return [name, { file: `/${entry.fileName}`, imports: imports(entry).map((file) => `/${file}`) }];
				})
			);
			// SvelteKit builds into output/client and output/server, side by side.
			const server = path.join(path.dirname(outDir), 'server', SERVER_MODULE);
			fs.writeFileSync(server, `export default ${JSON.stringify(files)};\n`);
		}
	};
}

/**
 * Compiles the message catalogues before anything imports them, only where their sources changed
 * (scripts/messages.js), and again when a catalogue is edited while the development server runs.
 */
function messages(): Plugin {
	const sources = MESSAGE_SOURCES.map((source) => path.resolve(source));
	// Unit tests read the survivor catalogue from its copy with one module per locale: loading one
	// module per message took a third of the unit tests' time. Pages and the build never see it.
	const testing = Boolean(process.env.VITEST);
	// By the time a plugin sees an import, Vite's aliases have turned `$lib` into a path.
	const survivorCatalogue = path.resolve('src/lib/paraglide') + path.sep;
	const copyForTests = path.resolve('src/lib/paraglide-unit');
	return {
		name: 'trips-messages',
		enforce: 'pre',
		async config() {
			await compileMessages({ tests: testing });
		},
		resolveId(source, importer) {
			if (!testing || !source.startsWith(survivorCatalogue)) return;
			const file = path.join(copyForTests, source.slice(survivorCatalogue.length));
			return this.resolve(file.endsWith('.js') ? file : `${file}.js`, importer, { skipSelf: true });
		},
		configureServer(server) {
			server.watcher.add(sources);
			server.watcher.on('change', (file) => {
				if (!sources.some((source) => file === source || file.startsWith(source + path.sep))) return;
				compileMessages().then(
					(compiled) => compiled.length && server.config.logger.info(`Messages compiled: ${compiled.join(', ')}`),
					(error: Error) => server.config.logger.error(`Messages did not compile: ${error.message}`)
				);
			});
		}
	};
}

export default defineConfig({
	plugins: [
		// Staff pages have catalogues of their own, in the partners' languages: a survivor page
		// cannot ship a staff string, and a staff language is added without touching survivor pages.
		messages(),
		sveltekit(),
		islands(ISLANDS)
	],
	resolve: { alias: { 'libsodium-wrappers-sumo-without-webassembly': sodiumWithoutWebAssembly } },
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		// Vitest leaves one core to its main process by default: one worker on a two-core machine,
		// where the main process mostly waits once the modules are transformed.
		maxWorkers: availableParallelism(),
		testTimeout: 30_000
	}
});
