import { afterEach, describe, expect, it, vi } from 'vitest';
import { staffDictionary } from '$lib/server/i18n/staff';
import { staffTranslator } from '$lib/staff-i18n';
import { amina, code, coding, jonas, workspaceData } from '../../testing';
import { PENDING_CODING, ResearchWorkspace } from '../../workspace.svelte';
import { CodingActions } from './coding-actions.svelte';

vi.mock('$lib/client/crypto-client', () => ({ cryptoWorker: { call: vi.fn(async () => ({})) } }));

const CODES = [code('housing', 'Housing'), code('work', 'Work')];
const SELECTION = { recordId: 'r1', field: '0.text' as const, start: 0, end: 4, text: 'Loin' };

/** A server that answers each request when the test says so, or drops the line. */
function server() {
	const waiting: { resolve: (response: Response) => void; reject: (cause: Error) => void; init: RequestInit }[] = [];
	vi.stubGlobal(
		'fetch',
		vi.fn(
			(_url: string, init: RequestInit) =>
				new Promise<Response>((resolve, reject) => waiting.push({ resolve, reject, init }))
		)
	);
	const next = async () => {
		await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0));
		return waiting.shift()!;
	};
	return {
		async answer(body: unknown, status = 200) {
			(await next()).resolve(new Response(JSON.stringify(body), { status }));
		},
		async drop() {
			(await next()).reject(new TypeError('Failed to fetch'));
		}
	};
}

function setUp(codings = [coding('r1', 'work', jonas.id, 10, 20)]) {
	const workspace = new ResearchWorkspace();
	workspace.update(workspaceData({ codes: CODES, codings }));
	return { workspace, actions: new CodingActions(workspace, staffTranslator(staffDictionary('en'))) };
}

afterEach(() => vi.unstubAllGlobals());

describe('coding a selection', () => {
	it('draws the codings before the server answers, then swaps in the stored ones and offers undo', async () => {
		const line = server();
		const { workspace, actions } = setUp();
		const applying = actions.apply(SELECTION, ['housing', 'work']);
		const drawn = workspace.codings.filter((item) => item.coderId === amina.id);
		expect(drawn.map((item) => [item.codeId, item.id.startsWith(PENDING_CODING)])).toEqual([
			['housing', true],
			['work', true]
		]);
		expect(actions.notice).toBe('Coded “Loin” with Housing; Work.');
		const stored = [
			{ ...drawn[0], id: 'stored-1' },
			{ ...drawn[1], id: 'stored-2' }
		];
		await line.answer({ codings: stored }, 201);
		await applying;
		expect(workspace.codings.filter((item) => item.coderId === amina.id)).toEqual(stored);
		expect(actions.undo?.label).toBe('Undo');

		const undoing = actions.takeBack();
		expect(workspace.codings.filter((item) => item.coderId === amina.id)).toEqual([]);
		await line.answer({ ok: true });
		await line.answer({ ok: true });
		await undoing;
		expect(actions.notice).toBe('Removed Housing; Work.');
	});

	it('takes the drawn codings away and says so when the line drops, keeping a colleague’s', async () => {
		const line = server();
		const { workspace, actions } = setUp();
		const applying = actions.apply(SELECTION, ['housing']);
		await line.drop();
		await applying;
		expect(workspace.codings.map((item) => item.coderId)).toEqual([jonas.id]);
		expect(actions.problem).toMatch(/^The codes were not saved: .*The selection is kept; try again\.$/);
		expect(actions.undo).toBeNull();
	});

	it('keeps a coding being saved when a page brings the server’s older list', async () => {
		const line = server();
		const { workspace, actions } = setUp([]);
		const applying = actions.apply(SELECTION, ['housing']);
		workspace.update(workspaceData({ codes: CODES, codings: [] }));
		expect(workspace.codings.map((item) => item.codeId)).toEqual(['housing']);
		await line.answer({ codings: [{ ...workspace.codings[0], id: 'stored-1' }] }, 201);
		await applying;
		expect(workspace.codings.map((item) => item.id)).toEqual(['stored-1']);
	});

	it('does not draw twice a code already on the same span, and offers no undo for it', async () => {
		const line = server();
		const mine = coding('r1', 'housing', amina.id, 0, 4);
		const { workspace, actions } = setUp([mine]);
		const applying = actions.apply(SELECTION, ['housing']);
		expect(workspace.codings).toEqual([mine]);
		await line.answer({ codings: [mine] }, 201);
		await applying;
		expect(workspace.codings).toEqual([mine]);
		expect(actions.undo).toBeNull();
	});
});

describe('removing and changing a coding', () => {
	it('removes at once, puts it back when refused, and a removal can be undone', async () => {
		const line = server();
		const mine = coding('r1', 'housing', amina.id, 0, 4);
		const { workspace, actions } = setUp([mine]);
		const refused = actions.remove(mine);
		expect(workspace.codings).toEqual([]);
		await line.answer({ message: 'Only the coder who made a coding can change or remove it.' }, 403);
		await refused;
		expect(workspace.codings).toEqual([mine]);
		expect(actions.problem).toBe(
			'The coding was not removed: Only the coder who made a coding can change or remove it.'
		);

		const removing = actions.remove(mine);
		await line.answer({ ok: true });
		await removing;
		expect(workspace.codings).toEqual([]);
		const restoring = actions.takeBack();
		expect(workspace.codings.map((item) => [item.codeId, item.start, item.end])).toEqual([['housing', 0, 4]]);
		await line.answer({ codings: [{ ...mine, id: 'again' }] }, 201);
		await restoring;
		expect(actions.notice).toBe('Put Housing back.');
	});

	it('changes the code at once and back again when the server refuses', async () => {
		const line = server();
		const mine = coding('r1', 'housing', amina.id, 0, 4);
		const { workspace, actions } = setUp([mine]);
		const changing = actions.recode(mine, 'work');
		expect(workspace.codings[0].codeId).toBe('work');
		await line.answer({ message: 'You already applied this code to the same text.' }, 409);
		await changing;
		expect(workspace.codings[0].codeId).toBe('housing');
		expect(actions.problem).toBe('The code was not changed: You already applied this code to the same text.');
	});
});
