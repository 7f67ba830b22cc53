import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { encryptSubmission, type SubmissionEnvelope, type SubmissionPayload } from '../../src/lib/crypto';
import { REFERENCE_ALPHABET } from '../../src/lib/moderation/reference';
import type { RunningPortal } from './harness';

export const SEED_LANGUAGES = ['so', 'fa-AF', 'uk', 'en', 'ar'] as const;

const ANSWERS = [
	'Ninkii i keenay ayaa baasaboorkayga haystay, mushaharna lama siin.',
	'He said the job in the bakery was real; we worked nights and slept in the back room.',
	'Нам обіцяли роботу в готелі, а забрали документи на кордоні.',
	'Someone at the station gave me a phone number for a lawyer, but it never answered.'
];

export type SeedOptions = {
	/** How many testimonies to seal and store. */
	count: number;
	/** Days received, newest first: testimony n gets days[n % days.length]. */
	days: string[];
	status?: 'new' | 'in_review' | 'approved';
};

/** A UTC day `days` before today. */
export function daysAgo(days: number): string {
	return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

const used = new Set<string>();

/** A fresh reference (the slight bias of `byte % 29` does not matter in a fixture). */
function randomReference(): string {
	for (;;) {
		const reference = Array.from(randomBytes(8), (byte) => REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]).join(
			''
		);
		if (!used.has(reference)) {
			used.add(reference);
			return reference;
		}
	}
}

/**
 * Sealing takes a few milliseconds per testimony here, so large seeds reuse this many distinct
 * envelopes: each row still holds a real envelope the moderator's browser opens, and the
 * inbox only ever opens the 50 on screen. (A multiple of the five languages, so each keeps its own.)
 */
const SEALED_POOL = 2000;

export type ChannelKeyRow = { id: number; channel_id: string; version: number; public_key: Buffer };

/** Testimony `index` of the seed, sealed to the channel key as a survivor's browser seals it. */
export function sealSeedTestimony(key: ChannelKeyRow, index: number): SubmissionEnvelope {
	const payload: SubmissionPayload = {
		v: 1,
		kind: 'testimony',
		locale: SEED_LANGUAGES[index % SEED_LANGUAGES.length],
		mode: 'guided',
		consent: { research: true, quote: false, replies: true },
		answers: [0, 1].map((answer) => ({
			questionId: `q${answer}`,
			questionVersion: 1,
			text: ANSWERS[(index + answer) % ANSWERS.length]
		}))
	};
	return encryptSubmission(payload, {
		channelId: key.channel_id,
		channelKeyVersion: key.version,
		channelPublicKey: new Uint8Array(key.public_key)
	});
}

/**
 * Seals `count` fictional testimonies to the channel's current key, straight into the database
 * file, as intake would store them; languages rotate through SEED_LANGUAGES. Works on files
 * without the inbox's columns too (to measure the inbox as it was). Call after libsodium is ready.
 * Returns the ids with their languages.
 */
export function fillInbox(portal: RunningPortal, options: SeedOptions): { id: string; locale: string }[] {
	const database = new Database(portal.databasePath);
	const key = database
		.prepare('select id, channel_id, version, public_key from channel_key order by id desc limit 1')
		.get() as ChannelKeyRow;
	const columns = new Set(
		(database.prepare("select name from pragma_table_info('submission')").all() as { name: string }[]).map(
			(column) => column.name
		)
	);
	const withReference = columns.has('reference');
	const insert = database.prepare(
		`insert into submission (id, channel_id, channel_key_id, format_version, nonce, ciphertext, sealed_data_key,
			receipt_lookup_hash, reply_public_key, received_day, status${withReference ? ', reference' : ''})
		 values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?${withReference ? ', ?' : ''})`
	);
	const seeded: { id: string; locale: string }[] = [];
	const sealed: SubmissionEnvelope[] = [];
	database.transaction(() => {
		for (let index = 0; index < options.count; index++) {
			const id = randomBytes(16).toString('base64url');
			const locale = SEED_LANGUAGES[index % SEED_LANGUAGES.length];
			const envelope = (sealed[index % SEALED_POOL] ??= sealSeedTestimony(key, index));
			const values = [
				id,
				key.channel_id,
				key.id,
				Buffer.from(envelope.nonce),
				Buffer.from(envelope.ciphertext),
				Buffer.from(envelope.sealedDataKey),
				randomBytes(32),
				randomBytes(32),
				options.days[index % options.days.length],
				options.status ?? 'new'
			];
			insert.run(...values, ...(withReference ? [randomReference()] : []));
			seeded.push({ id, locale });
		}
	})();
	database.close();
	return seeded;
}
