import fs from 'node:fs';
import path from 'node:path';

/** One way in: an endpoint's method, a page's form action, or a page itself. */
export type RouteTarget = {
	/** As a person would write it: `POST /staff/templates?/add`, `GET /staff/testimony/[id]`. */
	key: string;
	kind: 'endpoint' | 'action' | 'page';
	/** The URL pattern, without route groups: `/staff/testimony/[id]`. */
	route: string;
	/** Path parameter names in order, e.g. `['id', 'attachmentId']`. */
	params: string[];
	method: string;
	/** Named action, or 'default' for a page's default action. */
	action?: string;
	/** Field names this route's own code and the schemas it names read. */
	fields: string[];
};

const ENDPOINT_METHODS = /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD)\b/g;

function routeOf(root: string, dir: string): string {
	const parts = path
		.relative(root, dir)
		.split(path.sep)
		.filter((part) => part && !/^\(.*\)$/.test(part));
	return '/' + parts.join('/');
}

/** The names of a route's actions, read from the `actions` object of a `+page.server.ts`. */
function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const block = source.slice(start);
	return [...block.matchAll(/^\t(\w+):\s*(?:async\b|\()/gm)].map(([, name]) => name);
}

/**
 * Every endpoint method, form action and page under src/routes, found by walking the folder:
 * a route added tomorrow is in the list without anyone remembering to add it.
 */
export function discoverTargets(root = 'src/routes'): RouteTarget[] {
	const found: RouteTarget[] = [];
	const schemas = exportedSchemaFields();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				walk(full);
				continue;
			}
			const route = routeOf(root, dir);
			const params = [...route.matchAll(/\[+(?:\.\.\.)?(\w+)(?:=\w+)?\]+/g)].map(([, name]) => name);
			const source = fs.readFileSync(full, 'utf8');
			const fields = routeFields(source, schemas);
			if (entry.name === '+server.ts') {
				for (const [, method] of source.matchAll(ENDPOINT_METHODS)) {
					found.push({ key: `${method} ${route}`, kind: 'endpoint', route, params, method, fields });
				}
			}
			if (entry.name === '+page.server.ts') {
				for (const action of actionNames(source)) {
					const key = action === 'default' ? `POST ${route}` : `POST ${route}?/${action}`;
					found.push({ key, kind: 'action', route, params, method: 'POST', action, fields });
				}
			}
			if (entry.name === '+page.svelte')
				found.push({ key: `GET ${route}`, kind: 'page', route, params, method: 'GET', fields: [] });
		}
	};
	walk(root);
	return found.sort((a, b) => a.key.localeCompare(b.key));
}

function sourcesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourcesUnder(full);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
	});
}

/** Object keys written in a piece of source, shorthand ones (`{ username }`) included. */
function objectKeys(block: string): string[] {
	return [...block.matchAll(/(?:^|[{,])\s*(\w+)\s*(?=[:,}])/gm)]
		.map(([, key]) => key)
		.filter((key) => !/^\d/.test(key));
}

/** Each schema a server module exports (`export const name = v.…`), with the keys it spells out. */
function exportedSchemaFields(): Map<string, string[]> {
	const schemas = new Map<string, string[]>();
	for (const file of sourcesUnder('src/lib/server')) {
		const source = fs.readFileSync(file, 'utf8');
		for (const match of source.matchAll(/^export const (\w+) = v\./gm)) {
			const start = match.index + match[0].length;
			const next = source.indexOf('\nexport ', start);
			schemas.set(match[1], objectKeys(source.slice(start, next < 0 ? undefined : next)));
		}
	}
	return schemas;
}

/** The fields a route reads: its form fields, its own schemas' keys, and those of the schemas it names. */
function routeFields(source: string, schemas: Map<string, string[]>): string[] {
	const fields = new Set<string>();
	for (const [, name] of source.matchAll(/\.get(?:All)?\('([\w.:-]+)'\)/g)) fields.add(name);
	for (const [, name] of source.matchAll(/^\s*(\w+):\s*v\./gm)) fields.add(name);
	for (const [name, keys] of schemas)
		if (new RegExp(`\\b${name}\\b`).test(source)) keys.forEach((key) => fields.add(key));
	return [...fields].sort();
}

/**
 * Field names the server reads, gathered from its sources: schema keys (`name: v.…`) and form
 * fields (`form.get('name')`). Hostile bodies use them so they reach past "missing field".
 */
export function fieldNames(roots = ['src/routes', 'src/lib/server']): string[] {
	const names = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
				const source = fs.readFileSync(full, 'utf8');
				for (const [, name] of source.matchAll(/^\s*(\w+):\s*(?:v\.|base64urlBytes\(|[a-z]\w*\()/gm)) names.add(name);
				for (const [, name] of source.matchAll(/\.get(?:All)?\('([\w.:-]+)'\)/g)) names.add(name);
			}
		}
	};
	for (const root of roots) walk(root);
	return [...names].sort();
}
