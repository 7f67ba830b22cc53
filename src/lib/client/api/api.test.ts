import { afterEach, describe, expect, it, vi } from 'vitest';
import * as accounts from './accounts';
import * as auth from './auth';
import * as channels from './channels';
import { ApiError, requestJson } from './http';
import * as intake from './intake';
import * as moderation from './moderation';
import * as receipts from './receipts';
import * as research from './research';

type Sent = { method: string; url: string; headers: Record<string, string>; body: unknown };

/** Answers every fetch with `answer` and keeps what was sent. */
function serve(answer: { status?: number; json?: unknown } = {}): Sent[] {
	const sent: Sent[] = [];
	vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
		sent.push({
			method: init.method ?? 'GET',
			url,
			headers: (init.headers ?? {}) as Record<string, string>,
			body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body
		});
		return new Response(JSON.stringify(answer.json ?? {}), { status: answer.status ?? 200 });
	});
	return sent;
}

afterEach(() => vi.unstubAllGlobals());

const JSON_HEADERS = { 'content-type': 'application/json' };
const PROOF = { ...JSON_HEADERS, 'x-proof': 'proof' };
const ID = 's'.repeat(22);

describe('the client API', () => {
	it.each([
		[
			'a proof challenge',
			() => intake.requestChallenge({ purpose: 'submission', subject: ID }),
			'POST',
			'/api/proofs',
			JSON_HEADERS
		],
		[
			'a testimony',
			() => intake.sendSubmission({ id: ID } as intake.SubmissionRequest, 'proof'),
			'POST',
			'/api/submissions',
			PROOF
		],
		['a receipt’s status', () => receipts.receiptStatus('token'), 'POST', '/api/receipts/status', JSON_HEADERS],
		[
			'a follow-up',
			() => receipts.sendFollowUp({ lookupToken: 'token', message: { id: ID } } as receipts.FollowUpRequest, 'proof'),
			'POST',
			'/api/receipts/messages',
			PROOF
		],
		['a withdrawal', () => receipts.withdrawTestimony('token', 'proof'), 'POST', '/api/receipts/withdraw', PROOF],
		['the login parameters', () => auth.loginParams('ada'), 'POST', '/staff/api/login/params', JSON_HEADERS],
		['a sign-out', () => auth.logOut(), 'POST', '/staff/api/logout', JSON_HEADERS],
		[
			'an invitation',
			() => accounts.inspectInvitation('token'),
			'POST',
			'/staff/api/invitations/inspect',
			JSON_HEADERS
		],
		['a new authenticator', () => accounts.startTotp(), 'POST', '/staff/api/account/totp/start', JSON_HEADERS],
		[
			'a rotation',
			() => channels.proposeChannelRotation('c1', { publicKey: 'pk', grants: [] }),
			'POST',
			'/staff/api/channels/c1/rotate',
			JSON_HEADERS
		],
		['a review mark', () => moderation.markInReview(ID), 'POST', `/staff/api/submissions/${ID}/review`, JSON_HEADERS],
		[
			'a rejection',
			() => moderation.rejectionStep(ID, { kind: 'undo_rejection' }),
			'POST',
			`/staff/api/submissions/${ID}/decision`,
			JSON_HEADERS
		],
		[
			'a code change',
			() => research.updateCode('code-1', {} as research.CodeRequest),
			'PUT',
			'/staff/api/research/codes/code-1',
			JSON_HEADERS
		],
		['a coding removal', () => research.removeCoding('coding-1'), 'DELETE', '/staff/api/research/codings/coding-1', {}]
	])('sends %s to its endpoint', async (_what, call, method, url, headers) => {
		const sent = serve();
		await call();
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ method, url });
		expect(sent[0].headers).toEqual(headers);
	});

	it('sends exactly the body it is given, or an empty object where the endpoint takes none', async () => {
		const sent = serve();
		await receipts.sendFollowUp({ lookupToken: 'token', message: { id: ID } } as receipts.FollowUpRequest, 'proof');
		await moderation.markInReview(ID);
		await accounts.finishTotp('123456');
		expect(sent.map((item) => item.body)).toEqual([
			{ lookupToken: 'token', message: { id: ID } },
			{},
			{ code: '123456' }
		]);
	});

	it('turns a refusal into an ApiError carrying the server’s sentence', async () => {
		serve({ status: 409, json: { message: 'Someone else saved this draft.' } });
		const refusal = moderation.saveDraft(ID, {} as moderation.DraftRequest);
		await expect(refusal).rejects.toEqual(new ApiError('Someone else saved this draft.', 409));
	});

	it('says the status when a refusal has no sentence', async () => {
		serve({ status: 502 });
		const failure = requestJson('POST', '/api/submissions', {});
		await expect(failure).rejects.toMatchObject({ message: 'Request failed (502).', status: 502 });
	});

	it('fetches a voice note’s ciphertext, or throws the server’s reason', async () => {
		serve({ status: 404, json: { message: 'No voice note with this id.' } });
		await expect(moderation.voiceNoteCiphertext('a1')).rejects.toThrow('No voice note with this id.');
	});
});

describe('uploadVoiceNote', () => {
	it('puts the bytes under the testimony with the lookup token and the proof, reporting progress', async () => {
		const requests: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
		class FakeRequest {
			upload = { onprogress: null as ((event: { loaded: number }) => void) | null };
			onload: (() => void) | null = null;
			status = 201;
			responseText = '{"stored":true}';
			#request = { method: '', url: '', headers: {} as Record<string, string>, body: null as unknown };
			open(method: string, url: string) {
				Object.assign(this.#request, { method, url });
			}
			setRequestHeader(name: string, value: string) {
				this.#request.headers[name] = value;
			}
			send(body: unknown) {
				this.#request.body = body;
				requests.push(this.#request);
				this.upload.onprogress?.({ loaded: 5 });
				this.onload?.();
			}
		}
		vi.stubGlobal('XMLHttpRequest', FakeRequest);
		const ciphertext = new ArrayBuffer(10);
		const progress: number[] = [];
		const note = { submissionId: ID, attachmentId: 'a'.repeat(22), ciphertext };
		const answer = await intake.uploadVoiceNote(note, 'lookup', 'proof', (sent) => progress.push(sent));
		expect(answer).toEqual({ stored: true });
		expect(requests).toEqual([
			{
				method: 'PUT',
				url: `/api/submissions/${ID}/attachments/${'a'.repeat(22)}`,
				headers: { 'content-type': 'application/octet-stream', 'x-receipt-lookup': 'lookup', 'x-proof': 'proof' },
				body: ciphertext
			}
		]);
		expect(progress).toEqual([5]);
	});
});
