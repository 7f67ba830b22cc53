import { describe, expect, it } from 'vitest';
import { byPosition, CodeTree } from './codebook-tree';
import { code } from './testing';

const codes = [
	code('work', 'Work and income', 2),
	code('informal', 'Informal or exploitative work', 0, 'work'),
	code('night', 'Night shifts', 0, 'informal'),
	code('housing', 'Housing', 1),
	code('shelter', 'Emergency shelter', 1, 'housing'),
	code('deposit', 'Deposit', 0, 'housing')
];

const outline = (tree: CodeTree) => tree.nodes.map((node) => [node.code.id, node.depth, node.path]);

describe('CodeTree', () => {
	it('nests sub-codes under their parent, depth first, with their depth and path of names', () => {
		expect(outline(new CodeTree(codes, { order: byPosition }))).toEqual([
			['housing', 0, 'Housing'],
			['deposit', 1, 'Housing › Deposit'],
			['shelter', 1, 'Housing › Emergency shelter'],
			['work', 0, 'Work and income'],
			['informal', 1, 'Work and income › Informal or exploitative work'],
			['night', 2, 'Work and income › Informal or exploitative work › Night shifts']
		]);
	});

	it('keeps the order the codes came in when no order is asked for', () => {
		const tree = new CodeTree(codes);
		expect(tree.roots.map((node) => node.code.id)).toEqual(['work', 'housing']);
		expect(tree.node('housing')?.children.map((node) => node.code.id)).toEqual(['shelter', 'deposit']);
	});

	it('orders siblings by position, then by name', () => {
		const tied = [code('b', 'beta', 0), code('c', 'Alpha', 0), code('a', 'gamma', -1)];
		expect(new CodeTree(tied, { order: byPosition }).roots.map((node) => node.code.name)).toEqual([
			'gamma',
			'Alpha',
			'beta'
		]);
	});

	it('puts a code whose parent is missing at the top level', () => {
		const tree = new CodeTree([code('orphan', 'Orphan', 0, 'gone'), ...codes], { order: byPosition });
		expect(tree.node('orphan')).toMatchObject({ depth: 0, path: 'Orphan', parent: null });
		expect(tree.roots.map((node) => node.code.id)).toEqual(['orphan', 'housing', 'work']);
	});

	it('lifts the first code of a loop of parents to the top level and loses none of them', () => {
		const loop = [
			code('a', 'A', 0, 'c'),
			code('b', 'B', 1, 'a'),
			code('c', 'C', 2, 'b'),
			code('d', 'D', 3),
			code('self', 'Self', 4, 'self')
		];
		const tree = new CodeTree(loop, { order: byPosition });
		expect(outline(tree)).toEqual([
			['d', 0, 'D'],
			['self', 0, 'Self'],
			['a', 0, 'A'],
			['b', 1, 'A › B'],
			['c', 2, 'A › B › C']
		]);
	});

	it('places a code listed twice once', () => {
		const tree = new CodeTree([...codes, code('housing', 'Housing again', 5)], { order: byPosition });
		expect(tree.nodes.filter((node) => node.code.id === 'housing')).toHaveLength(1);
		expect(tree.path('housing')).toBe('Housing');
	});

	it('hangs a kept code from its nearest kept ancestor when its parent is left out', () => {
		const archived = [
			code('theme', 'Theme', 0),
			code('old', 'Old', 0, 'theme', { archived: true }),
			code('kept', 'Kept', 0, 'old')
		];
		const tree = new CodeTree(archived, { keep: (item) => !item.archived });
		expect(outline(tree)).toEqual([
			['theme', 0, 'Theme'],
			['kept', 1, 'Theme › Kept']
		]);
		expect(tree.node('old')).toBeUndefined();
	});

	it('gives the path of a code, and nothing for a code it does not hold', () => {
		const tree = new CodeTree(codes);
		expect(tree.path('night')).toBe('Work and income › Informal or exploitative work › Night shifts');
		expect(tree.path('no-such-code')).toBe('');
	});

	it('finds a code and every code under it, depth first', () => {
		const tree = new CodeTree(codes, { order: byPosition });
		expect(tree.withDescendants('work')).toEqual(['work', 'informal', 'night']);
		expect(tree.withDescendants('housing')).toEqual(['housing', 'deposit', 'shelter']);
		expect(tree.withDescendants('night')).toEqual(['night']);
		expect(tree.withDescendants('no-such-code')).toEqual([]);
		expect(tree.descendants('housing').map((node) => node.code.id)).toEqual(['deposit', 'shelter']);
		expect(tree.node('work')?.descendantCount).toBe(2);
	});

	it('takes every level below a code in a loop of parents and stops where the loop closes', () => {
		const loop = [code('a', 'A', 0, 'c'), code('b', 'B', 0, 'a'), code('c', 'C', 0, 'b'), code('d', 'D', 0)];
		expect(new CodeTree(loop).withDescendants('a').sort()).toEqual(['a', 'b', 'c']);
		expect(new CodeTree(loop).withDescendants('d')).toEqual(['d']);
	});

	it('finds the theme a code sits under', () => {
		const tree = new CodeTree(codes);
		expect(tree.themeOf('night')?.code.id).toBe('work');
		expect(tree.themeOf('housing')?.code.id).toBe('housing');
		expect(tree.themeOf('no-such-code')).toBeUndefined();
	});
});
