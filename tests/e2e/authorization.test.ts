/**
 * Every route under src/routes, for six kinds of visitor, against a table of expected answers.
 * A route added without an entry in the table fails this test: authorization is decided, not
 * inherited by accident.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTED, PERSONAS, expectedFor } from './authorization-table';
import { call, useAuthorizationPortal } from './authorization-portal';

useAuthorizationPortal();

/** Every page, endpoint method and form action found in src/routes. */
function discoverRoutes(): string[] {
	const found: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else {
				const route =
					'/' +
					path
						.relative('src/routes', dir)
						.split(path.sep)
						.filter((part) => part && !/^\(.*\)$/.test(part))
						.join('/');
				const source = fs.readFileSync(full, 'utf8');
				if (entry.name === '+page.svelte') found.push(`GET ${route}`);
				if (entry.name === '+server.ts') {
					for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
						found.push(`${method} ${route}`);
				}
				if (entry.name === '+page.server.ts') {
					const block = source.slice(source.indexOf('export const actions'));
					if (source.includes('export const actions')) {
						for (const [, name] of block.matchAll(/^\t(\w+): async/gm)) {
							found.push(name === 'default' ? `POST ${route}` : `POST ${route}?/${name}`);
						}
					}
				}
			}
		}
	};
	walk('src/routes');
	return found.map((key) => key.replace(/ \/$/, ' /').replace(/ \/\?/, ' /?'));
}

describe('authorization of every route', () => {
	it('has an expected answer for every route in src/routes, and no entry for a route that is gone', () => {
		const discovered = discoverRoutes().sort();
		expect(discovered.filter((key) => !(key in EXPECTED))).toEqual([]);
		expect(Object.keys(EXPECTED).filter((key) => !discovered.includes(key))).toEqual([]);
	});

	it('answers each visitor as the table says', async () => {
		const mismatches: string[] = [];
		const keys = Object.keys(EXPECTED);
		for (const persona of PERSONAS) {
			for (const key of keys) {
				const expected = expectedFor(EXPECTED[key], persona);
				const actual = await call(key, persona);
				if (actual !== expected) mismatches.push(`${key} as ${persona}: expected ${expected}, got ${actual}`);
			}
		}
		expect(mismatches).toEqual([]);
	}, 300_000);
});
