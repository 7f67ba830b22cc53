import { randomUUID } from 'node:crypto';
import {
	encryptJson,
	moderationDraftAdditionalData,
	researchRecordAdditionalData,
	sealJsonToChannel,
	toBase64url
} from '$lib/crypto';
import { emptyDraft, type ModerationDraft, type Redaction } from '$lib/moderation/draft';
import { applyRedactions } from '$lib/moderation/redact';
import type { ResearchRecordV1 } from '$lib/research/corpus-record';
import { postJson, sendReply, type PortalAddress } from './portal-api';
import { FICTIONAL_MARKERS, FICTIONAL_TESTIMONIES, type FictionalTestimony } from './testimonies';

/*
 * The demo's moderators and researchers at work, over the staff API as their browsers would:
 * drafts sealed to the channel, research records sealed under the corpus key, codings.
 */

export async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
	if (response.status !== status) throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
	return response;
}

export type ModerationPlan = {
	approve: boolean;
	redact: boolean;
	reject: boolean;
	waiting: boolean;
	reply: string | null;
};

/** The keys and sessions moderation works with. */
export type ModerationDesk = {
	country: string;
	moderator: { username: string; cookie: string };
	secondModeratorCookie: string;
	channel: { publicKey: Uint8Array; keyVersion: number };
	corpus: { key: Uint8Array; version: number };
};

export type ApprovedRecord = { recordId: string; text: string; theme: string; index: number };

function draftFor(desk: ModerationDesk, plan: ModerationPlan, redactions: Redaction[]): ModerationDraft {
	const at = new Date().toISOString();
	return {
		...emptyDraft(desk.country),
		redactions,
		log: redactions.map(({ text, replacement }) => ({
			at,
			by: desk.moderator.username,
			action: 'redact' as const,
			text,
			replacement
		})),
		sentReplies: plan.reply ? [{ at, text: plan.reply }] : [],
		reviewed: plan.approve
	};
}

function researchRecord(
	desk: ModerationDesk,
	testimony: FictionalTestimony,
	text: string,
	index: number
): ResearchRecordV1 {
	return {
		v: 1,
		kind: 'research-record',
		locale: testimony.locale,
		mode: 'guided',
		country: desk.country,
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
}

/** One testimony through moderation as `plan` says; returns its research record when approved. */
export async function moderate(
	portal: PortalAddress,
	desk: ModerationDesk,
	sent: { id: string; testimony: FictionalTestimony; index: number },
	plan: ModerationPlan
): Promise<ApprovedRecord | null> {
	const { id, testimony, index } = sent;
	const route = `/staff/api/submissions/${id}`;
	const cookie = desk.moderator.cookie;
	if (plan.reply) await sendReply(portal, cookie, id, plan.reply);
	const redactions: Redaction[] =
		plan.redact && testimony.name ? [{ text: testimony.name, replacement: '[NAME]', category: 'NAME' }] : [];
	if (redactions.length || plan.approve || plan.reply) {
		const sealed = sealJsonToChannel(
			draftFor(desk, plan, redactions),
			desk.channel.publicKey,
			moderationDraftAdditionalData(id, desk.channel.keyVersion, 1)
		);
		const upload = {
			expectedVersion: 0,
			channelKeyVersion: desk.channel.keyVersion,
			nonce: toBase64url(sealed.nonce),
			ciphertext: toBase64url(sealed.ciphertext),
			sealedDataKey: toBase64url(sealed.sealedDataKey)
		};
		await expectStatus(await postJson(portal, `${route}/draft`, upload, cookie), 200, 'Saving a moderation draft');
	}
	if (plan.approve) {
		const recordId = randomUUID();
		const text = applyRedactions(testimony.text, redactions);
		const record = researchRecord(desk, testimony, text, index);
		const sealed = encryptJson(record, desk.corpus.key, researchRecordAdditionalData(recordId, desk.corpus.version));
		const decision = {
			kind: 'approve',
			record: {
				id: recordId,
				corpusKeyVersion: desk.corpus.version,
				nonce: toBase64url(sealed.nonce),
				ciphertext: toBase64url(sealed.ciphertext)
			}
		};
		await expectStatus(await postJson(portal, `${route}/decision`, decision, cookie), 200, 'An approval');
		return { recordId, text, theme: testimony.theme, index };
	}
	if (plan.reject) {
		// Within a moderator's daily limit a rejection takes effect at once (and may be undone for a while).
		const rejecter = index % 2 === 0 ? cookie : desk.secondModeratorCookie;
		const rejection = { kind: 'reject', reason: 'out_of_scope' };
		await expectStatus(await postJson(portal, `${route}/decision`, rejection, rejecter), 200, 'A rejection');
	} else if (plan.waiting) {
		await expectStatus(
			await postJson(portal, `${route}/decision`, { kind: 'waiting' }, cookie),
			200,
			'Asking for more'
		);
	}
	return null;
}

const CODES = [
	{ name: 'Papers and permits', colour: '#1f6f8b', theme: 'rights' },
	{ name: 'Housing conditions', colour: '#8b5a1f', theme: 'housing' },
	{ name: 'Exploitation at work', colour: '#8b1f3a', theme: 'work' },
	{ name: 'Learning and training', colour: '#2f7d32', theme: 'education' },
	{ name: 'Support that helped', colour: '#5b3f8b', theme: 'health' },
	{ name: 'Fear and safety', colour: '#4a4a55', theme: 'safety' }
];

const codePoints = (text: string) => [...text].length;

/**
 * A codebook of one code per theme, then both researchers code every approved record; they
 * agree on most passages and differ on a few, so that agreement has something to show.
 */
export async function codeRecords(
	portal: PortalAddress,
	researcherCookies: [string, string],
	approved: ApprovedRecord[]
): Promise<void> {
	const [first, second] = researcherCookies;
	const codeIds = new Map<string, string>();
	for (const { name, colour, theme } of CODES) {
		const code = { parentId: null, name, colour, description: '', inclusion: '', exclusion: '', example: '' };
		const response = await expectStatus(
			await postJson(portal, '/staff/api/research/codes', code, first),
			201,
			'Creating a code'
		);
		codeIds.set(theme, ((await response.json()) as { code: { id: string } }).code.id);
	}
	for (const { recordId, text, theme, index } of approved) {
		const start = codePoints(FICTIONAL_MARKERS[FICTIONAL_TESTIMONIES[index].locale]) + 1;
		const end = codePoints(text);
		const codings: [string, number, string][] = [
			[first, start, codeIds.get(theme)!],
			[
				second,
				index % 4 === 0 ? start + Math.floor((end - start) / 2) : start,
				codeIds.get(index % 7 === 0 ? 'health' : theme)!
			]
		];
		for (const [cookie, from, codeId] of codings) {
			const coding = { recordId, field: '0.text', start: from, end, codeIds: [codeId] };
			await expectStatus(await postJson(portal, '/staff/api/research/codings', coding, cookie), 201, 'A coding');
		}
	}
}
