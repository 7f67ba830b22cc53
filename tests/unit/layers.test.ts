// The layer rule in eslint.config.js, run through ESLint itself on small snippets, so that a change to the patterns
// (or to the folders they name) cannot leave the rule silently matching nothing.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The layer-rule messages ESLint reports for `code` as if it were the file at `filePath`. */
async function layerReports(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages
		.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
		.map((message) => message.message);
}

describe('which layers may import which', () => {
	it('keeps server modules out of $lib/crypto', async () => {
		const reports = await layerReports('src/lib/crypto/example.ts', "import { db } from '$lib/server/db';\nvoid db;\n");
		expect(reports).toHaveLength(1);
		expect(reports[0]).toContain('$lib/crypto and $lib/encoding are pure');
	});

	it('lets $lib/crypto import itself, $lib/encoding and packages', async () => {
		const code =
			"import sodium from 'libsodium-wrappers-sumo';\nimport { seal } from './sealed';\nimport { toBase64url } from '$lib/encoding/base64url';\nvoid sodium;\nvoid seal;\nvoid toBase64url;\n";
		expect(await layerReports('src/lib/crypto/example.ts', code)).toEqual([]);
		expect(
			await layerReports('src/lib/encoding/example.ts', "import { db } from '$lib/server/db';\nvoid db;\n")
		).toHaveLength(1);
	});

	it('reads relative imports from where the file stands, in subfolders too', async () => {
		const climbing = "import { db } from '../server/db';\nvoid db;\n";
		expect(await layerReports('src/lib/research/example.ts', climbing)).toHaveLength(1);
		const fromSubfolder = "import { api } from '../../client/api';\nvoid api;\n";
		expect(await layerReports('src/lib/server/auth/example.ts', fromSubfolder)).toHaveLength(1);
		const sibling = "import { session } from '../auth/session';\nvoid session;\n";
		expect(await layerReports('src/lib/server/intake/example.ts', sibling)).toEqual([]);
	});

	it('keeps SvelteKit out of the pure layers and components out of the server', async () => {
		const runtime = "import { browser } from '$app/environment';\nvoid browser;\n";
		expect(await layerReports('src/lib/moderation/example.ts', runtime)).toHaveLength(1);
		const components = "import { columns } from '$lib/components/staff/columns';\nvoid columns;\n";
		expect(await layerReports('src/lib/server/example.ts', components)).toHaveLength(1);
		const component = "import Table from './table.svelte';\nvoid Table;\n";
		expect(await layerReports('src/lib/server/example.ts', component)).toHaveLength(1);
	});

	it('lets browser code import types from the server, and nothing else', async () => {
		const typeOnly = "import type { Db } from '$lib/server/db';\nexport type Handle = Db;\n";
		expect(await layerReports('src/lib/client/example.ts', typeOnly)).toEqual([]);
		const value = "import { db } from '$lib/server/db';\nvoid db;\n";
		expect(await layerReports('src/lib/components/staff/example.ts', value)).toHaveLength(1);
	});
});
