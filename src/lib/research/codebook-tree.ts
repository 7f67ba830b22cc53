import type { Code } from './types';

/*
 * The codebook as a tree: which code sits under which, in what order, how deep, and the path of
 * names that places it ("Housing › Deposit"). The codebook page, the agreement page, the charts,
 * the quotes and the exports all nest codes through this one module, so they always agree on
 * where a code belongs.
 *
 * A code whose parent is not in the codebook is a top-level code. The server refuses loops of
 * parents; should one arrive anyway, the loop's first code (in sibling order) is lifted to the
 * top level with the others below it, so that no code is ever lost.
 */

export type CodeOrder = (a: Code, b: Code) => number;

/**
 * The order the aggregates, quotes and exports list codes in: by position, then by name. The
 * codebook page keeps the server's order instead (position, then name as the database sorts it).
 */
export const byPosition: CodeOrder = (a, b) => a.position - b.position || a.name.localeCompare(b.name, 'en');

export const PATH_SEPARATOR = ' › ';

export type CodeNode = {
	code: Code;
	/** Null for a top-level code (a theme). */
	parent: CodeNode | null;
	children: CodeNode[];
	/** 0 for a top-level code. */
	depth: number;
	/** Names from the top-level code down: "Theme › Sub-theme". */
	path: string;
	/** Where the code comes in depth-first order; the codes below it follow it directly. */
	index: number;
	/** How many codes sit below it, at any depth. */
	descendantCount: number;
};

export type CodeTreeOptions = {
	/** How siblings are ordered; without it they keep the order the codes were given in. */
	order?: CodeOrder;
	/** Codes to keep; a kept code whose parent is left out hangs from its nearest kept ancestor. */
	keep?: (code: Code) => boolean;
};

/** The nearest ancestor of `code` that is kept, or null; a loop of parents ends the walk. */
function nearestKeptAncestor(code: Code, byId: ReadonlyMap<string, Code>, kept: ReadonlySet<string>): string | null {
	const seen = new Set([code.id]);
	let parent = code.parentId;
	while (parent !== null && !seen.has(parent)) {
		if (kept.has(parent)) return parent;
		seen.add(parent);
		parent = byId.get(parent)?.parentId ?? null;
	}
	return null;
}

export class CodeTree {
	/** The top-level codes, in sibling order. */
	readonly roots: readonly CodeNode[];
	/** Every code depth first: each top-level code followed by the codes below it. */
	readonly nodes: readonly CodeNode[];
	readonly #byId = new Map<string, CodeNode>();

	constructor(codes: readonly Code[], { order, keep }: CodeTreeOptions = {}) {
		const byId = new Map(codes.map((code) => [code.id, code]));
		const kept = codes.filter((code) => !keep || keep(code));
		if (order) kept.sort(order);
		const keptIds = new Set(kept.map((code) => code.id));
		const childrenOf = new Map<string | null, Code[]>();
		for (const code of kept) {
			const parent = nearestKeptAncestor(code, byId, keptIds);
			const siblings = childrenOf.get(parent);
			if (siblings) siblings.push(code);
			else childrenOf.set(parent, [code]);
		}

		const nodes: CodeNode[] = [];
		const roots: CodeNode[] = [];
		const grow = (code: Code, parent: CodeNode | null): CodeNode | null => {
			// A code listed twice, or reached again through a loop, is placed once.
			if (this.#byId.has(code.id)) return null;
			const node: CodeNode = {
				code,
				parent,
				children: [],
				depth: parent ? parent.depth + 1 : 0,
				path: parent ? `${parent.path}${PATH_SEPARATOR}${code.name}` : code.name,
				index: nodes.length,
				descendantCount: 0
			};
			this.#byId.set(code.id, node);
			nodes.push(node);
			for (const child of childrenOf.get(code.id) ?? []) {
				const grown = grow(child, node);
				if (grown) node.children.push(grown);
			}
			node.descendantCount = nodes.length - node.index - 1;
			return node;
		};
		for (const code of childrenOf.get(null) ?? []) {
			const root = grow(code, null);
			if (root) roots.push(root);
		}
		// Codes caught in a loop of parents are reachable from no root: lift each loop's first code.
		for (const code of kept) {
			const root = grow(code, null);
			if (root) roots.push(root);
		}
		this.roots = roots;
		this.nodes = nodes;
	}

	node(codeId: string): CodeNode | undefined {
		return this.#byId.get(codeId);
	}

	/** "Theme › Sub-theme", or `''` for a code not in the tree. */
	path(codeId: string): string {
		return this.#byId.get(codeId)?.path ?? '';
	}

	/** The codes below a code at any depth, depth first. */
	descendants(codeId: string): readonly CodeNode[] {
		const node = this.#byId.get(codeId);
		return node ? this.nodes.slice(node.index + 1, node.index + 1 + node.descendantCount) : [];
	}

	/** The code's id then the ids of every code below it, depth first; empty for a code not in the tree. */
	withDescendants(codeId: string): string[] {
		return this.#byId.has(codeId) ? [codeId, ...this.descendants(codeId).map((node) => node.code.id)] : [];
	}

	/** The top-level code a code sits under: itself when it is one. */
	themeOf(codeId: string): CodeNode | undefined {
		let node = this.#byId.get(codeId);
		while (node?.parent) node = node.parent;
		return node;
	}
}
