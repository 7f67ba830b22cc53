import { byPosition, CodeTree, type CodeNode } from '../codebook-tree';
import type { RelationKind, TableProblem } from '../small-numbers';
import type { Code, Coding, CorpusRecord } from '../types';
import type { AggregateRow } from './types';

/*
 * The corpus indexed once for all the counts of one aggregate: the records each code was
 * applied to and its excerpts, along the codebook tree, and the relations that tie a parent's
 * count to its sub-codes' so that protection sees them.
 */

/** The corpus indexed once for every aggregate over it; a code's row is its place in the codebook tree. */
export class CodedCorpus {
	readonly tree: CodeTree;
	readonly records: CorpusRecord[];
	private readonly directRecords: Set<string>[];
	private readonly directExcerpts: number[];
	private readonly memo = new Map<string, Set<string>>();

	constructor(records: readonly CorpusRecord[], codings: readonly Coding[], codes: readonly Code[]) {
		this.records = [...records];
		this.tree = new CodeTree(codes, { order: byPosition });
		this.directRecords = this.tree.nodes.map(() => new Set());
		this.directExcerpts = this.tree.nodes.map(() => 0);
		const recordIds = new Set(records.map((record) => record.id));
		for (const coding of codings) {
			const row = this.tree.node(coding.codeId)?.index;
			if (row === undefined || !recordIds.has(coding.recordId)) continue;
			this.directRecords[row].add(coding.recordId);
			this.directExcerpts[row]++;
		}
	}

	/** Top-level codes by position, each followed by its children, depth first. */
	get rows(): readonly CodeNode[] {
		return this.tree.nodes;
	}

	childRows(row: number): number[] {
		return this.tree.nodes[row].children.map((child) => child.index);
	}

	/** Ids of the records a code's row counts. */
	recordsOf(row: number, includeDescendants: boolean): Set<string> {
		if (!includeDescendants || this.rows[row].children.length === 0) return this.directRecords[row];
		const key = String(row);
		const cached = this.memo.get(key);
		if (cached) return cached;
		const result = new Set(this.directRecords[row]);
		for (const child of this.childRows(row)) for (const id of this.recordsOf(child, true)) result.add(id);
		this.memo.set(key, result);
		return result;
	}

	directRecordsOf(row: number): Set<string> {
		return this.directRecords[row];
	}

	excerptsOf(row: number, includeDescendants: boolean): number {
		const own = this.directExcerpts[row];
		if (!includeDescendants) return own;
		return this.childRows(row).reduce((sum, child) => sum + this.excerptsOf(child, true), own);
	}

	directExcerptsOf(row: number): number {
		return this.directExcerpts[row];
	}

	/** Ids of the records with at least one of the codes. */
	codedRecords(): Set<string> {
		const result = new Set<string>();
		for (const records of this.directRecords) for (const id of records) result.add(id);
		return result;
	}

	rootRows(): number[] {
		return this.tree.roots.map((root) => root.index);
	}

	parentRows(): number[] {
		return this.rows.flatMap((row, index) => (row.children.length > 0 ? [index] : []));
	}

	publicRows(): AggregateRow[] {
		return this.rows.map(({ code, path, depth }) => ({
			id: code.id,
			label: code.name,
			path,
			colour: code.colour,
			depth
		}));
	}
}

export function countIn(ids: ReadonlySet<string>, within: ReadonlySet<string>): number {
	let count = 0;
	for (const id of ids) if (within.has(id)) count++;
	return count;
}

/**
 * A parent's count including its children is made of its own count (never shown once children
 * are included, but shown by the same table without them) and its children's. Declaring that
 * keeps a hidden child count from being worked out by subtraction.
 */
export function linkParents(
	problem: TableProblem,
	corpus: CodedCorpus,
	kind: RelationKind,
	columns: number,
	own: (parentRow: number, column: number) => number,
	cellIndex: (row: number, column: number) => number = (row, column) => problem.cell(row, column)
): void {
	for (const parent of corpus.parentRows()) {
		const children = corpus.childRows(parent);
		for (let column = 0; column < columns; column++) {
			const ownIndex = problem.addUnseen(own(parent, column));
			problem.relations.push({
				kind,
				parts: [ownIndex, ...children.map((child) => cellIndex(child, column))],
				total: cellIndex(parent, column)
			});
		}
	}
}

export function describeDescendants(includeDescendants: boolean): string {
	return includeDescendants
		? 'A parent code includes the records and excerpts of its child codes, each record counted once.'
		: 'Each code counts only where it was applied itself, not its child codes.';
}
