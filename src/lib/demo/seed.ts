import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
	encryptJson,
	encryptSubmission,
	encryptVoiceNote,
	formatReceipt,
	fromBase64url,
	deriveReceiptKeys,
	newReceipt,
	moderationDraftAdditionalData,
	readyCrypto,
	researchRecordAdditionalData,
	sealJsonToChannel,
	sealToPublicKey,
	toBase64url,
	voiceNoteAdditionalData,
	type SubmissionAnswer
} from '$lib/crypto';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { emptyDraft, type ModerationDraft } from '$lib/moderation/draft';
import { applyRedactions } from '$lib/moderation/redact';
import type { ResearchRecordV1 } from '$lib/research/corpus-record';
import {
	enrolThroughApi,
	mintedProof,
	postJson,
	postSealedTestimony,
	readRows,
	sendReply,
	staffCookie,
	writeRows,
	type PortalAddress
} from './portal-api';
import { setupThroughApi } from './setup';
import { DEMO_REPLIES, FICTIONAL_MARKERS, FICTIONAL_TESTIMONIES, type FictionalTestimony } from './testimonies';

/*
 * Seeds a fresh demo portal through its own HTTP API, as browsers would: first-run setup, staff
 * enrolled by invitation, testimonies sealed to the channel key with voice notes, moderation
 * drafts with redactions, decisions, replies, research records sealed under the corpus key, and
 * codings by two researchers. Every key is made and used by the same crypto code as in browsers.
 */

/** A survivor's receipt for a testimony that has a reply, to try the survivor's side of the demo. */
export type DemoReceipt = { receipt: string; locale: string };

export type DemoAccount = { role: string; username: string; passphrase: string; totpSecret: string };

const CHANNEL = { name: 'Demo support network', country: 'FR' };

/** Fixed, clearly fake credentials: the demo is for looking around, never for real testimonies. */
const STAFF = {
	admin: { username: 'demo.admin', passphrase: 'demo only admin passphrase' },
	moderator: { username: 'demo.moderator', passphrase: 'demo only moderator passphrase' },
	secondModerator: { username: 'demo.moderator2', passphrase: 'demo only second moderator passphrase' },
	facilitator: { username: 'demo.facilitator', passphrase: 'demo only facilitator passphrase' },
	researcher: { username: 'demo.researcher', passphrase: 'demo only researcher passphrase' },
	secondResearcher: { username: 'demo.researcher2', passphrase: 'demo only second researcher passphrase' }
};

/** Shipped voice notes (synthesised, see scripts/make-demo-voices.sh), by language. */
export const VOICE_NOTES_DIR = path.join('src', 'lib', 'demo', 'voices');

/**
 * Seeding posts sixty testimonies within a minute, each with a proof of work: for the while it
 * lasts, the demo lowers the proof's difficulty to the lowest an admin may set and raises the
 * minute's intake budget, then puts both back to their defaults.
 */
const SEEDING_SETTINGS = { pow_difficulty: '1000', intake_testimonies_per_minute: '1000' };

const CODES = [
	{ name: 'Papers and permits', colour: '#1f6f8b', themes: ['rights'] },
	{ name: 'Housing conditions', colour: '#8b5a1f', themes: ['housing'] },
	{ name: 'Exploitation at work', colour: '#8b1f3a', themes: ['work'] },
	{ name: 'Learning and training', colour: '#2f7d32', themes: ['education'] },
	{ name: 'Support that helped', colour: '#5b3f8b', themes: ['health'] },
	{ name: 'Fear and safety', colour: '#4a4a55', themes: ['safety'] }
];

type Plan = { approve: boolean; redact: boolean; reject: boolean; waiting: boolean; reply: string | null };

/** What moderation does with testimony `index`: about two in five approved, a few of each other outcome. */
export function moderationPlan(index: number, testimony: FictionalTestimony): Plan {
	const approve = index % 5 < 2;
	return {
		approve,
		redact: Boolean(testimony.name) && (approve || index % 5 === 2),
		reject: index === 4 || index === 9,
		waiting: index === 14 || index === 19 || index === 24,
		reply: index === 3 ? DEMO_REPLIES[0] : index === 8 ? DEMO_REPLIES[1] : null
	};
}

/** An Ogg/Opus file's length in whole seconds: the granule position of its last page, at 48 kHz. */
export function oggOpusSeconds(audio: Uint8Array): number {
	const last = Buffer.from(audio).lastIndexOf('OggS');
	if (last < 0) return 0;
	return Math.round(Number(Buffer.from(audio).readBigUInt64LE(last + 6)) / 48_000);
}

const codePoints = (text: string) => [...text].length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
	if (response.status !== status) throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
	return response;
}

/** Seeds the portal that printed `setupLink`; returns the accounts to print. */
export async function seedDemo(portal: PortalAddress, setupLink: string, log: (line: string) => void) {
	await readyCrypto();
	for (const [key, value] of Object.entries(SEEDING_SETTINGS)) {
		writeRows(
			portal,
			'insert into setting (key, value) values (?, ?) on conflict(key) do update set value = ?',
			key,
			value,
			value
		);
	}
	// The intake budgets are cached for a second.
	await sleep(1100);

	log('Setting up the portal and its staff accounts…');
	const admin = await setupThroughApi(portal, setupLink, { ...STAFF.admin, channelName: CHANNEL.name, ...CHANNEL });
	const accounts: DemoAccount[] = [
		{ role: 'admin (also moderator and researcher)', ...STAFF.admin, totpSecret: admin.totpSecret }
	];
	const enrol = async (who: keyof typeof STAFF, role: string, label: string) => {
		const enrolled = await enrolThroughApi(portal, admin.cookie, STAFF[who].username, role, STAFF[who].passphrase);
		accounts.push({ role: label, ...STAFF[who], totpSecret: enrolled.totpSecret });
		return enrolled;
	};
	const channelRole = (role: string) => `${role}:${admin.channelId}`;
	const moderator = await enrol('moderator', channelRole('moderator'), 'moderator');
	const secondModerator = await enrol('secondModerator', channelRole('moderator'), 'moderator');
	await enrol('facilitator', channelRole('facilitator'), 'facilitator');
	const researcher = await enrol('researcher', 'researcher', 'researcher');
	const secondResearcher = await enrol('secondResearcher', 'researcher', 'researcher');

	const [channelKey] = readRows<{ id: number; version: number }>(
		portal,
		'select id, version from channel_key where channel_id = ? and pending = 0',
		admin.channelId
	);
	const [corpusKey] = readRows<{ id: number; version: number }>(portal, 'select id, version from corpus_key');
	const grant = async (kind: 'channel' | 'corpus', username: string, publicKey: Uint8Array) => {
		const [user] = readRows<{ id: string }>(portal, 'select id from staff_user where username = ?', username);
		const secret = kind === 'channel' ? admin.channelKeyPair.secretKey : admin.corpusKey;
		const response = await postJson(
			portal,
			'/staff/api/grants',
			{
				kind,
				keyId: kind === 'channel' ? channelKey.id : corpusKey.id,
				userId: user.id,
				sealedKey: toBase64url(sealToPublicKey(secret, publicKey))
			},
			admin.cookie
		);
		await expectStatus(response, 201, `Granting the ${kind} key to ${username}`);
	};
	for (const member of [moderator, secondModerator]) {
		await grant('channel', member.staff.username, member.keyPair.publicKey);
		await grant('corpus', member.staff.username, member.keyPair.publicKey);
	}
	for (const member of [researcher, secondResearcher]) {
		await grant('corpus', member.staff.username, member.keyPair.publicKey);
	}

	log(`Sealing ${FICTIONAL_TESTIMONIES.length} fictional testimonies with voice notes…`);
	const address = {
		channelId: admin.channelId,
		channelKeyVersion: channelKey.version,
		channelPublicKey: admin.channelKeyPair.publicKey
	};
	const planOf = (index: number) => moderationPlan(index, FICTIONAL_TESTIMONIES[index]);
	// Testimonies that get a reply have a real receipt, printed so that the survivor's side can be tried too.
	const [deploymentSalt] = readRows<{ value: string }>(
		portal,
		"select value from setting where key = 'deployment_salt'"
	);
	const receipts: DemoReceipt[] = [];
	const survivorReceipt = (locale: string) => {
		const receipt = newReceipt();
		const keys = deriveReceiptKeys(receipt, fromBase64url(deploymentSalt.value));
		receipts.push({ receipt: formatReceipt(receipt), locale });
		return { lookupToken: keys.lookupToken, replyPublicKey: keys.replyKeyPair.publicKey };
	};
	const voiced = new Set<string>();
	const sent: { id: string; testimony: FictionalTestimony; index: number }[] = [];
	for (const [index, testimony] of FICTIONAL_TESTIMONIES.entries()) {
		const voiceFile = path.join(VOICE_NOTES_DIR, `${testimony.locale}.ogg`);
		const withVoice = !voiced.has(testimony.locale) && fs.existsSync(voiceFile);
		const answer: SubmissionAnswer = { questionId: testimony.theme, questionVersion: 1, text: testimony.text };
		let voiceNote: { attachmentId: string; ciphertext: Uint8Array } | null = null;
		if (withVoice) {
			voiced.add(testimony.locale);
			const attachmentId = randomBytes(16).toString('base64url');
			const audio = new Uint8Array(fs.readFileSync(voiceFile));
			const sealed = encryptVoiceNote(audio, voiceNoteAdditionalData(attachmentId));
			answer.voice = {
				attachmentId,
				key: toBase64url(sealed.key),
				header: toBase64url(sealed.header),
				mimeType: 'audio/ogg;codecs=opus',
				seconds: oggOpusSeconds(audio)
			};
			voiceNote = { attachmentId, ciphertext: sealed.ciphertext };
		}
		const envelope = encryptSubmission(
			{
				v: 1,
				kind: 'testimony',
				locale: testimony.locale,
				mode: 'guided',
				consent: { research: true, quote: index % 3 === 0, replies: true },
				answers: [answer]
			},
			address
		);
		const receipt = planOf(index).reply
			? survivorReceipt(testimony.locale)
			: { lookupToken: randomBytes(32), replyPublicKey: randomBytes(32) };
		const posted = await postSealedTestimony(portal, address, envelope, receipt, {
			attachments: voiceNote ? [{ id: voiceNote.attachmentId, bytes: voiceNote.ciphertext.length }] : []
		});
		if (posted.status !== 201) throw new Error(`A testimony was refused: ${posted.status} ${posted.answer}`);
		if (voiceNote) {
			const uploaded = await fetch(
				`${portal.origin}/api/submissions/${posted.id}/attachments/${voiceNote.attachmentId}`,
				{
					method: 'PUT',
					headers: {
						'content-type': 'application/octet-stream',
						'x-receipt-lookup': toBase64url(receipt.lookupToken),
						[PROOF_HEADER]: await mintedProof(portal.origin, 'attachment', voiceNote.attachmentId)
					},
					body: Buffer.from(voiceNote.ciphertext)
				}
			);
			await expectStatus(uploaded, 201, 'A voice note upload');
		}
		sent.push({ id: posted.id, testimony, index });
	}

	log('Moderating: redactions, replies, decisions…');
	const moderatorCookie = moderator.cookie;
	const secondModeratorCookie = await staffCookie(portal, secondModerator.staff);
	const approved: { recordId: string; text: string; theme: string; index: number }[] = [];
	for (const { id, testimony, index } of sent) {
		const plan = planOf(index);
		const route = `/staff/api/submissions/${id}`;
		if (plan.reply) await sendReply(portal, moderatorCookie, id, plan.reply);
		const redactions =
			plan.redact && testimony.name ? [{ text: testimony.name, replacement: '[NAME]', category: 'NAME' as const }] : [];
		if (redactions.length || plan.approve || plan.reply) {
			const draft: ModerationDraft = {
				...emptyDraft(CHANNEL.country),
				redactions,
				log: redactions.map((redaction) => ({
					at: new Date().toISOString(),
					by: STAFF.moderator.username,
					action: 'redact' as const,
					text: redaction.text,
					replacement: redaction.replacement
				})),
				sentReplies: plan.reply ? [{ at: new Date().toISOString(), text: plan.reply }] : [],
				reviewed: plan.approve
			};
			const sealed = sealJsonToChannel(
				draft,
				address.channelPublicKey,
				moderationDraftAdditionalData(id, channelKey.version, 1)
			);
			const saved = await postJson(
				portal,
				`${route}/draft`,
				{
					expectedVersion: 0,
					channelKeyVersion: channelKey.version,
					nonce: toBase64url(sealed.nonce),
					ciphertext: toBase64url(sealed.ciphertext),
					sealedDataKey: toBase64url(sealed.sealedDataKey)
				},
				moderatorCookie
			);
			await expectStatus(saved, 200, 'Saving a moderation draft');
		}
		if (plan.approve) {
			const recordId = randomUUID();
			const text = applyRedactions(testimony.text, redactions);
			const record: ResearchRecordV1 = {
				v: 1,
				kind: 'research-record',
				locale: testimony.locale,
				mode: 'guided',
				country: CHANNEL.country,
				consentToQuote: index % 3 === 0,
				context: {},
				group: null,
				translationLocale: 'fr',
				answers: [
					{
						questionId: testimony.theme,
						questionVersion: 1,
						domain: testimony.theme,
						text,
						transcript: '',
						translation: '',
						englishTranslation: ''
					}
				]
			};
			const sealed = encryptJson(record, admin.corpusKey, researchRecordAdditionalData(recordId, corpusKey.version));
			const decided = await postJson(
				portal,
				`${route}/decision`,
				{
					kind: 'approve',
					record: {
						id: recordId,
						corpusKeyVersion: corpusKey.version,
						nonce: toBase64url(sealed.nonce),
						ciphertext: toBase64url(sealed.ciphertext)
					}
				},
				moderatorCookie
			);
			await expectStatus(decided, 200, 'An approval');
			approved.push({ recordId, text, theme: testimony.theme, index });
		} else if (plan.reject) {
			// Within a moderator's daily limit a rejection takes effect at once (and may be undone for a while).
			const cookie = index % 2 === 0 ? moderatorCookie : secondModeratorCookie;
			const rejected = await postJson(portal, `${route}/decision`, { kind: 'reject', reason: 'out_of_scope' }, cookie);
			await expectStatus(rejected, 200, 'A rejection');
		} else if (plan.waiting) {
			await expectStatus(
				await postJson(portal, `${route}/decision`, { kind: 'waiting' }, moderatorCookie),
				200,
				'Asking for more'
			);
		}
	}

	log(`Coding ${approved.length} research records by two researchers…`);
	const codeIds = new Map<string, string>();
	for (const code of CODES) {
		const response = await postJson(
			portal,
			'/staff/api/research/codes',
			{
				parentId: null,
				name: code.name,
				colour: code.colour,
				description: '',
				inclusion: '',
				exclusion: '',
				example: ''
			},
			researcher.cookie
		);
		const { code: created } = (await (await expectStatus(response, 201, 'Creating a code')).json()) as {
			code: { id: string };
		};
		for (const theme of code.themes) codeIds.set(theme, created.id);
	}
	const secondResearcherCookie = secondResearcher.cookie;
	for (const { recordId, text, theme, index } of approved) {
		const marker = codePoints(FICTIONAL_MARKERS[FICTIONAL_TESTIMONIES[index].locale]) + 1;
		const end = codePoints(text);
		// The two researchers agree on most passages and differ on a few, so agreement has something to show.
		const codings: [string, number, string][] = [
			[researcher.cookie, marker, codeIds.get(theme)!],
			[
				secondResearcherCookie,
				index % 4 === 0 ? marker + Math.floor((end - marker) / 2) : marker,
				index % 7 === 0 ? codeIds.get('health')! : codeIds.get(theme)!
			]
		];
		for (const [cookie, start, codeId] of codings) {
			const response = await postJson(
				portal,
				'/staff/api/research/codings',
				{ recordId, field: '0.text', start, end, codeIds: [codeId] },
				cookie
			);
			await expectStatus(response, 201, 'A coding');
		}
	}

	// Blind coding keeps each coder's round to themselves until the team lead (the admin, also a
	// researcher) reveals it; revealed, the agreement page has figures to show.
	const revealed = await postJson(portal, '/staff/api/research/codings/reveal', { round: 1 }, admin.cookie);
	await expectStatus(revealed, 200, 'Revealing the coding round');

	writeRows(
		portal,
		`delete from setting where key in (${Object.keys(SEEDING_SETTINGS)
			.map(() => '?')
			.join(', ')})`,
		...Object.keys(SEEDING_SETTINGS)
	);
	return { accounts, receipts, testimonies: sent.length, voiceNotes: voiced.size, approved: approved.length };
}
