import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import {
	deriveStaffKeys,
	encryptJson,
	openSealed,
	researchRecordAdditionalData,
	unwrapSecretKey
} from '../../src/lib/crypto';
import type { RunningPortal } from './harness';
import type { EnrolledStaff } from './staff-flows';

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

/**
 * A staff member's key pair, unwrapped with their passphrase as their browser would: the first
 * staff member's (the admin who set the portal up) unless a username is given.
 */
export function staffKeyPairOf(
	database: Database.Database,
	staff: Pick<EnrolledStaff, 'passphrase'> & { username?: string }
): { publicKey: Uint8Array; secretKey: Uint8Array } {
	const user = (
		staff.username
			? database.prepare('select * from staff_user where username = ?').get(staff.username)
			: database.prepare('select * from staff_user limit 1').get()
	) as Record<string, Buffer & number & string>;
	const keys = deriveStaffKeys(staff.passphrase, new Uint8Array(user.pwhash_salt), {
		algorithm: 2,
		opsLimit: user.pwhash_ops_limit,
		memLimitBytes: user.pwhash_mem_limit
	});
	const secretKey = unwrapSecretKey(
		{
			version: 1,
			nonce: new Uint8Array(user.wrapped_secret_key_nonce),
			ciphertext: new Uint8Array(user.wrapped_secret_key)
		},
		keys.keyEncryptionKey,
		new Uint8Array(user.public_key),
		'passphrase'
	);
	return { publicKey: new Uint8Array(user.public_key), secretKey };
}

/** The deployment's corpus key, opened with the first admin's grant as their browser would. */
function corpusKeyOf(database: Database.Database, admin: EnrolledStaff): { id: number; key: Uint8Array } {
	const keyPair = staffKeyPairOf(database, { passphrase: admin.passphrase });
	const grant = database.prepare('select corpus_key_id, sealed_key from corpus_key_grant limit 1').get() as {
		corpus_key_id: number;
		sealed_key: Buffer;
	};
	const key = openSealed(new Uint8Array(grant.sealed_key), keyPair);
	return { id: grant.corpus_key_id, key };
}

/**
 * Seals `records` fictional research records (about 2 KB each, or the texts `textOf` gives) under
 * the deployment's corpus key, straight into the database file, as approvals would. Call after
 * libsodium is ready. Returns the records' ids in the order made: record i is in
 * `['en', 'fr', 'ar', 'it'][i % 4]`, and its first answer opens with sentence i of `SENTENCES`.
 */
export function fillCorpus(
	portal: RunningPortal,
	admin: EnrolledStaff,
	records: number,
	textOf: (record: number, answer: number) => string = (record, answer) => answerText(record + answer)
): string[] {
	const database = new Database(portal.databasePath);
	const { id: corpusKeyId, key: corpusKey } = corpusKeyOf(database, admin);
	const channel = database.prepare('select id from channel limit 1').get() as { id: string };
	const channelKey = database.prepare('select id from channel_key limit 1').get() as { id: number };
	const insertSubmission = database.prepare(
		`insert into submission (id, channel_id, channel_key_id, format_version, nonce, ciphertext, sealed_data_key, receipt_lookup_hash, reply_public_key, received_day, status)
		 values (?, ?, ?, 1, ?, x'', ?, ?, ?, '2026-05-01', 'approved')`
	);
	const insertRecord = database.prepare(
		'insert into research_record (id, submission_id, corpus_key_id, format_version, nonce, ciphertext, approved_month) values (?, ?, ?, 1, ?, ?, ?)'
	);
	const ids: string[] = [];
	database.transaction(() => {
		for (let index = 0; index < records; index++) {
			const submissionId = randomUUID();
			insertSubmission.run(
				submissionId,
				channel.id,
				channelKey.id,
				randomBytes(24),
				randomBytes(80),
				randomBytes(32),
				randomBytes(32)
			);
			const id = randomUUID();
			ids.push(id);
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
					text: textOf(index, answer),
					transcript: '',
					translation: '',
					englishTranslation: ''
				}))
			};
			const sealed = encryptJson(record, corpusKey, researchRecordAdditionalData(id, 1));
			insertRecord.run(
				id,
				submissionId,
				corpusKeyId,
				Buffer.from(sealed.nonce),
				Buffer.from(sealed.ciphertext),
				`2026-${String((index % 12) + 1).padStart(2, '0')}`
			);
		}
	})();
	database.close();
	return ids;
}

/**
 * Approves a testimony a survivor sent into the research corpus as a moderator's approval would:
 * one research record sealed under the corpus key with these answers, the testimony marked approved.
 * Returns the record's id. Call after libsodium is ready.
 */
export function approveIntoCorpus(
	portal: RunningPortal,
	admin: EnrolledStaff,
	submissionId: string,
	answers: string[],
	month = '2026-11'
): string {
	const database = new Database(portal.databasePath);
	try {
		const { id: corpusKeyId, key } = corpusKeyOf(database, admin);
		const id = randomUUID();
		const record = {
			v: 1,
			kind: 'research-record',
			locale: 'en',
			mode: 'guided',
			country: 'FR',
			consentToQuote: true,
			context: {},
			group: null,
			translationLocale: 'en',
			answers: answers.map((text, answer) => ({
				questionId: `q${answer}`,
				questionVersion: 1,
				domain: 'housing',
				text,
				transcript: '',
				translation: '',
				englishTranslation: ''
			}))
		};
		const sealed = encryptJson(record, key, researchRecordAdditionalData(id, 1));
		database.transaction(() => {
			database
				.prepare(
					'insert into research_record (id, submission_id, corpus_key_id, format_version, nonce, ciphertext, approved_month) values (?, ?, ?, 1, ?, ?, ?)'
				)
				.run(id, submissionId, corpusKeyId, Buffer.from(sealed.nonce), Buffer.from(sealed.ciphertext), month);
			database.prepare("update submission set status = 'approved' where id = ?").run(submissionId);
		})();
		return id;
	} finally {
		database.close();
	}
}

/**
 * Adds `codings` codings by the first staff member, spread over the corpus's records and five
 * codes made for the purpose, straight into the database file, as coding would.
 */
export function fillCodings(portal: RunningPortal, codings: number): void {
	const database = new Database(portal.databasePath);
	const coder = database.prepare('select id from staff_user limit 1').get() as { id: string };
	const recordIds = (database.prepare('select id from research_record order by id').all() as { id: string }[]).map(
		(row) => row.id
	);
	const insertCode = database.prepare(
		'insert into code (id, name, colour, position, created_by, created_at) values (?, ?, ?, ?, ?, ?)'
	);
	const insertCoding = database.prepare(
		'insert into coding (id, research_record_id, field, start, "end", code_id, coder_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)'
	);
	database.transaction(() => {
		const codeIds = ['Housing', 'Work', 'Papers', 'Health', 'Language'].map((name, position) => {
			const id = randomUUID();
			insertCode.run(id, name, '#1f6f8b', position, coder.id, Date.now());
			return id;
		});
		for (let index = 0; index < codings; index++) {
			// About three codings per coded record, on a third of the records.
			const recordId = recordIds[(Math.floor(index / 3) * 7919) % recordIds.length];
			const start = (index % 20) * 10;
			insertCoding.run(
				randomUUID(),
				recordId,
				`${index % 4}.text`,
				start,
				start + 8,
				codeIds[index % codeIds.length],
				coder.id,
				Date.now()
			);
		}
	})();
	database.close();
}
