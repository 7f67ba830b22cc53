import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
	deriveReceiptKeys,
	encryptSubmission,
	encryptVoiceNote,
	formatReceipt,
	fromBase64url,
	newReceipt,
	readyCrypto,
	sealToPublicKey,
	toBase64url,
	voiceNoteAdditionalData,
	type SubmissionAddress,
	type SubmissionAnswer
} from '$lib/crypto';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { codeRecords, expectStatus, moderate, type ApprovedRecord, type ModerationPlan } from './moderate';
import {
	enrolThroughApi,
	mintedProof,
	postJson,
	postSealedTestimony,
	readRows,
	staffCookie,
	writeRows,
	type PortalAddress,
	type ReceiptParts
} from './portal-api';
import { setupThroughApi } from './setup';
import { DEMO_REPLIES, FICTIONAL_TESTIMONIES, type FictionalTestimony } from './testimonies';

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

/** What moderation does with testimony `index`: about two in five approved, a few of each other outcome. */
export function moderationPlan(index: number, testimony: FictionalTestimony): ModerationPlan {
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function writeSeedingSettings(portal: PortalAddress, values: Record<string, string> | null): void {
	const keys = Object.keys(SEEDING_SETTINGS);
	if (!values) {
		writeRows(portal, `delete from setting where key in (${keys.map(() => '?').join(', ')})`, ...keys);
		return;
	}
	for (const [key, value] of Object.entries(values)) {
		const upsert = 'insert into setting (key, value) values (?, ?) on conflict(key) do update set value = ?';
		writeRows(portal, upsert, key, value, value);
	}
}

/** The first-run setup, then everyone else invited and granted the keys their role reads with. */
async function setUpStaff(portal: PortalAddress, setupLink: string) {
	const admin = await setupThroughApi(portal, setupLink, {
		...STAFF.admin,
		channelName: CHANNEL.name,
		country: CHANNEL.country
	});
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
	const grant = async (kind: 'channel' | 'corpus', member: typeof moderator) => {
		const [user] = readRows<{ id: string }>(
			portal,
			'select id from staff_user where username = ?',
			member.staff.username
		);
		const secret = kind === 'channel' ? admin.channelKeyPair.secretKey : admin.corpusKey;
		const sealedGrant = {
			kind,
			keyId: kind === 'channel' ? channelKey.id : corpusKey.id,
			userId: user.id,
			sealedKey: toBase64url(sealToPublicKey(secret, member.keyPair.publicKey))
		};
		const response = await postJson(portal, '/staff/api/grants', sealedGrant, admin.cookie);
		await expectStatus(response, 201, `Granting the ${kind} key to ${member.staff.username}`);
	};
	for (const member of [moderator, secondModerator]) {
		await grant('channel', member);
		await grant('corpus', member);
	}
	for (const member of [researcher, secondResearcher]) await grant('corpus', member);
	return { admin, accounts, moderator, secondModerator, researcher, secondResearcher, channelKey, corpusKey };
}

type VoiceNoteUpload = { attachmentId: string; ciphertext: Uint8Array };

/** The testimony's one answer, with its language's voice note sealed beside it when one ships. */
function answerOf(testimony: FictionalTestimony, withVoice: boolean) {
	const answer: SubmissionAnswer = { questionId: testimony.theme, questionVersion: 1, text: testimony.text };
	if (!withVoice) return { answer, voiceNote: null };
	const attachmentId = randomBytes(16).toString('base64url');
	const audio = new Uint8Array(fs.readFileSync(path.join(VOICE_NOTES_DIR, `${testimony.locale}.ogg`)));
	const sealed = encryptVoiceNote(audio, voiceNoteAdditionalData(attachmentId));
	answer.voice = {
		attachmentId,
		key: toBase64url(sealed.key),
		header: toBase64url(sealed.header),
		mimeType: 'audio/ogg;codecs=opus',
		seconds: oggOpusSeconds(audio)
	};
	return { answer, voiceNote: { attachmentId, ciphertext: sealed.ciphertext } as VoiceNoteUpload };
}

async function uploadVoiceNote(
	portal: PortalAddress,
	submissionId: string,
	note: VoiceNoteUpload,
	receipt: ReceiptParts
) {
	const response = await fetch(`${portal.origin}/api/submissions/${submissionId}/attachments/${note.attachmentId}`, {
		method: 'PUT',
		headers: {
			'content-type': 'application/octet-stream',
			'x-receipt-lookup': toBase64url(receipt.lookupToken),
			[PROOF_HEADER]: await mintedProof(portal.origin, 'attachment', note.attachmentId)
		},
		body: Buffer.from(note.ciphertext)
	});
	await expectStatus(response, 201, 'A voice note upload');
}

/**
 * Every fictional testimony sealed and sent as a survivor's browser sends it, the first of each
 * language with a shipped voice note carrying it. Testimonies that get a reply have a real receipt,
 * printed so that the survivor's side can be tried too.
 */
async function sendTestimonies(portal: PortalAddress, address: SubmissionAddress) {
	const [deploymentSalt] = readRows<{ value: string }>(
		portal,
		"select value from setting where key = 'deployment_salt'"
	);
	const receipts: DemoReceipt[] = [];
	const voiced = new Set<string>();
	const sent: { id: string; testimony: FictionalTestimony; index: number }[] = [];
	for (const [index, testimony] of FICTIONAL_TESTIMONIES.entries()) {
		const withVoice =
			!voiced.has(testimony.locale) && fs.existsSync(path.join(VOICE_NOTES_DIR, `${testimony.locale}.ogg`));
		if (withVoice) voiced.add(testimony.locale);
		const { answer, voiceNote } = answerOf(testimony, withVoice);
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
		let receipt: ReceiptParts = { lookupToken: randomBytes(32), replyPublicKey: randomBytes(32) };
		if (moderationPlan(index, testimony).reply) {
			const digits = newReceipt();
			const keys = deriveReceiptKeys(digits, fromBase64url(deploymentSalt.value));
			receipts.push({ receipt: formatReceipt(digits), locale: testimony.locale });
			receipt = { lookupToken: keys.lookupToken, replyPublicKey: keys.replyKeyPair.publicKey };
		}
		const posted = await postSealedTestimony(portal, address, envelope, receipt, {
			attachments: voiceNote ? [{ id: voiceNote.attachmentId, bytes: voiceNote.ciphertext.length }] : []
		});
		if (posted.status !== 201) throw new Error(`A testimony was refused: ${posted.status} ${posted.answer}`);
		if (voiceNote) await uploadVoiceNote(portal, posted.id, voiceNote, receipt);
		sent.push({ id: posted.id, testimony, index });
	}
	return { sent, receipts, voiceNotes: voiced.size };
}

/** Seeds the portal that printed `setupLink`; returns the accounts and receipts to print. */
export async function seedDemo(portal: PortalAddress, setupLink: string, log: (line: string) => void) {
	await readyCrypto();
	writeSeedingSettings(portal, SEEDING_SETTINGS);
	// The intake budgets are cached for a second.
	await sleep(1100);

	log('Setting up the portal and its staff accounts…');
	const staff = await setUpStaff(portal, setupLink);
	const { admin, channelKey, corpusKey } = staff;

	log(`Sealing ${FICTIONAL_TESTIMONIES.length} fictional testimonies with voice notes…`);
	const { sent, receipts, voiceNotes } = await sendTestimonies(portal, {
		channelId: admin.channelId,
		channelKeyVersion: channelKey.version,
		channelPublicKey: admin.channelKeyPair.publicKey
	});

	log('Moderating: redactions, replies, decisions…');
	const desk = {
		country: CHANNEL.country,
		moderator: { username: STAFF.moderator.username, cookie: staff.moderator.cookie },
		secondModeratorCookie: await staffCookie(portal, staff.secondModerator.staff),
		channel: { publicKey: admin.channelKeyPair.publicKey, keyVersion: channelKey.version },
		corpus: { key: admin.corpusKey, version: corpusKey.version }
	};
	const approved: ApprovedRecord[] = [];
	for (const testimony of sent) {
		const record = await moderate(portal, desk, testimony, moderationPlan(testimony.index, testimony.testimony));
		if (record) approved.push(record);
	}

	log(`Coding ${approved.length} research records by two researchers…`);
	await codeRecords(portal, [staff.researcher.cookie, staff.secondResearcher.cookie], approved);
	// Blind coding keeps each coder's round to themselves until the team lead (the admin, also a
	// researcher) reveals it; revealed, the agreement page has figures to show.
	const revealed = await postJson(portal, '/staff/api/research/codings/reveal', { round: 1 }, admin.cookie);
	await expectStatus(revealed, 200, 'Revealing the coding round');

	writeSeedingSettings(portal, null);
	return { accounts: staff.accounts, receipts, testimonies: sent.length, voiceNotes, approved: approved.length };
}
