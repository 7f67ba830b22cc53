/**
 * Reads the survivor pages' sources, without running them, for the dictionary coverage test:
 * which pages there are, which message keys each one's components use, and which key prefixes
 * its server loads pass to `dictionary()` (a survivor page gets only the messages whose keys
 * start with one of those prefixes; a key outside them shows on screen as the raw key).
 */
import fs from 'node:fs';
import path from 'node:path';

export const SURVIVOR_ROUTES = 'src/routes/(survivor)';

/** The layout's dictionary arrives as `data.layoutText`; a page's own as `data.text`. */
export type DictionaryField = 'layoutText' | 'text';

export type SurvivorPage = {
	/** The component SvelteKit renders: a page, the layout or the error page. */
	entry: string;
	/** The entry and every component and client module it imports, directly or not. */
	sources: string[];
	/** Each dictionary the entry hands to `translator()`, with the prefixes its load selects. */
	dictionaries: { field: DictionaryField; serverFile: string; prefixes: string[] }[];
};

export function survivorPages(): SurvivorPage[] {
	const components = fs
		.readdirSync(SURVIVOR_ROUTES, { recursive: true, encoding: 'utf8' })
		.filter((file) => /(^|\/)\+(page|layout|error)\.svelte$/.test(file))
		.map((file) => path.join(SURVIVOR_ROUTES, file))
		.sort();
	return components.map((entry) => ({
		entry,
		sources: sourcesOf(entry),
		dictionaries: fieldsGivenToTranslator(entry).map((field) => {
			const serverFile = serverFileOf(entry, field);
			return { field, serverFile, prefixes: prefixesPassedIn(serverFile) };
		})
	}));
}

/** Which of `data.layoutText` and `data.text` the entry's `translator(…)` call reads. */
function fieldsGivenToTranslator(entry: string): DictionaryField[] {
	const call = /\btranslator\(([^)]*)\)/.exec(fs.readFileSync(entry, 'utf8'));
	if (!call) return [];
	const fields: DictionaryField[] = [];
	if (/\blayoutText\b/.test(call[1])) fields.push('layoutText');
	if (/\.text\b/.test(call[1])) fields.push('text');
	return fields;
}

/** `layoutText` comes from the survivor layout's load; `text` from the page's own load. */
function serverFileOf(entry: string, field: DictionaryField): string {
	const serverFile =
		field === 'layoutText'
			? path.join(SURVIVOR_ROUTES, '+layout.server.ts')
			: path.join(path.dirname(entry), '+page.server.ts');
	if (!fs.existsSync(serverFile)) throw new Error(`${entry} reads data.${field}, but ${serverFile} does not exist`);
	return serverFile;
}

/**
 * The string literals of the prefix list a load passes to `dictionary(locale, prefixes)` or
 * `languagePage(url, prefixes)`, written inline or as a constant array in the same file.
 */
export function prefixesPassedIn(serverFile: string): string[] {
	const source = fs.readFileSync(serverFile, 'utf8');
	const calls = [...source.matchAll(/\b(?:dictionary|languagePage)\(\s*[\w.()]+\s*,\s*(\[[^\]]*\]|\w+)\s*\)/g)];
	if (calls.length !== 1) {
		throw new Error(`${serverFile}: expected one dictionary() or languagePage() call, found ${calls.length}`);
	}
	let list = calls[0][1];
	if (!list.startsWith('[')) {
		const constant = new RegExp(`\\bconst ${list}\\s*=\\s*(\\[[^\\]]*\\])`).exec(source);
		if (!constant) throw new Error(`${serverFile}: cannot find the array ${list}`);
		list = constant[1];
	}
	return [...list.matchAll(/'([^']*)'/g)].map((match) => match[1]);
}

/**
 * The entry and what it imports through relative and `$lib/` paths, skipping generated code.
 * A type-only import (`import type …`, `export type … from`) brings no code to the page: not followed.
 */
function sourcesOf(entry: string): string[] {
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		const source = fs
			.readFileSync(file, 'utf8')
			.replace(/\b(?:import|export)\s+type\s*\{[^}]*\}\s*from\s*['"][^'"]+['"]/g, '');
		for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)) {
			const resolved = resolveImport(file, match[1]);
			if (resolved) visit(resolved);
		}
	};
	visit(entry);
	return [...seen];
}

function resolveImport(importer: string, specifier: string): string | null {
	const generatedOrStyle = specifier.endsWith('/$types') || specifier.startsWith('$lib/paraglide/');
	if (generatedOrStyle || specifier.endsWith('.css')) return null;
	let base: string;
	if (specifier.startsWith('$lib/')) base = path.join('src/lib', specifier.slice('$lib/'.length));
	else if (specifier.startsWith('.')) base = path.join(path.dirname(importer), specifier);
	else return null; // a package or $app/…: no message keys of ours
	for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')]) {
		if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
	}
	throw new Error(`${importer}: cannot resolve the import ${specifier}`);
}

/**
 * The message keys the sources use: every quoted string that is a key of the base locale (keys
 * travel through variables and types, as in the voice recorder's), and the first argument of every
 * `t('…')` call, which must be a key of the base locale and is therefore reported even when it is not.
 */
export function messageKeysUsed(sources: readonly string[], baseKeys: ReadonlySet<string>): string[] {
	const used = new Set<string>();
	for (const file of sources) {
		const source = fs.readFileSync(file, 'utf8');
		for (const [, , literal] of source.matchAll(/(['"`])([a-z][a-z0-9_]*)\1/g)) {
			if (baseKeys.has(literal)) used.add(literal);
		}
		for (const [, key] of source.matchAll(/\bt\(\s*['"`]([^'"`]*)['"`]/g)) used.add(key);
	}
	return [...used].sort();
}

/** Sources that import paraglide's message functions (not only their types): those bypass the dictionary. */
export function messageFunctionImports(sources: readonly string[]): string[] {
	const valueImport = /\bimport\s+(?!type\b)[^;]*?['"]\$lib\/paraglide\/messages/;
	return sources.filter((file) => valueImport.test(fs.readFileSync(file, 'utf8')));
}
