import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { partOfKey, staffPartsFor } from '$lib/staff-i18n';

/**
 * A staff page receives only its area's strings (src/lib/staff-i18n.ts, staffPartsFor), so a key
 * used by a page, or by any component or module the page imports, must be in one of the parts
 * that page receives: otherwise the page shows the key itself. This walks every staff route
 * file and what it imports, and names each key that would be missing, and where.
 */
const SOURCE = /\.(svelte|ts)$/;
const isTest = (file: string) => /\.test\.ts$/.test(file);

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory())
			return ['paraglide', 'paraglide-staff', 'paraglide-unit'].includes(entry.name) ? [] : walk(full);
		return SOURCE.test(entry.name) && !isTest(entry.name) ? [full] : [];
	});
}

/** Keys written whole ('staff_x_y') and key prefixes completed at run time (`staff_x_${kind}`). */
function keysIn(source: string): string[] {
	const whole = [...source.matchAll(/['"`](staff_[a-z0-9_]+)['"`]/g)].map(([, key]) => key);
	const built = [...source.matchAll(/`(staff_[a-z0-9_]+)\$\{/g)].map(([, prefix]) => prefix);
	return [...whole, ...built];
}

function resolveImport(from: string, specifier: string): string | null {
	let base: string;
	if (specifier.startsWith('$lib/')) base = path.join('src/lib', specifier.slice(5));
	else if (specifier.startsWith('.')) base = path.join(path.dirname(from), specifier);
	else return null;
	for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, path.join(base, 'index.ts')]) {
		if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
	}
	return null;
}

const importsOf = (file: string, source: string) =>
	[...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
		.map(([, stat, dynamic]) => resolveImport(file, stat ?? dynamic))
		.filter((found): found is string => found !== null && !found.includes(`${path.sep}server${path.sep}`));

const sources = new Map<string, string>();
const read = (file: string) => {
	if (!sources.has(file)) sources.set(file, fs.readFileSync(file, 'utf8'));
	return sources.get(file)!;
};

/** The route id of a file under src/routes: its folder, route groups kept, as SvelteKit names it. */
const routeIdOf = (file: string) => '/' + path.relative('src/routes', path.dirname(file)).split(path.sep).join('/');

describe('staff strings by area', () => {
	const routeFiles = walk('src/routes/staff').filter(
		(file) => !file.endsWith('.server.ts') && !file.includes('+server')
	);

	it('give every staff page, and everything it imports, the keys it uses', () => {
		const missing: string[] = [];
		for (const routeFile of routeFiles) {
			const parts = staffPartsFor(routeIdOf(routeFile));
			const seen = new Set<string>();
			const queue = [routeFile];
			while (queue.length > 0) {
				const file = queue.pop()!;
				if (seen.has(file)) continue;
				seen.add(file);
				const source = read(file);
				for (const key of keysIn(source)) {
					const part = partOfKey(key);
					if (part === null || !parts.includes(part)) missing.push(`${key} in ${file}, for ${routeIdOf(routeFile)}`);
				}
				queue.push(...importsOf(file, source));
			}
		}
		expect([...new Set(missing)]).toEqual([]);
	});

	it('finds the pages it checks and the keys they use', () => {
		// Guards the walk itself: a broken pattern would find nothing and pass.
		expect(routeFiles.length).toBeGreaterThan(50);
		const inbox = routeFiles.find((file) => file.includes('(inbox)') && file.endsWith('+page.svelte'))!;
		expect(keysIn(read(inbox)).length).toBeGreaterThan(5);
		expect(staffPartsFor(routeIdOf(inbox))).toContain('moderation');
	});
});
