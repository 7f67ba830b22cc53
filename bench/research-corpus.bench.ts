import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, it } from 'vitest';
import {
	deriveStaffKeys,
	encryptJson,
	openSealed,
	readyCrypto,
	researchRecordAdditionalData,
	unwrapSecretKey
} from '../src/lib/crypto';
import { launchBrowser, startPortal, type RunningPortal } from '../tests/e2e/harness';
import { completeSetup, openStaffPage, signIn, type EnrolledStaff } from '../tests/e2e/staff-flows';

/** Opening a corpus of 10,000 records of about 2 KB in Chromium; budget: open < 1.5 s, search < 100 ms. */
const RECORDS = 10_000;
let portal: RunningPortal;
let admin: EnrolledStaff;
const rows: [string, string][] = [];

const SENTENCES = [
	'The housing office sends letters I cannot read, and the waiting list for a flat is two years long.',
	'Le cours de français du soir est loin du foyer et je rentre tard, seule, en bus.',
	'لا أحد في مكتب العمل يشرح لي الاستمارات، وأخاف أن أخسر المساعدة.',
	'My permit renewal took eight months; without it the bank closed my account.',
	'Al centro per l’impiego mi dicono di aspettare, ma l’affitto non aspetta.',
	'At the clinic there is no interpreter, so my daughter translates for me.'
];

/** A fictional vocabulary of 4,000 made-up words, so that each record reads differently. */
const WORDS = Array.from({ length: 4000 }, (_, index) => {
	const syllables = ['ka', 'lo', 'mi', 'ré', 'su', 'ta', 'ne', 'vo', 'zi', 'du', 'pa', 'ché'];
	let word = '';
	for (let value = index + 7; value > 0; value = Math.floor(value / 12)) word += syllables[value % 12];
	return word;
});

/** One sentence of the list, then made-up words: about 500 characters. */
function answerText(seed: number): string {
	let text = `${SENTENCES[seed % SENTENCES.length]} `;
	for (let index = seed * 31; text.length < 480; index += 17) text += `${WORDS[(index * 2654435761) % WORDS.length]} `;
	return text.trim();
}

/** Seals 10,000 fictional records under the deployment's corpus key, as approvals would. */
function fillCorpus(): void {
	const database = new Database(portal.databasePath);
	const user = database.prepare('select * from staff_user limit 1').get() as Record<string, Buffer & number & string>;
	const keys = deriveStaffKeys(admin.passphrase, new Uint8Array(user.pwhash_salt), {
		algorithm: 2,
		opsLimit: user.pwhash_ops_limit,
		memLimitBytes: user.pwhash_mem_limit
	});
	const secretKey = unwrapSecretKey(
		{ version: 1, nonce: new Uint8Array(user.wrapped_secret_key_nonce), ciphertext: new Uint8Array(user.wrapped_secret_key) },
		keys.keyEncryptionKey,
		new Uint8Array(user.public_key),
		'passphrase'
	);
	const grant = database.prepare('select corpus_key_id, sealed_key from corpus_key_grant limit 1').get() as { corpus_key_id: number; sealed_key: Buffer };
	const corpusKey = openSealed(new Uint8Array(grant.sealed_key), { publicKey: new Uint8Array(user.public_key), secretKey });
	const channel = database.prepare('select id from channel limit 1').get() as { id: string };
	const channelKey = database.prepare('select id from channel_key limit 1').get() as { id: number };
	const insertSubmission = database.prepare(
		`insert into submission (id, channel_id, channel_key_id, format_version, nonce, ciphertext, sealed_data_key, receipt_lookup_hash, reply_public_key, received_day, status)
		 values (?, ?, ?, 1, ?, x'', ?, ?, ?, '2026-05-01', 'approved')`
	);
	const insertRecord = database.prepare(
		'insert into research_record (id, submission_id, corpus_key_id, format_version, nonce, ciphertext, approved_month) values (?, ?, ?, 1, ?, ?, ?)'
	);
	database.transaction(() => {
		for (let index = 0; index < RECORDS; index++) {
			const submissionId = randomUUID();
			insertSubmission.run(submissionId, channel.id, channelKey.id, randomBytes(24), randomBytes(80), randomBytes(32), randomBytes(32));
			const id = randomUUID();
			const record = {
				v: 1,
				kind: 'research-record',
				locale: ['en', 'fr', 'ar', 'it'][index % 4],
				mode: 'guided',
				country: ['FR', 'IT', 'CZ', 'NL', 'ES'][index % 5],
				consentToQuote: index % 3 === 0,
				context: {},
				group: null,
				translationLocale: 'fr',
				answers: [0, 1, 2, 3].map((answer) => ({
					questionId: `q${answer}`,
					questionVersion: 1,
					domain: ['housing', 'work', 'rights', 'health'][answer],
					text: answerText(index + answer),
					transcript: '',
					translation: '',
					englishTranslation: ''
				}))
			};
			const sealed = encryptJson(record, corpusKey, researchRecordAdditionalData(id, 1));
			insertRecord.run(id, submissionId, grant.corpus_key_id, Buffer.from(sealed.nonce), Buffer.from(sealed.ciphertext), `2026-${String((index % 12) + 1).padStart(2, '0')}`);
		}
	})();
	database.close();
}

beforeAll(async () => {
	await readyCrypto();
	portal = await startPortal();
	const browser = await launchBrowser();
	admin = await completeSetup(browser.page, portal.setupLink!);
	await browser.close();
	fillCorpus();
});

afterAll(async () => {
	await portal?.stop();
	console.log('\nResearch corpus, measured in one run:');
	for (const [name, value] of rows) console.log(`  ${name.padEnd(58)} ${value}`);
});

it('opens 10,000 records and searches them', async () => {
	const browser = await launchBrowser({ width: 1280 });
	try {
		const { page } = browser;
		await signIn(page, portal.origin, admin);
		await page.getByRole('heading', { name: 'Inbox' }).waitFor();
		await openStaffPage(page, `${portal.origin}/staff/research`, admin.passphrase);
		const opened = page.getByTestId('opened');
		await opened.waitFor({ timeout: 120_000 }).catch(async (cause) => {
			console.log((await page.locator('body').textContent())?.slice(0, 2000));
			throw cause;
		});
		rows.push(['records opened', (await opened.textContent())?.match(/^\d+/)?.[0] ?? '?']);
		rows.push(['fetch + decrypt + index (budget 1,500 ms)', `${await opened.getAttribute('data-opened-ms')} ms`]);
		rows.push(['  of which fetching the ciphertext (one binary frame)', `${await opened.getAttribute('data-fetch-ms')} ms`]);
		rows.push(['  of which decrypting and indexing, messages included', `${await opened.getAttribute('data-decrypt-index-ms')} ms`]);
		rows.push(['    decrypting (inside the worker)', `${await opened.getAttribute('data-decrypt-ms')} ms`]);
		rows.push(['    indexing (inside the worker)', `${await opened.getAttribute('data-index-ms')} ms`]);
		const count = page.getByTestId('result-count');
		for (const query of ['interpreter', 'francais', 'الاستمارات', 'permit renewal']) {
			await page.getByLabel('Search the corpus').fill(query);
			await page.waitForFunction(() => !document.querySelector('[data-testid="result-count"]')?.textContent?.includes('Searching'));
			rows.push([`search “${query}” (budget 100 ms)`, `${await count.getAttribute('data-search-ms')} ms, ${(await count.textContent())?.trim()}`]);
		}
	} finally {
		await browser.close();
	}
});
