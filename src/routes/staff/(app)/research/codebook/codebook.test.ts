import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invalidateAll } from '$app/navigation';
import { postJson, requestJson } from '$lib/client/api/http';
import type { Code } from '$lib/research/types';
import { amina, code, coding, jonas, record, workspaceWith } from '../testing';
import type { OpenedMemo } from '../workspace.svelte';
import { CodeEditor } from './code-editor.svelte';
import { Codebook, DEFAULT_COLOUR } from './codebook.svelte';

vi.mock('$app/navigation', () => ({ invalidateAll: vi.fn(async () => {}) }));
// The page's words as an English reader gets them from the staff layout.
vi.mock('$app/state', async () => {
	const { staffDictionary } = await import('$lib/server/i18n/staff');
	return { page: { data: { staffLocale: 'en', staffMessages: staffDictionary('en') } } };
});
vi.mock('$lib/client/api/http', async (original) => ({
	...(await original<typeof import('$lib/client/api/http')>()),
	postJson: vi.fn(),
	requestJson: vi.fn()
}));

// As the server sends the codebook: by position, then name.
const codes = [
	code('family', 'Réunification familiale', 0, 'rights'),
	code('housing', 'Housing', 0, null, { colour: '#aa3300' }),
	code('shelter', 'Shelter', 0, 'old'),
	code('deposit', 'Deposit', 1, 'housing'),
	code('old', 'Old housing code', 2, 'housing', { archived: true }),
	code('rights', 'Rights', 3)
];
const codings = [
	coding('r1', 'housing', amina.id, 0, 4),
	coding('r1', 'deposit', amina.id, 5, 9),
	coding('r1', 'deposit', jonas.id, 5, 9),
	coding('r2', 'shelter', amina.id, 0, 4)
];

function codebook(data: { codes?: Code[]; memos?: OpenedMemo[] } = {}) {
	const workspace = workspaceWith([record('r1'), record('r2')], { codes: data.codes ?? codes, codings });
	workspace.memos = data.memos ?? [];
	const book = new Codebook(workspace);
	const editor = (codeId: string) =>
		new CodeEditor(
			workspace,
			() => workspace.codesById.get(codeId)!,
			() => book
		);
	return { workspace, book, editor };
}

beforeEach(() => {
	vi.mocked(postJson).mockReset();
	vi.mocked(requestJson).mockReset();
	vi.mocked(invalidateAll).mockClear();
});

describe('Codebook', () => {
	it('counts each code’s codings, on its own and with its sub-codes at any depth', () => {
		const { book } = codebook();
		expect(book.codings.get('deposit')).toBe(2);
		expect(book.codingsWithSubcodes.get('housing')).toBe(4);
		expect(book.codingsWithSubcodes.get('old')).toBe(1);
		expect([...book.descendants('housing')]).toEqual(['deposit', 'old', 'shelter']);
	});

	it('puts themes and the codes of an archived parent at the top, and archived codes apart', () => {
		const { book } = codebook();
		expect(book.roots.map((item) => item.id)).toEqual(['housing', 'shelter', 'rights']);
		expect(book.archived.map((item) => item.id)).toEqual(['old']);
		expect(book.shownChildren('housing').map((item) => item.id)).toEqual(['deposit']);
		expect(book.parentChoices.map((item) => item.id)).toEqual(['housing', 'deposit', 'shelter', 'rights', 'family']);
	});

	it('finds codes by name whatever their accents, with their parents', () => {
		const { book } = codebook();
		book.query = '  reunification ';
		expect([...book.shown!]).toEqual(['family', 'rights']);
		expect(book.roots.map((item) => item.id)).toEqual(['rights']);
		expect(book.shownChildren('rights').map((item) => item.id)).toEqual(['family']);
		expect(book.shownArchived).toEqual([]);
		book.query = 'nothing like this';
		expect(book.shown?.size).toBe(0);
		book.query = '';
		expect(book.shown).toBeNull();
	});

	it('gives a new code its parent’s colour until another is chosen', () => {
		const { book } = codebook();
		expect(book.colourOfNew).toBe(DEFAULT_COLOUR);
		book.newParentId = 'housing';
		expect(book.colourOfNew).toBe('#aa3300');
		book.chooseColour('#123456');
		book.newParentId = '';
		expect(book.colourOfNew).toBe('#123456');
	});

	it('adds a code, reloads the codebook and clears the form', async () => {
		const { book } = codebook();
		vi.mocked(postJson).mockResolvedValue({ code: code('waiting', 'Waiting lists', 2, 'housing') });
		book.newName = '  Waiting lists ';
		book.newParentId = 'housing';
		book.newDescription = 'Years on a list.';
		await book.addCode();
		expect(postJson).toHaveBeenCalledWith('/staff/api/research/codes', {
			parentId: 'housing',
			name: 'Waiting lists',
			colour: '#aa3300',
			description: 'Years on a list.',
			inclusion: '',
			exclusion: '',
			example: ''
		});
		expect(invalidateAll).toHaveBeenCalledOnce();
		expect(book.addStatus).toBe('Added “Waiting lists” under “Housing”.');
		expect([book.newName, book.newDescription, book.adding]).toEqual(['', '', false]);
	});

	it('keeps the form and says why when the code cannot be added', async () => {
		const { book } = codebook();
		vi.mocked(postJson).mockRejectedValue(
			new Error('There is already a code with this name at this place in the codebook.')
		);
		book.newName = 'Housing';
		await book.addCode();
		expect(book.addProblem).toBe('There is already a code with this name at this place in the codebook.');
		expect(book.newName).toBe('Housing');
		expect(invalidateAll).not.toHaveBeenCalled();
	});
});

describe('CodeEditor', () => {
	it('starts a draft from the code when its panel opens', () => {
		const { editor } = codebook();
		const deposit = editor('deposit');
		deposit.toggle(true);
		expect(deposit.draft).toMatchObject({ name: 'Deposit', parentId: 'housing', colour: '#2f6f4e' });
		expect(deposit.open).toBe(true);
	});

	it('never offers a code itself or one of its sub-codes as its parent or merge target', () => {
		const { editor } = codebook();
		const housing = editor('housing');
		expect(housing.movable.map((item) => item.id)).toEqual(['rights', 'family']);
		const shelter = editor('shelter');
		expect(shelter.mergeTargets.map((item) => item.id)).toEqual(['housing', 'deposit', 'rights', 'family']);
	});

	it('tells what a merge will move, drop and re-parent', () => {
		const { workspace, editor } = codebook();
		workspace.setCodings([...workspace.codings, coding('r1', 'housing', jonas.id, 5, 9)]);
		const deposit = editor('deposit');
		deposit.mergeInto = 'housing';
		expect(deposit.moving).toBe(1);
		expect(deposit.mergeHint).toBe('1 coding moves to “Housing”. 1 duplicate is dropped. “Deposit” is then deleted.');
		const old = editor('old');
		old.mergeInto = 'rights';
		expect(old.mergeHint).toBe(
			'0 codings move to “Rights”. “Old housing code” is then deleted. Its 1 sub-code moves under “Rights”.'
		);
	});

	it('saves a renamed code and says so in its panel', async () => {
		const { book, editor } = codebook();
		const deposit = editor('deposit');
		deposit.toggle(true);
		deposit.draft!.name = ' Deposits ';
		await deposit.save();
		expect(requestJson).toHaveBeenCalledWith(
			'PUT',
			'/staff/api/research/codes/deposit',
			expect.objectContaining({ name: 'Deposits', parentId: 'housing' })
		);
		expect(invalidateAll).toHaveBeenCalledOnce();
		expect(deposit.status).toBe('Saved “Deposits”.');
		expect(book.announcement).toBe('');
	});

	it('has the page announce a move, an archiving and a merge, since the code is then drawn elsewhere', async () => {
		const { book, editor } = codebook();
		const deposit = editor('deposit');
		deposit.toggle(true);
		deposit.draft!.parentId = 'rights';
		await deposit.save();
		expect(book.announcement).toBe('Saved “Deposit” and moved it under “Rights”.');
		await editor('shelter').setArchived(true);
		expect(postJson).toHaveBeenCalledWith('/staff/api/research/codes/shelter/archive', { archived: true });
		expect(book.announcement).toMatch(/^Archived “Shelter”: it can no longer be applied/);
		vi.mocked(postJson).mockResolvedValue({ moved: 2 });
		const merging = editor('deposit');
		merging.mergeInto = 'housing';
		await merging.merge();
		expect(book.announcement).toBe('Merged “Deposit” into “Housing”: 2 codings moved.');
	});

	it('shows why a change failed and frees the panel again', async () => {
		const { editor } = codebook();
		vi.mocked(postJson).mockRejectedValue(new Error('Only researchers change the codebook.'));
		const housing = editor('housing');
		await housing.setArchived(true);
		expect(housing.problem).toBe('Only researchers change the codebook.');
		expect(housing.busy).toBe(false);
	});

	it('seals the reader’s memo on the code, removes it when saved empty, and asks for text first', async () => {
		const mine: OpenedMemo = {
			id: 'memo-1',
			target: 'code',
			targetId: 'housing',
			authorId: amina.id,
			version: 1,
			text: 'Split by tenure.'
		};
		const theirs: OpenedMemo = { ...mine, id: 'memo-2', authorId: jonas.id, text: null };
		const { workspace, editor } = codebook({ memos: [mine, theirs] });
		const saveMemo = vi.spyOn(workspace, 'saveMemo').mockResolvedValue();
		const deleteMemo = vi.spyOn(workspace, 'deleteMemo').mockResolvedValue();
		const housing = editor('housing');
		expect(housing.memoValue).toBe('Split by tenure.');
		expect(housing.othersMemos).toEqual([theirs]);
		housing.memoValue = ' Split by tenure and city. ';
		await housing.saveMemo();
		expect(saveMemo).toHaveBeenCalledWith('code', 'housing', 'Split by tenure and city.', mine);
		expect(housing.status).toBe('Memo saved (sealed under the corpus key).');
		housing.memoValue = '';
		await housing.saveMemo();
		expect(deleteMemo).toHaveBeenCalledWith('memo-1');

		const deposit = editor('deposit');
		await deposit.saveMemo();
		expect(deposit.problem).toBe('Write the memo first.');
	});
});
