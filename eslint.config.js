// ESLint as the `sv create` scaffold sets it up (JavaScript, TypeScript and Svelte recommended rules, Prettier's
// exceptions), plus the line length the project holds to and the rule saying which layers of src/lib may import which.
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import path from 'node:path';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = path.resolve(import.meta.dirname, '.gitignore');

/**
 * The layers of src/lib and what each may not import (static imports and re-exports; `import()` is not checked).
 * A relative import is read from where its file stands: from src/lib/research/x.ts, `../server/db` is
 * `$lib/server/db`, so the patterns are made once per depth (1 for src/lib/server/x.ts, 2 for
 * src/lib/server/auth/x.ts, up to DEEPEST_FOLDER). Each file matches one depth only: of two config objects
 * setting the same rule, the later would replace the earlier's patterns.
 */
const LAYERS = [
	{
		dirs: ['crypto', 'encoding'],
		message:
			'$lib/crypto and $lib/encoding are pure: they import only each other and packages, so they run in Node, the browser and the worker.',
		restricted: (depth) => [
			'^\\$lib(/(?!(crypto|encoding)(/|$))|$)',
			`^(\\.\\./){${depth}}(?!(crypto|encoding)(/|$))`,
			'^\\$(app|env)(/|$)'
		]
	},
	{
		dirs: ['research', 'redaction', 'moderation'],
		message: 'This layer is pure and browser-safe: no server or browser code, components or SvelteKit runtime.',
		restricted: (depth) => [...reaching(['server', 'client', 'components'], depth), '^\\$(app|env)(/|$)']
	},
	{
		dirs: ['server'],
		message: 'Server code must not import browser code or components.',
		restricted: (depth) => [...reaching(['client', 'components'], depth), '\\.svelte$']
	},
	{
		dirs: ['client', 'components'],
		message: 'Browser code may import only types from $lib/server.',
		restricted: (depth) => reaching(['server'], depth),
		allowTypeImports: true
	}
];

/** `$lib/<name>`, or a relative path climbing from a file `depth` folders below src/lib into `<name>`. */
function reaching(names, depth) {
	const name = `(${names.join('|')})(/|$)`;
	return [`^\\$lib/${name}`, `^(\\.\\./){${depth}}${name}`];
}

const DEEPEST_FOLDER = 4;
const layerRules = LAYERS.flatMap(({ dirs, message, restricted, allowTypeImports = false }) =>
	Array.from({ length: DEEPEST_FOLDER }, (_, index) => index + 1).map((depth) => ({
		files: dirs.map((dir) => `src/lib/${dir}/${'*/'.repeat(depth - 1)}*.{js,ts,svelte}`),
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: restricted(depth).map((regex) => ({ regex, message, allowTypeImports, caseSensitive: true }))
				}
			]
		}
	}))
);

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		},
		rules: {
			// typescript-eslint strongly recommend that you do not use the no-undef lint rule on TypeScript projects.
			// see: https://typescript-eslint.io/troubleshooting/faqs/eslint/#i-get-errors-from-the-no-undef-rule-about-global-variables-not-being-defined-even-though-there-are-no-typescript-errors
			'no-undef': 'off',
			// TypeScript's own convention (noUnusedLocals): a leading underscore marks a binding left unused on purpose,
			// as in `const { [id]: _stale, ...others } = sealed`.
			'@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
			// Off: it asks for `resolve()` around every link and `goto`, which only adds `paths.base`. The portal has no
			// base path, survivor links already go through paraglide's `localizeHref`, and the exit link leaves the site.
			// It flagged 48 links.
			'svelte/no-navigation-without-resolve': 'off',
			// Off: it flags every Map, Set and Date made in a component, but ours are built afresh inside `$derived`
			// or are bookkeeping no markup reads; state that markup reads is replaced, never mutated. It flagged 31.
			'svelte/prefer-svelte-reactivity': 'off',
			// No line over 120 characters (a tab counts as one; Prettier's own measure, a tab as two, is stricter).
			// Prettier keeps code within that; this catches comments and text it does not rewrap. Strings, URLs and
			// regular expressions cannot be broken, so they may run longer.
			// `ignorePattern` leaves out every line that does not start as a comment until the tree has been formatted
			// with Prettier once; then it is to be dropped, so that long lines of markup text are caught too.
			'max-len': [
				'error',
				{
					code: 120,
					tabWidth: 1,
					ignoreUrls: true,
					ignoreStrings: true,
					ignoreTemplateLiterals: true,
					ignoreRegExpLiterals: true
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	...layerRules
);
