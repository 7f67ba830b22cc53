import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWorker, holdLaterPages, plaintext, sealed, serveCorpus } from './opening-testing';
import { amina, coding, jonas, workspaceData } from './testing';
import { ResearchWorkspace } from './workspace.svelte';

const worker = vi.hoisted(() => ({ call: vi.fn() }));
vi.mock('$lib/client/crypto-client', () => ({ cryptoWorker: worker }));

const calls = (op: string) => worker.call.mock.calls.filter((call) => call[0] === op).map((call) => call[1]);

beforeEach(() => {
	worker.call.mockReset();
	fakeWorker(worker);
});

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

/** A corpus of two pages of one record each. */
const twoPages = () =>
	serveCorpus(
		[
			{ keys: { 1: 'sealed-1' }, records: [sealed('r1', '2026-03', plaintext('FR', 'Un foyer.'))] },
			{ keys: { 1: 'sealed-1' }, records: [sealed('r2', '2026-02', plaintext('IT', 'Nessun contratto.'))] }
		],
		2
	);

describe('opening the corpus while it arrives', () => {
	it('tells the worker who coded what once, and again only when that changes', async () => {
		serveCorpus([{ keys: { 1: 'sealed-1' }, records: [sealed('r1', '2026-03', plaintext('FR', 'Un foyer.'))] }], 1);
		const workspace = new ResearchWorkspace();
		const first = coding('r1', 'housing', amina.id, 0, 5);
		workspace.update(workspaceData({ codings: [first] }));
		await workspace.open();
		// Every workspace page brings the codings again, as new objects with the same content.
		for (let load = 0; load < 5; load++) workspace.update(workspaceData({ codings: [{ ...first }] }));
		// A second coding by the same coder in the same record changes nothing the filters use.
		workspace.setCodings([...workspace.codings, coding('r1', 'housing', amina.id, 6, 9)]);
		expect(calls('research.setCodings')).toHaveLength(1);
		workspace.setCodings([...workspace.codings, coding('r1', 'housing', jonas.id, 0, 3)]);
		expect(calls('research.setCodings')).toEqual([
			{ codings: [{ recordId: 'r1', coderId: amina.id }] },
			{
				codings: [
					{ recordId: 'r1', coderId: amina.id },
					{ recordId: 'r1', coderId: jonas.id }
				].sort((a, b) => (`${a.recordId} ${a.coderId}` < `${b.recordId} ${b.coderId}` ? -1 : 1))
			}
		]);
	});

	it('lists the first records while later pages are still on their way', async () => {
		const laterPages = holdLaterPages(twoPages());
		// A page opened a moment ago: its clock starts near zero, and the first batch must show at once all the same.
		vi.spyOn(performance, 'now').mockReturnValue(50);
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData());
		const opening = workspace.open();
		await vi.waitFor(() => expect(workspace.records.map((record) => record.id)).toEqual(['r1']));
		expect(workspace.status).toBe('opening');
		expect(workspace.progress).toEqual({ done: 1, total: 2 });
		laterPages.release();
		await opening;
		expect(workspace.status).toBe('open');
		expect(workspace.records.map((record) => record.id)).toEqual(['r1', 'r2']);
	});

	it('stops an opening that a close overtook, keeping nothing it decrypted after', async () => {
		const laterPages = holdLaterPages(twoPages());
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData());
		const opening = workspace.open();
		await vi.waitFor(() => expect(workspace.records).toHaveLength(1));
		await workspace.close();
		laterPages.release();
		await opening;
		expect(workspace.status).toBe('closed');
		expect(workspace.records).toEqual([]);
	});

	it('sends the worker its next batch, from the next page too, before the first is answered', async () => {
		twoPages();
		const decrypting = worker.call.getMockImplementation()!;
		let answerFirst = () => {};
		const firstHeld = new Promise<void>((resolve) => (answerFirst = resolve));
		let openings = 0;
		worker.call.mockImplementation(async (op: string, argument: unknown) => {
			if (op === 'research.openCorpus' && ++openings === 1) await firstHeld;
			return decrypting(op, argument);
		});
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData());
		const opening = workspace.open();
		// The worker is never left waiting while the page reads an answer.
		await vi.waitFor(() => expect(calls('research.openCorpus')).toHaveLength(2));
		expect(workspace.records).toEqual([]);
		answerFirst();
		await opening;
		expect(workspace.status).toBe('open');
		expect(workspace.records.map((record) => record.id)).toEqual(['r1', 'r2']);
		expect(calls('research.openCorpus').map((call) => (call as { reset: boolean }).reset)).toEqual([true, false]);
	});

	it('asks for each page as soon as the one before it arrives, while the worker is still busy', async () => {
		const long = Array.from({ length: 1200 }, (_, index) =>
			sealed(`r${String(index).padStart(4, '0')}`, '2026-03', plaintext('FR', `Foyer ${index}.`))
		);
		const fetched = serveCorpus(
			[
				{ keys: { 1: 'sealed-1' }, records: long },
				{ keys: { 1: 'sealed-1' }, records: [sealed('s1', '2026-02', plaintext('IT', 'Nessun contratto.'))] },
				{ keys: { 1: 'sealed-1' }, records: [sealed('t1', '2026-01', plaintext('CZ', 'Žádná smlouva.'))] }
			],
			1202
		);
		const decrypting = worker.call.getMockImplementation()!;
		let answer = () => {};
		const held = new Promise<void>((resolve) => (answer = resolve));
		worker.call.mockImplementation(async (op: string, argument: unknown) => {
			if (op === 'research.openCorpus') await held;
			return decrypting(op, argument);
		});
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData());
		const opening = workspace.open();
		// The first page fills the worker for a while; the two after it are on their way meanwhile.
		await vi.waitFor(() => expect(fetched).toHaveBeenCalledTimes(3));
		expect(calls('research.openCorpus')).toHaveLength(2);
		answer();
		await opening;
		expect(workspace.records).toHaveLength(1202);
		expect(calls('research.openCorpus').at(-1)).toMatchObject({ last: true });
	});

	it('says why when a later page cannot be fetched, with batches still with the worker', async () => {
		const fetched = twoPages();
		const serve = fetched.getMockImplementation()!;
		// A flaky line: the second page fails after the first has arrived.
		fetched.mockImplementation(async (url: string) =>
			url.includes('after=') ? new Response('', { status: 502 }) : serve(url)
		);
		const workspace = new ResearchWorkspace();
		workspace.update(workspaceData());
		await workspace.open();
		expect(workspace.status).toBe('failed');
		expect(workspace.problem).toBe('The corpus could not be fetched (502).');
	});
});
