import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeCorpusFrame } from '$lib/research/corpus-frame';
import { fakeWorker, plaintext, sealed, serveCorpus } from './opening-testing';
import { amina, code, coding, jonas, workspaceData } from './testing';
import { ResearchWorkspace } from './workspace.svelte';

const worker = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/client/crypto-client', () => ({ cryptoWorker: worker }));
// The stand-ins for people and places that have left the directory are in the staff member's words.
vi.mock('$app/state', async () => {
	const { staffDictionary } = await import('$lib/server/i18n/staff');
	return { page: { data: { staffMessages: staffDictionary('en') } } };
});

const calls = (op: string) => worker.call.mock.calls.filter((call) => call[0] === op).map((call) => call[1]);

beforeEach(() => {
	worker.call.mockReset();
	fakeWorker(worker);
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('opening the corpus', () => {
	it('fetches the corpus page by page, decrypts it in the worker and keeps the records with their metadata', async () => {
		const fetchMock = serveCorpus(
			[
				{ keys: { 1: 'sealed-1' }, records: [sealed('r1', '2026-03', plaintext('FR', 'Un foyer loin de tout.'))] },
				{
					keys: { 2: 'sealed-2' },
					records: [
						sealed('r2', '2026-04', plaintext('IT', 'Nessun contratto.'), 2),
						sealed('r3', '2026-04', plaintext('BE', 'x'), 3)
					]
				}
			],
			3
		);
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData({ codings: [coding('r1', 'housing', amina.id, 0, 5)] }));
		await workspace.open();

		expect(workspace.status).toBe('open');
		expect(fetchMock.mock.calls.map((call) => call[0])).toEqual([
			'/staff/api/research/corpus',
			'/staff/api/research/corpus?after=1'
		]);
		expect(workspace.records.map((item) => [item.id, item.month, item.country, item.answers[0].text])).toEqual([
			['r1', '2026-03', 'FR', 'Un foyer loin de tout.'],
			['r2', '2026-04', 'IT', 'Nessun contratto.']
		]);
		expect(workspace.recordsById.get('r2')?.context).toEqual({ ageBand: '25-34' });
		// r3 is sealed under a corpus key this reader was not given.
		expect(workspace.unreadable).toBe(1);
		expect(workspace.progress).toEqual({ done: 3, total: 3 });
		const opened = calls('research.openCorpus') as { keys: Record<number, string>; reset: boolean }[];
		expect(opened.map((call) => [call.reset, Object.keys(call.keys)])).toEqual([
			[true, ['1']],
			[false, ['1', '2']]
		]);
		expect(calls('research.setCodings')).toEqual([{ codings: [{ recordId: 'r1', coderId: amina.id }] }]);
	});

	it('hands the worker each page whole, as the server sent it, without copying it', async () => {
		const records = (from: number, count: number) =>
			Array.from({ length: count }, (_, index) =>
				sealed(`r${from + index}`, '2026-01', plaintext('FR', `Texte ${from + index}`))
			);
		const pages = [
			{ keys: { 1: 'sealed-1' }, records: records(0, 500) },
			{ keys: { 1: 'sealed-1' }, records: records(500, 1) }
		];
		serveCorpus(pages, 501);
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData());
		await workspace.open();

		const sent = worker.call.mock.calls.filter((call) => call[0] === 'research.openCorpus');
		expect(sent).toHaveLength(2);
		for (const [index, [, argument, transfer]] of sent.entries()) {
			const { page } = argument as { page: ArrayBuffer };
			const frame = encodeCorpusFrame(pages[index].keys, pages[index].records, {
				total: 501,
				next: index === 0 ? '1' : null
			});
			expect(new Uint8Array(page)).toEqual(frame);
			// Handed over, not cloned: the page's buffer is the one in the transfer list.
			expect(transfer).toEqual([page]);
		}
		expect(workspace.records).toHaveLength(501);
		expect(workspace.records[500].answers[0].text).toBe('Texte 500');
	});

	it('says why when the corpus cannot be fetched, and opens only once at a time', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => new Response('', { status: 503 }))
		);
		const workspace = new ResearchWorkspace();
		await workspace.open();
		expect(workspace.status).toBe('failed');
		expect(workspace.problem).toBe('The corpus could not be fetched (503).');

		serveCorpus([{ keys: { 1: 'sealed-1' }, records: [sealed('r1', '2026-03', plaintext('FR', 'x'))] }], 1);
		await workspace.open();
		await workspace.open();
		expect(workspace.status).toBe('open');
		expect(calls('research.openCorpus')).toHaveLength(1);
	});

	it('forgets every record on close, here and in the worker', async () => {
		serveCorpus([{ keys: { 1: 'sealed-1' }, records: [sealed('r1', '2026-03', plaintext('FR', 'x'))] }], 1);
		const workspace = new ResearchWorkspace();
		await workspace.open();
		await workspace.close();
		expect(workspace.records).toEqual([]);
		expect(workspace.status).toBe('closed');
		expect(calls('research.close')).toHaveLength(1);
	});
});

describe('what the workspace derives', () => {
	const workspace = new ResearchWorkspace();
	workspace.update(
		workspaceData({
			codes: [code('work', 'Work', 1), code('housing', 'Housing', 0), code('deposit', 'Deposit', 0, 'housing')]
		})
	);

	it('names codes by their path, and coders, channels and sessions by the directory', () => {
		expect(workspace.codePath('deposit')).toBe('Housing › Deposit');
		expect(workspace.codePath('gone')).toBe('');
		expect(workspace.coderName(jonas.id)).toBe('jonas.r');
		expect(workspace.coderName('someone-who-left')).toBe('former coder');
		expect(workspace.channelName('channel-lyon')).toBe('Lyon partner');
		expect(workspace.channelName('closed-channel')).toBe('channel');
		expect(workspace.sessionLabel('session-1')).toBe('Lyon workshop');
		expect(workspace.sessionLabel('old-session')).toBe('session');
		expect(workspace.sessionLabel(null)).toBe('');
	});

	it('lists the values the open records take, sorted, months newest first', () => {
		const base = {
			channelId: 'c',
			country: 'FR',
			locale: 'fr',
			sessionId: null,
			consentToQuote: true,
			group: null,
			translationLocale: 'en'
		};
		workspace.records = [
			{ ...base, id: 'a', month: '2026-01', context: { gender: 'woman' }, answers: [] },
			{
				...base,
				id: 'b',
				month: '2026-03',
				country: 'BE',
				sessionId: 's2',
				context: { ageBand: '25-34' },
				answers: []
			},
			{ ...base, id: 'c', month: '2026-02', locale: 'ar', sessionId: 's1', context: {}, answers: [] }
		];
		expect(workspace.attributes).toMatchObject({
			countries: ['BE', 'FR'],
			locales: ['ar', 'fr'],
			sessions: ['s1', 's2'],
			months: ['2026-03', '2026-02', '2026-01'],
			contextKeys: ['ageBand', 'gender']
		});
	});
});

describe('codings and memos', () => {
	function respond(answer: unknown) {
		const fetchMock = vi.fn<(url: string, init: RequestInit) => Promise<Response>>(
			async () => new Response(JSON.stringify(answer))
		);
		vi.stubGlobal('fetch', fetchMock);
		return fetchMock;
	}

	it('adds the codings the server stored, once each', async () => {
		const workspace = new ResearchWorkspace();
		const known = coding('r1', 'housing', amina.id, 0, 4);
		workspace.update(workspaceData({ codings: [known] }));
		const added = coding('r1', 'work', amina.id, 0, 4);
		const fetchMock = respond({ codings: [known, added] });
		await workspace.addCodings('r1', '0.text', 0, 4, ['housing', 'work']);
		expect(JSON.parse(fetchMock.mock.calls[0][1].body as string)).toEqual({
			recordId: 'r1',
			field: '0.text',
			start: 0,
			end: 4,
			codeIds: ['housing', 'work']
		});
		expect(workspace.codings).toEqual([known, added]);
	});

	it('removes and recodes a coding once the server agrees', async () => {
		const workspace = new ResearchWorkspace();
		const first = coding('r1', 'housing', amina.id, 0, 4);
		const second = coding('r1', 'work', amina.id, 5, 9);
		workspace.update(workspaceData({ codings: [first, second] }));
		const fetchMock = respond({});
		await workspace.recode(first.id, 'work');
		await workspace.removeCoding(second.id);
		expect(fetchMock.mock.calls.map(([url, init]) => [init.method, url])).toEqual([
			['PATCH', `/staff/api/research/codings/${first.id}`],
			['DELETE', `/staff/api/research/codings/${second.id}`]
		]);
		expect(workspace.codings).toEqual([{ ...first, codeId: 'work' }]);
	});

	it('seals a memo in the worker under the current corpus key, and a new version when it is edited', async () => {
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData({ corpusKey: { id: 4, version: 2 } }));
		const fetchMock = respond({});
		await workspace.saveMemo('record', 'r1', 'Landlords refuse.');
		const [memo] = workspace.memos;
		expect(memo).toMatchObject({
			target: 'record',
			targetId: 'r1',
			authorId: amina.id,
			version: 1,
			text: 'Landlords refuse.'
		});
		expect(calls('research.sealMemo')[0]).toMatchObject({
			memoId: memo.id,
			version: 1,
			corpusKeyId: 4,
			corpusKeyVersion: 2,
			text: 'Landlords refuse.'
		});
		expect(JSON.parse(fetchMock.mock.calls[0][1].body as string)).toMatchObject({
			id: memo.id,
			version: 1,
			nonce: 'nonce',
			ciphertext: 'ciphertext'
		});

		await workspace.saveMemo('record', 'r1', 'Landlords and agencies refuse.', memo);
		expect(workspace.memos).toEqual([{ ...memo, version: 2, text: 'Landlords and agencies refuse.' }]);
		await workspace.deleteMemo(memo.id);
		expect(workspace.memos).toEqual([]);
	});

	it('refuses to seal a memo before there is a corpus key', async () => {
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData({ corpusKey: null }));
		await expect(workspace.saveMemo('code', 'housing', 'Too early.')).rejects.toThrow('There is no corpus key yet.');
	});

	it('opens colleagues’ memos once the corpus is open, and only those that changed', async () => {
		serveCorpus([{ keys: { 1: 'sealed-1' }, records: [] }], 0);
		const memo = (id: string, version: number) => ({
			id,
			corpusKeyId: 1,
			corpusKeyVersion: 1,
			version,
			nonce: 'n',
			ciphertext: 'c',
			target: 'record' as const,
			targetId: 'r1',
			authorId: jonas.id
		});
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData({ memos: [memo('m1', 1), memo('m2', 1)] }));
		await workspace.open();
		expect(workspace.memos.map((item) => [item.id, item.text])).toEqual([
			['m1', 'opened m1'],
			['m2', 'opened m2']
		]);
		workspace.update(workspaceData({ memos: [memo('m1', 1), memo('m2', 2)] }));
		await vi.waitFor(() => expect(workspace.memos[1].version).toBe(2));
		const opened = calls('research.openMemos') as { memos: { id: string }[] }[];
		expect(opened.map((call) => call.memos.map((item) => item.id))).toEqual([['m1', 'm2'], ['m2']]);
	});
});
