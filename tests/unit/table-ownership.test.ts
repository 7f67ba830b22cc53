/**
 * Each server domain owns the tables in its `tables.ts`: other domains call its functions rather
 * than querying them, and routes query no table at all. The reads that still cross a domain
 * line are listed below with their reason, so a new one cannot appear unnoticed; the list is
 * meant to shrink, not grow.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = 'src/lib/server';

/** Reads (joins, mostly) of another domain's tables that remain, file by file. */
const CROSSING: Record<string, { tables: string[]; why: string }> = {
	'audit/log.ts': { tables: ['staffUser'], why: 'names the actor of each entry in one join' },
	'auth/reenrolment.ts': { tables: ['staffUser'], why: 'a reset rewrites the account row in the same transaction' },
	'auth/second-factor.ts': { tables: ['staffUser'], why: 'the TOTP secret and step live on the account row' },
	'auth/session.ts': {
		tables: ['staffRole', 'staffUser'],
		why: 'a session is read with its person and roles in one query per request'
	},
	'channels/admin.ts': {
		tables: ['staffRole', 'staffUser', 'submission'],
		why: 'the channel overview counts moderators and testimonies'
	},
	'channels/grants.ts': { tables: ['staffRole', 'staffUser'], why: 'who may receive a key follows from roles' },
	'channels/rotations.ts': { tables: ['staffUser'], why: 'names the proposer and confirmer' },
	'intake/receipts.ts': {
		tables: ['facilitationSession'],
		why: 'a group testimony shows its session on the receipt page'
	},
	'intake/submissions.ts': {
		tables: ['channelKey', 'facilitationSession'],
		why: 'the inbox lists a testimony with its key version and session'
	},
	'moderation/rejections.ts': {
		tables: ['attachment', 'message', 'staffRole', 'staffUser', 'submission'],
		why: 'a rejection changes the testimony status and counts what its deletion would remove'
	},
	'moderation/review.ts': {
		tables: [
			'attachment',
			'channel',
			'channelKey',
			'channelKeyGrant',
			'corpusKey',
			'corpusKeyGrant',
			'message',
			'researchRecord',
			'submission'
		],
		why: 'the moderation view joins a testimony with its keys; approving writes the research record in the same transaction'
	},
	'research/workspace.ts': {
		tables: ['channel', 'corpusKey', 'corpusKeyGrant', 'facilitationSession', 'staffRole', 'staffUser', 'submission'],
		why: 'corpus pages carry what the server knows of each record (channel, session, month) in one query'
	},
	'retention/retention.ts': {
		tables: ['attachment', 'message', 'moderationDraft', 'submission'],
		why: 'the retention run deletes across the survivor tables in one transaction per reason'
	},
	'sessions/sessions.ts': {
		tables: ['channel', 'submission'],
		why: 'a session lists its channel and counts its testimonies'
	},
	'testing.ts': { tables: ['submission'], why: 'test fixtures write stand-in testimonies' }
};

function sources(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sources(full);
		return /\.(ts|svelte)$/.test(entry.name) && !/(\.test\.ts|^fixtures\.ts)$/.test(entry.name) ? [full] : [];
	});
}

/** Table name → owning domain, from every `<domain>/tables.ts`. */
function owners(): Map<string, string> {
	const owner = new Map<string, string>();
	for (const domain of fs.readdirSync(SERVER)) {
		const file = path.join(SERVER, domain, 'tables.ts');
		if (!fs.existsSync(file)) continue;
		for (const [, name] of fs.readFileSync(file, 'utf8').matchAll(/^export const (\w+) = sqliteTable/gm))
			owner.set(name, domain);
	}
	return owner;
}

/** Tables a file imports from the schema or from a domain's tables module. */
function importedTables(file: string, owner: Map<string, string>): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const names = [...text.matchAll(/import \{([^}]*)\} from '[^']*(?:db\/schema|\/tables)'/g)].flatMap(([, list]) =>
		list.split(',').map((name) => name.trim().replace(/^type /, ''))
	);
	return names.filter((name) => owner.has(name));
}

describe('table ownership', () => {
	const owner = owners();

	it('finds the tables of every domain', () => {
		expect(owner.get('submission')).toBe('intake');
		expect(owner.get('staffUser')).toBe('accounts');
		expect(owner.size).toBeGreaterThan(25);
	});

	it('lets routes query no table', () => {
		const offenders = sources('src/routes').filter((file) => importedTables(file, owner).length > 0);
		expect(offenders).toEqual([]);
	});

	it('keeps each domain to its own tables, apart from the listed crossings', () => {
		const found: Record<string, string[]> = {};
		// A tables.ts may name another domain's table in a foreign key: a declaration, not a query.
		for (const file of sources(SERVER).filter((file) => path.basename(file) !== 'tables.ts')) {
			const relative = path.relative(SERVER, file).split(path.sep).join('/');
			const domain = relative.includes('/') ? relative.split('/')[0] : null;
			const foreign = importedTables(file, owner).filter((table) => owner.get(table) !== domain);
			if (foreign.length > 0) found[relative] = [...new Set(foreign)].sort();
		}
		const listed = Object.fromEntries(Object.entries(CROSSING).map(([file, { tables }]) => [file, [...tables].sort()]));
		expect(found).toEqual(listed);
	});
});
