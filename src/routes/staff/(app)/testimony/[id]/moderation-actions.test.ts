import { describe, expect, it } from 'vitest';
import type * as api from '$lib/client/api/moderation';
import { ApiError } from '$lib/client/api/http';
import type { SubmissionPayload } from '$lib/crypto';
import { emptyDraft } from '$lib/moderation/draft';
import { staffDictionary } from '$lib/server/i18n/staff';
import { staffTranslator } from '$lib/staff-i18n';
import { ModerationActions, type ModerationServices, type TestimonyView } from './moderation-actions.svelte';
import { ModerationWork } from './moderation.svelte';

/** The page's notices as an English reader sees them. */
const english = staffTranslator(staffDictionary('en'));
const SEALED = { nonce: 'n', ciphertext: 'c', sealedDataKey: 'k' };
const FOLLOW_UP_VOICE = { attachmentId: 'v'.repeat(22), key: 'k', header: 'h', mimeType: 'audio/webm', seconds: 12 };

const payload = (text: string, kind: SubmissionPayload['kind'] = 'testimony'): SubmissionPayload => ({
	v: 1,
	kind,
	locale: 'en',
	consent: { research: true, quote: false, replies: true },
	answers:
		kind === 'message'
			? [
					{ questionId: 'message', questionVersion: 1, text },
					{ questionId: 'message', questionVersion: 1, text: '', voice: FOLLOW_UP_VOICE }
				]
			: [{ questionId: 'journey', questionVersion: 1, text }]
});

function testimonyView(changes: Partial<TestimonyView> = {}): TestimonyView {
	return {
		id: 't'.repeat(22),
		status: 'new',
		receivedDay: '2025-03-01',
		channel: { id: 'channel', name: 'Helpline', country: 'IT' },
		envelope: { formatVersion: 1, channelKeyId: 7, ...SEALED },
		replyPublicKey: 'reply-key',
		keys: { 7: { version: 2, publicKey: 'pk', sealedSecretKey: 'sealed-sk' } },
		currentChannelKeyId: 7,
		draft: null,
		attachments: [],
		thread: [
			{ id: 'm1', direction: 'from_survivor', sentDay: '2025-03-02', channelKeyId: 7, formatVersion: 1, ...SEALED },
			{
				id: 'm2',
				direction: 'to_survivor',
				sentDay: '2025-03-03',
				channelKeyId: null,
				formatVersion: 1,
				nonce: null,
				ciphertext: '',
				sealedDataKey: null
			}
		],
		corpus: { id: 1, version: 3, sealedKey: 'sealed-corpus-key' },
		researchRecord: false,
		rejection: null,
		rejectionLosses: { voiceNotes: 0, messages: 0 },
		rejectedGraceDays: 30,
		rejectionLimit: { used: 0, perDay: 10, otherModerators: 1 },
		...changes
	} as TestimonyView;
}

type Options = { saveFails?: ApiError; rejection?: api.RejectionAnswer };

/** A testimony page without a browser: the worker opens stand-in payloads, the server answers as told. */
function testimonyPage(view: TestimonyView, { saveFails, rejection }: Options = {}) {
	const work = new ModerationWork(() => 'moderator-1');
	const sent: { call: string; body?: unknown }[] = [];
	const worker = {
		async call(op: string, argument: { envelope?: unknown; text?: string }) {
			if (op === 'staff.openSubmission') {
				const main = argument.envelope === view.envelope;
				return main ? payload('We crossed at night.') : payload('One more thing.', 'message');
			}
			if (op === 'staff.sealDraft' || op === 'staff.sealResearchRecord') return SEALED;
			if (op === 'staff.sealReply') return { sealedReply: `sealed:${argument.text}` };
			throw new Error(`unexpected ${op}`);
		}
	} as ModerationServices['worker'];
	let reloads = 0;
	const services: ModerationServices = {
		worker,
		api: {
			markInReview: async () => ({ status: 'in_review' }),
			async saveDraft(_id, body) {
				sent.push({ call: 'draft', body });
				if (saveFails) throw saveFails;
				return { version: body.expectedVersion + 1 };
			},
			async sendReply(_id, sealedReply) {
				sent.push({ call: 'reply', body: sealedReply });
				return { id: 'reply' };
			},
			async decide(_id, body) {
				sent.push({ call: 'decision', body });
				return { status: body.kind === 'approve' ? 'approved' : 'waiting' };
			},
			async rejectionStep(_id, body) {
				sent.push({ call: 'rejection', body });
				return rejection ?? { state: 'rejected', deleteOn: '2025-04-01' };
			}
		},
		text: english,
		refreshDecision: async () => void reloads++,
		async sealCorpusImage(reference, boxes, address) {
			sent.push({ call: 'image', body: { attachmentId: reference.attachmentId, boxes, address } });
			return { nonce: 'image-nonce', ciphertext: `image:${reference.attachmentId}` };
		}
	};
	const actions = new ModerationActions(
		work,
		() => ({ view, decision: view, domains: { journey: 'recruitment' } }),
		services
	);
	return { work, actions, sent, reloads: () => reloads };
}

const VOICE_ID = 'v'.repeat(22);

const voiceAttachment = (changes: { present?: boolean; confirmed?: boolean } = {}) => ({
	id: VOICE_ID,
	bytes: 4000,
	messageId: null,
	present: changes.present ?? true,
	transcriptConfirmed: changes.confirmed ?? false
});

/** A testimony answered by voice, whose transcript the moderator has typed in the draft. */
async function withTranscribedVoiceNote(changes: { present?: boolean; confirmed?: boolean } = {}) {
	const page = testimonyPage(testimonyView({ attachments: [voiceAttachment(changes)] }));
	await page.actions.load();
	const spoken = {
		...payload(''),
		answers: [{ questionId: 'journey', questionVersion: 1, text: '', voice: FOLLOW_UP_VOICE }]
	};
	page.work.payload = spoken;
	page.work.setField('journey', 'transcript', 'We crossed at night, by boat.');
	page.work.draft.reviewed = true;
	return page;
}

const file = (attachmentId: string, kind: 'image' | 'document') => ({
	attachmentId,
	key: 'k',
	header: 'h',
	kind,
	mimeType: kind === 'image' ? ('image/jpeg' as const) : ('application/pdf' as const),
	bytes: 1000
});

describe('photos on approval', () => {
	it('seals only the photos included, each blacked out with its own boxes, and never a document', async () => {
		const page = testimonyPage(testimonyView());
		await page.actions.load();
		const [included, left, document] = [
			file('a'.repeat(22), 'image'),
			file('b'.repeat(22), 'image'),
			file('c'.repeat(22), 'document')
		];
		page.work.payload = { ...page.work.payload!, files: [included, left, document] };
		const boxes = [{ x: 1, y: 2, width: 30, height: 40 }];
		page.work.setImageRedaction(included.attachmentId, { boxes, include: true });
		page.work.setImageRedaction(left.attachmentId, { boxes, include: false });
		page.work.setImageRedaction(document.attachmentId, { boxes: [], include: true });
		page.work.draft.reviewed = true;
		await page.actions.decide('approve');

		const sealing = page.sent.filter((item) => item.call === 'image');
		const decision = page.sent.find((item) => item.call === 'decision')!.body as api.DecisionRequest & {
			kind: 'approve';
		};
		expect(sealing).toEqual([
			{
				call: 'image',
				body: {
					attachmentId: included.attachmentId,
					boxes,
					address: {
						imageId: expect.any(String),
						recordId: decision.record.id,
						corpusKeyVersion: 3,
						sealedCorpusKey: 'sealed-corpus-key'
					}
				}
			}
		]);
		expect(decision.record.images).toEqual([
			{
				id: (sealing[0].body as { address: { imageId: string } }).address.imageId,
				nonce: 'image-nonce',
				ciphertext: `image:${included.attachmentId}`,
				boxes: 1
			}
		]);
	});

	it('keeps the boxes and the choice in the draft it saves, and includes nothing by default', async () => {
		const page = testimonyPage(testimonyView());
		await page.actions.load();
		expect(page.work.imageRedaction('a'.repeat(22))).toEqual({ boxes: [], include: false });
		page.work.setImageRedaction('a'.repeat(22), { boxes: [{ x: 0, y: 0, width: 8, height: 8 }], include: true });
		expect(page.work.dirty).toBe(true);
		expect(page.work.draft.images).toEqual({
			['a'.repeat(22)]: { boxes: [{ x: 0, y: 0, width: 8, height: 8 }], include: true }
		});
	});
});

describe('photos in a colleague’s draft', () => {
	it('seal only the boxes the page lists: anything else in the draft is dropped', async () => {
		const page = testimonyPage(testimonyView());
		await page.actions.load();
		const photo = file('d'.repeat(22), 'image');
		page.work.payload = { ...page.work.payload!, files: [photo] };
		const box = { x: 3, y: 4, width: 10, height: 10 };
		const draftBoxes = [{ x: 1 }, box, 'box', null] as unknown as (typeof box)[];
		page.work.setImageRedaction(photo.attachmentId, { boxes: draftBoxes, include: true });
		expect(page.work.includedImages).toEqual([{ reference: photo, boxes: [box] }]);
	});
});

describe('ModerationActions', () => {
	it('opens the testimony and the survivor’s follow-ups with their voice notes, starts an empty draft, and marks it in review', async () => {
		const page = testimonyPage(testimonyView());
		await page.actions.load();
		await Promise.resolve();
		expect(page.actions.problem).toBe('');
		expect(page.work.payload?.answers[0].text).toBe('We crossed at night.');
		expect(page.work.draft).toEqual(emptyDraft('IT'));
		const followUp = {
			id: 'm1',
			direction: 'from_survivor',
			sentDay: '2025-03-02',
			text: 'One more thing.',
			voices: [FOLLOW_UP_VOICE]
		};
		expect(page.actions.thread).toEqual([followUp]);
		expect(page.actions.shownStatus).toBe('in_review');
	});

	it('says so when this moderator does not hold the channel key', async () => {
		const page = testimonyPage(testimonyView({ keys: { 7: { version: 2, publicKey: 'pk', sealedSecretKey: null } } }));
		await page.actions.load();
		expect(page.work.payload).toBeNull();
		expect(page.actions.problem).toMatch(/do not hold the channel key/);
	});

	it('saves the draft against the version it opened, with the transcripts it confirms', async () => {
		const page = await withTranscribedVoiceNote();
		page.work.redact('night', 'OTHER');
		expect(await page.actions.save()).toBe(true);
		expect(page.sent).toEqual([
			{
				call: 'draft',
				body: { expectedVersion: 0, channelKeyVersion: 2, ...SEALED, confirmedTranscripts: [VOICE_ID] }
			}
		]);
		expect(page.work.draftVersion).toBe(1);
		expect(page.work.dirty).toBe(false);
		expect(page.actions.notice).toBe('Saved, encrypted for this channel’s moderators.');
	});

	it('confirms a written transcript when the moderator approves without pressing "Save draft"', async () => {
		const page = await withTranscribedVoiceNote();
		await page.actions.decide('approve');
		expect(page.sent.map((item) => item.call)).toEqual(['draft', 'decision']);
		expect(page.sent[0].body).toMatchObject({ confirmedTranscripts: [VOICE_ID] });
	});

	it('confirms a transcript on approval even when the draft was saved before without it', async () => {
		const page = await withTranscribedVoiceNote();
		page.work.dirty = false;
		await page.actions.decide('approve');
		expect(page.sent.map((item) => item.call)).toEqual(['draft', 'decision']);
		expect(page.sent[0].body).toMatchObject({ confirmedTranscripts: [VOICE_ID] });
	});

	it('does not save again on approval once the transcript is confirmed and nothing changed', async () => {
		const page = await withTranscribedVoiceNote({ confirmed: true });
		page.work.dirty = false;
		await page.actions.decide('approve');
		expect(page.sent.map((item) => item.call)).toEqual(['decision']);
	});

	it('confirms no transcript of a voice note that never arrived or has no transcript', async () => {
		const page = await withTranscribedVoiceNote({ present: false });
		expect(await page.actions.save()).toBe(true);
		expect(page.sent[0].body).toMatchObject({ confirmedTranscripts: [] });
		const untranscribed = testimonyPage(testimonyView({ attachments: [voiceAttachment()] }));
		await untranscribed.actions.load();
		untranscribed.work.redact('night', 'OTHER');
		expect(await untranscribed.actions.save()).toBe(true);
		expect(untranscribed.sent[0].body).toMatchObject({ confirmedTranscripts: [] });
	});

	it('keeps the changes and shows the server’s reason when someone saved in between', async () => {
		const page = testimonyPage(testimonyView(), { saveFails: new ApiError('Someone else saved this draft.', 409) });
		await page.actions.load();
		page.work.redact('night', 'OTHER');
		expect(await page.actions.save()).toBe(false);
		expect(page.actions.problem).toBe('Someone else saved this draft.');
		expect(page.work.dirty).toBe(true);
		expect(page.work.draftVersion).toBe(0);
		expect(page.actions.busy).toBe(false);
	});

	it('sends a reply sealed to the survivor, keeps it in the draft and saves the draft', async () => {
		const page = testimonyPage(testimonyView());
		await page.actions.load();
		page.actions.replyText = '  Thank you for writing.  ';
		await page.actions.sendReply();
		expect(page.sent.map((item) => item.call)).toEqual(['reply', 'draft']);
		expect(page.sent[0].body).toBe('sealed:Thank you for writing.');
		expect(page.work.draft.sentReplies).toEqual([{ at: expect.any(String), text: 'Thank you for writing.' }]);
		expect(page.actions.replyText).toBe('');
		expect(page.actions.notice).toBe('Reply sent. The survivor reads it with their receipt number.');
	});

	it('approves only once every suggestion is handled and the moderator checked the testimony', async () => {
		const page = testimonyPage(testimonyView());
		page.work.payload = payload('Marco Rossi took my passport.');
		expect(page.actions.canApprove).toBe(false);
		page.work.redact('Marco Rossi', 'NAME');
		expect(page.actions.canApprove).toBe(false);
		page.work.draft.reviewed = true;
		expect(page.actions.canApprove).toBe(true);
		expect(testimonyPage(testimonyView({ corpus: null })).actions.canApprove).toBe(false);
	});

	it('saves a changed draft before approving, then sends the research record sealed under the corpus key', async () => {
		const page = testimonyPage(testimonyView());
		await page.actions.load();
		page.work.redact('night', 'OTHER');
		await page.actions.decide('approve');
		expect(page.sent.map((item) => item.call)).toEqual(['draft', 'decision']);
		const record = { id: expect.any(String), corpusKeyVersion: 3, ...SEALED, images: [] };
		expect(page.sent[1].body).toEqual({ kind: 'approve', record });
		expect(page.actions.notice).toBe('Decision recorded: Approved.');
		expect(page.reloads()).toBe(1);
	});

	it('records no decision when the draft could not be saved first', async () => {
		const saveFails = new ApiError('The channel key changed. Reload the page.', 409);
		const page = testimonyPage(testimonyView(), { saveFails });
		await page.actions.load();
		page.work.redact('night', 'OTHER');
		await page.actions.decide('waiting');
		expect(page.sent.map((item) => item.call)).toEqual(['draft']);
		expect(page.actions.problem).toBe('The channel key changed. Reload the page.');
	});

	it('rejects with the chosen reason and says when the testimony will be deleted', async () => {
		const page = testimonyPage(testimonyView());
		page.actions.rejectReason = 'spam';
		await page.actions.rejectionStep('reject');
		expect(page.sent).toEqual([{ call: 'rejection', body: { kind: 'reject', reason: 'spam' } }]);
		expect(page.actions.notice).toBe(
			'Rejected. It will be deleted on 2025-04-01 unless a moderator of this channel undoes it.'
		);
	});

	it('only proposes a rejection past the daily limit, and says when nobody can confirm it', async () => {
		const view = testimonyView({ rejectionLimit: { used: 10, perDay: 10, otherModerators: 0 } });
		const page = testimonyPage(view, { rejection: { state: 'proposed', limit: 10, otherModerators: 0 } });
		page.actions.askToReject('reject');
		expect(page.actions.onlyProposal).toBe(true);
		page.actions.askToReject('confirm_rejection');
		expect(page.actions.onlyProposal).toBe(false);
		await page.actions.rejectionStep('reject');
		expect(page.actions.notice).toMatch(/^Rejection proposed\. You have made 10 or more rejections in 24 hours/);
		expect(page.actions.notice).toMatch(/This channel has no other moderator/);
	});

	it('names what a rejection deletes', () => {
		expect(testimonyPage(testimonyView()).actions.losses).toBe('this testimony');
		const view = testimonyView({ rejectionLosses: { voiceNotes: 2, messages: 1 } });
		expect(testimonyPage(view).actions.losses).toBe('this testimony, its 2 voice notes and 1 message');
	});
});
