// `npm run demo`: a portal on its own data folder (demo-data unless DATA_DIR says otherwise),
// seeded on its first run with fictional testimonies through the portal's own API, then served.
// A later run on the same folder serves it again and prints the same accounts. It never runs on
// a folder whose database is not a demo's.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './build-if-needed.js';
import { loadCommand } from './cli.js';

process.chdir(root);

const CONFIGURATION_ERROR = 78;
const dataDir = path.resolve(process.env.DATA_DIR || 'demo-data');
const databasePath = path.join(dataDir, 'trips-voice.sqlite');
const accountsPath = path.join(dataDir, 'ACCOUNTS.txt');
const port = Number(process.env.PORT || 3000);
const origin = process.env.ORIGIN || `http://localhost:${port}`;

const demo = await loadCommand('demo');
const state = demo.demoFolderState(databasePath);
if (state === 'real') {
	console.error(`The demo will not start on ${dataDir}: ${demo.DEMO_REFUSAL}`);
	process.exit(CONFIGURATION_ERROR);
}
if (state === 'demo' && !fs.existsSync(accountsPath)) {
	console.error(`The demo in ${dataDir} was not seeded to the end. Delete that folder and run npm run demo again.`);
	process.exit(1);
}
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

const server = spawn(process.execPath, ['scripts/start.js'], {
	env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ORIGIN: origin, DEMO: '1' },
	stdio: ['ignore', 'pipe', 'inherit']
});
let setupLink = null;
const listening = new Promise((resolve) => {
	let pending = '';
	server.stdout.on('data', (chunk) => {
		pending += chunk;
		const lines = pending.split('\n');
		pending = lines.pop();
		for (const line of lines) {
			// The setup link is the seeding's to use; printing it would only invite a second admin.
			const link = /^Setup link: (\S+)$/.exec(line);
			if (link) setupLink = link[1];
			else console.log(line);
			if (line.includes('is listening on')) resolve();
		}
	});
});
// A failed seeding stops the server, and its status is the demo's.
server.once('exit', (code, signal) => process.exit(process.exitCode ?? code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

await listening;
if (state === 'fresh') {
	try {
		const seeded = await demo.seedDemo({ origin, databasePath }, setupLink, (line) => console.log(line));
		fs.writeFileSync(accountsPath, demo.accountsText(seeded.accounts, seeded.receipts, origin), { mode: 0o600 });
		console.log(
			`Seeded ${seeded.testimonies} testimonies (${seeded.voiceNotes} with voice notes, ${seeded.approved} approved and coded).`
		);
		console.log(
			'While seeding, the proof of work and the intake budget were lowered; both are back to their defaults.'
		);
	} catch (error) {
		console.error(`Seeding the demo failed: ${error instanceof Error ? error.message : String(error)}`);
		console.error(`Delete ${dataDir} before trying again.`);
		server.kill('SIGTERM');
		process.exitCode = 1;
	}
}
if (fs.existsSync(accountsPath)) {
	const accounts = fs.readFileSync(accountsPath, 'utf8');
	console.log(`\n${accounts}`);
	const codes = demo.currentCodes(accounts);
	console.log(
		`Current codes: ${codes.map(({ code }) => code).join(', ')} (in the order above; each works once and they change every 30 s, so if one is refused, wait for the next).`
	);
	console.log(`These accounts are kept in ${accountsPath}. To start afresh, stop the demo and delete ${dataDir}.`);
	console.log(demo.FICTIONAL_NOTICE);
}
