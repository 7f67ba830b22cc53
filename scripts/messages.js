// The two message catalogues, compiled once for every tool that needs them: the build, the unit
// tests, the test command and the development server. Paraglide's own Vite plugin compiles both
// catalogues afresh in every process that loads the Vite config (about 25 seconds here for 1,652
// staff strings in five languages and the survivor strings in twenty), and twice in a build. This
// module compiles a catalogue only when its inputs changed since the last compile.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Survivor pages import their messages one module per message, so a page ships only the strings
 * it shows. No browser imports a staff message (staff pages fetch theirs as JSON parts), so the
 * staff catalogue is one module per locale: five modules for the server to load instead of some
 * eight thousand.
 * @typedef {{ name: string, project: string, outdir: string, strategy: ('url' | 'baseLocale')[],
 *   outputStructure: 'message-modules' | 'locale-modules', forTests?: boolean }} Catalogue
 * @type {readonly Catalogue[]}
 */
export const CATALOGUES = [
	{
		name: 'survivor',
		project: 'project.inlang',
		outdir: 'src/lib/paraglide',
		// Survivor pages carry the locale in the URL only: no cookie, no storage.
		strategy: ['url', 'baseLocale'],
		outputStructure: 'message-modules'
	},
	{
		// The unit tests' copy of the survivor catalogue, one module per locale: a test that renders
		// survivor text would otherwise load some ten thousand message modules first (vite.config.ts).
		name: 'survivor-for-tests',
		project: 'project.inlang',
		outdir: 'src/lib/paraglide-unit',
		strategy: ['url', 'baseLocale'],
		outputStructure: 'locale-modules',
		forTests: true
	},
	{
		name: 'staff',
		project: 'staff.inlang',
		outdir: 'src/lib/paraglide-staff',
		// Staff pages pass the locale to each message; the runtime's own choice is never used.
		strategy: ['baseLocale'],
		outputStructure: 'locale-modules'
	}
];

/** The same server test the Vite plugin compiles in: Vite's SSR flag, else "no window". */
const IS_SERVER = "import.meta.env?.SSR ?? typeof window === 'undefined'";

const STAMP = '.inputs-digest';

/** Where the catalogues' sources live: a change anywhere under them recompiles. */
export const MESSAGE_SOURCES = ['messages', ...CATALOGUES.map((catalogue) => catalogue.project)];

/**
 * The files a catalogue is compiled from: its settings and, for each of its locales, the file of
 * each path pattern it lists (the survivor and staff catalogues each have several areas).
 * @param {Catalogue} catalogue
 */
function sourcesOf(catalogue) {
	const settingsFile = path.join(root, catalogue.project, 'settings.json');
	const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
	/** @type {string[]} */
	const patterns = [settings['plugin.inlang.messageFormat'].pathPattern].flat();
	/** @type {string[]} */
	const locales = settings.locales;
	return [
		settingsFile,
		...patterns.flatMap((pattern) =>
			locales.map((locale) => path.resolve(root, catalogue.project, '..', pattern.replace('{locale}', locale)))
		)
	];
}

function paraglideVersion() {
	const manifest = path.join(root, 'node_modules', '@inlang', 'paraglide-js', 'package.json');
	return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
}

/**
 * A digest of everything a catalogue's output depends on: its options, the compiler, the sources.
 * @param {Catalogue} catalogue
 */
function inputsDigest(catalogue) {
	const hash = createHash('sha256');
	hash.update(JSON.stringify({ ...catalogue, isServer: IS_SERVER, paraglide: paraglideVersion() }));
	for (const file of sourcesOf(catalogue)) {
		const content = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.from('missing');
		hash.update(`\0${path.relative(root, file)}:${content.length}:`);
		hash.update(content);
	}
	return hash.digest('hex');
}

/**
 * Compiles each catalogue whose inputs changed since its last compile, or whose output is missing;
 * the unit tests' copy only when asked for. Returns the names of the catalogues compiled.
 * @param {{ force?: boolean, tests?: boolean }} [options]
 */
export async function compileMessages({ force = false, tests = false } = {}) {
	/** @type {string[]} */
	const compiled = [];
	await Promise.all(
		CATALOGUES.filter((catalogue) => tests || !catalogue.forTests).map(async (catalogue) => {
			const outdir = path.join(root, catalogue.outdir);
			const stamp = path.join(outdir, STAMP);
			const digest = inputsDigest(catalogue);
			const previous =
				fs.existsSync(path.join(outdir, 'runtime.js')) && fs.readFileSync(stamp, { encoding: 'utf8', flag: 'a+' });
			if (!force && previous === digest) return;
			fs.rmSync(stamp, { force: true });
			// Loaded only when needed: the compiler alone takes a second to import.
			const { compile } = await import('@inlang/paraglide-js');
			await compile({
				project: path.join(root, catalogue.project),
				outdir,
				strategy: catalogue.strategy,
				outputStructure: catalogue.outputStructure,
				isServer: IS_SERVER,
				emitReadme: false
			});
			// Written last: a compile cut short leaves no stamp, so the next run compiles again.
			fs.writeFileSync(stamp, digest);
			compiled.push(catalogue.name);
		})
	);
	return compiled;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const compiled = await compileMessages({
		force: process.argv.includes('--force'),
		tests: process.argv.includes('--tests')
	});
	console.log(compiled.length ? `Compiled: ${compiled.join(', ')}` : 'Messages already compiled.');
}
