import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { serverConfig } from '$lib/server/config';
import { diskSpace, intakeHeadroomBytes, type DiskSpace } from '$lib/server/db/disk-space';
import { checkFiles, checkSettings, notYet, ok, type Finding } from '$lib/server/ops/install-checks';

export { checkFiles, checkSettings, type Finding };

/*
 * `npm run doctor`: checks an install before and while it serves, and says how to fix what it
 * finds. It reads the database without changing it (no migration, no write), so it is safe to
 * run beside the portal. It never prints a testimony, a key or a username: channel names only.
 */

export type DoctorInput = {
	nodeVersion: string;
	/** The `engines.node` range of package.json, such as ">=20.19". */
	enginesNode: string;
	env: Record<string, string | undefined>;
	dataDir: string;
	databasePath: string;
	migrationsDir: string;
	disk: () => DiskSpace;
	/** The user the portal runs as (the doctor should run as the same one). */
	uid: number | null;
	/** DEPLOYMENT_KEY_FILE, under whose key the TOTP secrets are sealed; unchecked when absent. */
	deploymentKeyPath?: string;
};

const MIB = 1024 * 1024;

function versionAtLeast(version: string, minimum: string): boolean {
	const parts = (text: string) => text.replace(/^v/, '').split('.').map(Number);
	const have = parts(version);
	const want = parts(minimum);
	for (let index = 0; index < want.length; index++) {
		if ((have[index] ?? 0) !== want[index]) return (have[index] ?? 0) > want[index];
	}
	return true;
}

export function checkNode(nodeVersion: string, enginesNode: string): Finding {
	const minimum = /^>=\s*([\d.]+)$/.exec(enginesNode.trim())?.[1];
	if (!minimum) return ok('Node.js', `version ${nodeVersion} (no minimum declared)`);
	if (versionAtLeast(nodeVersion, minimum)) return ok('Node.js', `version ${nodeVersion} (needs ${minimum} or later)`);
	return {
		level: 'problem',
		check: 'Node.js',
		detail: `version ${nodeVersion} is older than the ${minimum} the portal needs`,
		fix: `Install Node.js ${minimum} or later (for example from your distribution's backports or nodejs.org).`
	};
}

export function checkDisk(disk: DiskSpace): Finding {
	const headroom = intakeHeadroomBytes(disk.totalBytes);
	const free = `${Math.floor(disk.freeBytes / MIB)} MiB free, headroom ${Math.ceil(headroom / MIB)} MiB`;
	if (disk.freeBytes < headroom) {
		return {
			level: 'problem',
			check: 'Disk',
			detail: `${free}: new testimonies are refused`,
			fix: 'Free space on the disk of the data folder or move it to a larger disk; retention (npm run retention) deletes only what its rules allow.'
		};
	}
	if (disk.freeBytes < 2 * headroom) {
		return {
			level: 'warning',
			check: 'Disk',
			detail: `${free}: close to the point where testimonies are refused`,
			fix: 'Add space to the disk of the data folder soon, and set an alert on its free space.'
		};
	}
	return ok('Disk', free);
}

/** A WAL this large means nothing checkpoints it: Litestream forces one at 10,000 pages (about 40 MiB). */
const UNCHECKPOINTED_WAL_BYTES = 64 * MIB;

/**
 * Litestream keeps its state in a hidden folder beside the database. Under WAL_CHECKPOINTS=
 * replicator only Litestream checkpoints, so the WAL grows while it does not run; without the
 * setting, retention's truncation fights a running Litestream for the WAL.
 */
export function checkReplication(env: DoctorInput['env'], databasePath: string): Finding {
	const litestreamState = path.join(path.dirname(databasePath), `.${path.basename(databasePath)}-litestream`);
	const replicated = fs.existsSync(litestreamState);
	if (env.WAL_CHECKPOINTS !== 'replicator') {
		if (!replicated) return ok('Replication', 'none set up (docs/replication.md)');
		return {
			level: 'warning',
			check: 'Replication',
			detail: `Litestream has replicated this database (${litestreamState}) but WAL_CHECKPOINTS is not "replicator": each retention run would wait 5 s for the WAL, the portal frozen, and fail`,
			fix: 'Set WAL_CHECKPOINTS=replicator for the portal and npm run retention; if Litestream no longer replicates it, delete that folder.'
		};
	}
	const walPath = `${databasePath}-wal`;
	const walBytes = fs.existsSync(walPath) ? fs.statSync(walPath).size : 0;
	if (!replicated || walBytes > UNCHECKPOINTED_WAL_BYTES) {
		return {
			level: 'warning',
			check: 'Replication',
			detail: replicated
				? `the WAL holds ${Math.round(walBytes / MIB)} MiB: Litestream, which alone checkpoints it under WAL_CHECKPOINTS=replicator, seems not to run`
				: `WAL_CHECKPOINTS=replicator, but Litestream has never replicated this database (no ${litestreamState}): nothing checkpoints the WAL`,
			fix: 'Run litestream replicate beside the portal (docs/replication.md), or unset WAL_CHECKPOINTS if nothing replicates this database.'
		};
	}
	return ok('Replication', 'WAL_CHECKPOINTS=replicator, and Litestream keeps its state beside the database');
}

/** What the database says: migrations waiting, and channels (and the corpus) whose key only one person holds. */
export function checkDatabase(databasePath: string, migrationsDir: string): Finding[] {
	if (!fs.existsSync(databasePath)) return [notYet('Database', databasePath, 'it creates and migrates the database')];
	const client = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		return [checkMigrations(client, migrationsDir), ...checkKeyHolders(client)];
	} finally {
		client.close();
	}
}

function checkMigrations(client: Database.Database, migrationsDir: string): Finding {
	const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as {
		entries: { tag: string; when: number }[];
	};
	const table = client
		.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
		.get();
	const last = table
		? ((client.prepare('select max(created_at) from __drizzle_migrations').pluck().get() as number | null) ?? 0)
		: 0;
	const pending = journal.entries.filter((entry) => entry.when > last).map((entry) => entry.tag);
	if (pending.length === 0) return ok('Migrations', `all ${journal.entries.length} applied`);
	return {
		level: 'warning',
		check: 'Migrations',
		detail: `${pending.length} waiting (${pending.join(', ')}); they run when the portal next starts`,
		fix: 'Stop the portal, copy the data folder somewhere safe, then start the portal to apply them.'
	};
}

function checkKeyHolders(client: Database.Database): Finding[] {
	const holders = (grantTable: string, keyColumn: string) =>
		`(select count(*) from ${grantTable} g join staff_user u on u.id = g.staff_user_id
		  where g.${keyColumn} = k.id and u.disabled_at is null)`;
	const channels = client
		.prepare(
			`select c.name as name, ${holders('channel_key_grant', 'channel_key_id')} as holders
			 from channel c join channel_key k on k.channel_id = c.id
			 where c.active = 1 and k.pending = 0
			   and k.version = (select max(version) from channel_key l where l.channel_id = c.id and l.pending = 0)
			 order by c.name`
		)
		.all() as { name: string; holders: number }[];
	const corpus = client
		.prepare(
			`select ${holders('corpus_key_grant', 'corpus_key_id')} as holders from corpus_key k
			 where k.pending = 0 order by k.version desc limit 1`
		)
		.get() as { holders: number } | undefined;
	const alone = [
		...channels.filter((row) => row.holders < 2).map((row) => `channel "${row.name}"`),
		...(corpus && corpus.holders < 2 ? ['the research corpus'] : [])
	];
	if (channels.length === 0 && !corpus) return [ok('Key holders', 'no channel or corpus key yet')];
	if (alone.length === 0) {
		return [
			ok('Key holders', `the keys of ${channels.length} active channels and the corpus are held by two people or more`)
		];
	}
	return [
		{
			level: 'warning',
			check: 'Key holders',
			detail: `one person alone holds the key of ${alone.join(', ')}: if they lose both their passphrase and their recovery key, what it seals cannot be read again`,
			fix: 'Have the holder grant the key to a second colleague on the Key grants page.'
		}
	];
}

/**
 * The deployment key file (docs/crypto.md §2.13): present, readable by its owner only, and there
 * whenever sealed TOTP secrets are. Counts secrets by their stored form only (a sealed one is 61
 * bytes starting with 1, a plaintext one 20 bytes); whether the key opens them the start log says.
 */
export function checkDeploymentKey(keyPath: string, databasePath: string): Finding {
	const counts = { sealed: 0, plaintext: 0 };
	if (fs.existsSync(databasePath)) {
		const client = new Database(databasePath, { readonly: true, fileMustExist: true });
		try {
			const rows = client
				.prepare(
					`select length(totp_secret) as bytes, substr(totp_secret, 1, 1) = x'01' as versioned from staff_user where totp_secret is not null
					 union all
					 select length(pending_totp_secret), substr(pending_totp_secret, 1, 1) = x'01' from invitation where pending_totp_secret is not null`
				)
				.all() as { bytes: number; versioned: number }[];
			for (const row of rows) {
				if (row.bytes === 61 && row.versioned) counts.sealed++;
				else if (row.bytes === 20) counts.plaintext++;
			}
		} finally {
			client.close();
		}
	}
	const check = 'Deployment key';
	if (!fs.existsSync(keyPath)) {
		if (counts.sealed === 0)
			return notYet(check, keyPath, 'it creates the deployment key; back it up (docs/deploy.md)');
		return {
			level: 'problem',
			check,
			detail: `${keyPath} is missing, and ${counts.sealed} authenticator secrets are sealed under the key it held: those people cannot sign in with their authenticator`,
			fix: 'Put the deployment key file back from its backup before starting the portal; if it is lost for good, see docs/deploy.md, "The deployment key".'
		};
	}
	const mode = fs.statSync(keyPath).mode & 0o777;
	if (mode & 0o077) {
		return {
			level: 'problem',
			check,
			detail: `${keyPath} is ${mode.toString(8).padStart(3, '0')}: other users of this machine can read it`,
			fix: `chmod 600 ${keyPath}`
		};
	}
	if (counts.plaintext > 0) {
		return {
			level: 'warning',
			check,
			detail: `${counts.plaintext} authenticator secrets are still stored in plaintext`,
			fix: 'Restart the portal: it seals them at start.'
		};
	}
	return ok(check, `${keyPath} is readable by its owner only; back it up apart from the database`);
}

export function diagnose(input: DoctorInput): Finding[] {
	return [
		checkNode(input.nodeVersion, input.enginesNode),
		...checkFiles(input.dataDir, input.databasePath, input.uid),
		...(fs.existsSync(input.dataDir) ? [checkDisk(input.disk())] : []),
		...checkSettings(input.env),
		checkReplication(input.env, input.databasePath),
		...checkDatabase(input.databasePath, input.migrationsDir),
		...(input.deploymentKeyPath ? [checkDeploymentKey(input.deploymentKeyPath, input.databasePath)] : [])
	];
}

const LABELS: Record<Finding['level'], string> = { ok: 'ok     ', warning: 'warning', problem: 'PROBLEM' };

export function describeFindings(findings: Finding[]): string {
	const lines = findings.flatMap((finding) => [
		`${LABELS[finding.level]}  ${finding.check}: ${finding.detail}`,
		...(finding.fix ? [`         fix: ${finding.fix}`] : [])
	]);
	const problems = findings.filter((finding) => finding.level === 'problem').length;
	const warnings = findings.filter((finding) => finding.level === 'warning').length;
	lines.push('', problems || warnings ? `${problems} problems, ${warnings} warnings.` : 'Nothing to fix.');
	return lines.join('\n');
}

/** Prints the findings; the exit code is 1 when one of them is a problem. */
export function runDoctorCommand(): number {
	const config = serverConfig();
	const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines?: { node?: string } };
	const findings = diagnose({
		nodeVersion: process.versions.node,
		enginesNode: manifest.engines?.node ?? '',
		env: process.env,
		dataDir: config.dataDir,
		databasePath: config.databasePath,
		migrationsDir: config.migrationsDir,
		disk: () => diskSpace(config.dataDir),
		uid: typeof process.getuid === 'function' ? process.getuid() : null,
		deploymentKeyPath: config.deploymentKeyPath
	});
	console.log(describeFindings(findings));
	return findings.some((finding) => finding.level === 'problem') ? 1 : 0;
}
