import { invalidateAll } from '$app/navigation';
import { archiveCode, mergeCode, updateCode } from '$lib/client/api/research';
import { plural } from '$lib/research/labels';
import type { Code, Coding } from '$lib/research/types';
import type { OpenedMemo, ResearchWorkspace } from '../workspace.svelte';
import type { Codebook, CodeFields } from './codebook.svelte';

/*
 * One code of the codebook page as its panel sees it: its counts and memos, the form that
 * renames, describes or moves it, archiving, merging into another code, and the reader's memo
 * on it. Every change goes to the server, then the codebook and codings every page reads are
 * reloaded.
 */

type Draft = Omit<CodeFields, 'parentId'> & { parentId: string };

const reason = (cause: unknown) =>
	cause instanceof Error ? cause.message : 'The change could not be saved. Try again.';

/** Codings that are the same passage by the same coder, whatever their code. */
const passageKey = ({ recordId, field, start, end, coderId }: Coding) =>
	[recordId, field, start, end, coderId].join('\u0000');

export function memoText(memo: OpenedMemo): string {
	return memo.text ?? 'This memo is sealed under a corpus key you do not hold yet.';
}

export class CodeEditor {
	open = $state(false);
	draft = $state<Draft | null>(null);
	busy = $state(false);
	status = $state('');
	problem = $state('');
	mergeInto = $state('');
	memoDraft = $state<string | null>(null);

	/** The code and the codebook are read on every use, so the editor follows the latest the page holds. */
	constructor(
		private readonly workspace: ResearchWorkspace,
		private readonly currentCode: () => Code,
		private readonly currentCodebook: () => Codebook
	) {}

	code = $derived.by(() => this.currentCode());
	codebook = $derived.by(() => this.currentCodebook());
	parent = $derived.by(() => (this.code.parentId ? this.workspace.codesById.get(this.code.parentId) : undefined));
	below = $derived.by(() => this.codebook.descendants(this.code.id));
	hasSubcodes = $derived(this.below.size > 0);
	ownCount = $derived.by(() => this.codebook.codings.get(this.code.id) ?? 0);
	totalCount = $derived.by(() => this.codebook.codingsWithSubcodes.get(this.code.id) ?? 0);
	// A code cannot sit under, or be merged into, itself or one of its own sub-codes.
	movable = $derived.by(() => {
		const { code, below } = this;
		return this.codebook.ordered.filter((other) => other.id !== code.id && !below.has(other.id));
	});
	mergeTargets = $derived(this.movable.filter((other) => !other.archived));
	mergeTarget = $derived.by(() => (this.mergeInto ? this.workspace.codesById.get(this.mergeInto) : undefined));
	directSubcodes = $derived.by(() => this.workspace.codeTree.node(this.code.id)?.children.length ?? 0);
	memos = $derived.by(() => {
		const codeId = this.code.id;
		return this.workspace.memos.filter((memo) => memo.target === 'code' && memo.targetId === codeId);
	});
	ownMemo = $derived.by(() => this.memos.find((memo) => memo.authorId === this.workspace.me.id));
	othersMemos = $derived.by(() => this.memos.filter((memo) => memo.authorId !== this.workspace.me.id));

	/** Codings that the merge moves; those the same coder already made with the target are dropped instead. */
	moving = $derived.by(() => {
		const target = this.mergeTarget;
		if (!target) return 0;
		const atTarget = new Set(this.workspace.codings.filter((coding) => coding.codeId === target.id).map(passageKey));
		const codeId = this.code.id;
		return this.workspace.codings.filter((coding) => coding.codeId === codeId && !atTarget.has(passageKey(coding)))
			.length;
	});

	mergeHint = $derived.by(() => {
		const target = this.mergeTarget;
		if (!target) return '';
		const dropped = this.ownCount - this.moving;
		return [
			`${plural(this.moving, 'coding moves', 'codings move')} to “${target.name}”`,
			dropped > 0 ? ` (${plural(dropped, 'duplicate is', 'duplicates are')} dropped)` : '',
			`; “${this.code.name}” is then deleted`,
			this.directSubcodes > 0
				? ` and its ${plural(this.directSubcodes, 'sub-code moves', 'sub-codes move')} under “${target.name}”`
				: '',
			'.'
		].join('');
	});

	/** The memo being written, or the reader's saved one. */
	get memoValue(): string {
		return this.memoDraft ?? this.ownMemo?.text ?? '';
	}

	set memoValue(text: string) {
		this.memoDraft = text;
	}

	/** Opening the panel starts a draft from the code as it is now. */
	toggle(open: boolean): void {
		this.open = open;
		if (!open) return;
		const { code } = this;
		this.draft = {
			name: code.name,
			parentId: code.parentId ?? '',
			colour: code.colour,
			description: code.description,
			inclusion: code.inclusion,
			exclusion: code.exclusion,
			example: code.example
		};
		this.status = '';
		this.problem = '';
	}

	/** Runs one change against the server, then reloads the codebook and codings everyone's pages read. */
	async #change(action: () => Promise<string>, speakHere: boolean): Promise<void> {
		this.busy = true;
		this.status = '';
		this.problem = '';
		try {
			const message = await action();
			await invalidateAll();
			// Archiving, moving or merging re-renders this code elsewhere or removes it: the page speaks then.
			if (speakHere) this.status = message;
			else this.codebook.announce(message);
		} catch (cause) {
			this.problem = reason(cause);
		} finally {
			this.busy = false;
		}
	}

	save(): Promise<void> | undefined {
		const { draft, code } = this;
		if (!draft) return;
		const fields: CodeFields = { ...draft, name: draft.name.trim(), parentId: draft.parentId || null };
		const moved = fields.parentId !== code.parentId;
		return this.#change(async () => {
			await updateCode(code.id, fields);
			const place = fields.parentId ? `under “${this.workspace.codePath(fields.parentId)}”` : 'at the top level';
			return moved ? `Saved “${fields.name}” and moved it ${place}.` : `Saved “${fields.name}”.`;
		}, !moved);
	}

	setArchived(archived: boolean): Promise<void> {
		const { code } = this;
		return this.#change(async () => {
			await archiveCode(code.id, archived);
			return archived
				? `Archived “${code.name}”: it can no longer be applied; its codings stay. Restore it from the Archived list.`
				: `Restored “${code.name}”.`;
		}, false);
	}

	merge(): Promise<void> | undefined {
		const target = this.mergeTarget;
		if (!target) return;
		const { code } = this;
		return this.#change(async () => {
			const { moved } = await mergeCode(code.id, target.id);
			const into = this.workspace.codePath(target.id);
			return `Merged “${code.name}” into “${into}”: ${plural(moved, 'coding', 'codings')} moved.`;
		}, false);
	}

	/** Seals and saves the reader's memo on this code; saved empty, it is removed. */
	async saveMemo(): Promise<void> {
		const text = this.memoValue.trim();
		const ownMemo = this.ownMemo;
		this.busy = true;
		this.status = '';
		this.problem = '';
		try {
			if (text) {
				await this.workspace.saveMemo('code', this.code.id, text, ownMemo);
				this.status = 'Memo saved (sealed under the corpus key).';
			} else if (ownMemo) {
				await this.workspace.deleteMemo(ownMemo.id);
				this.status = 'Your memo on this code was removed.';
			} else {
				this.problem = 'Write the memo first.';
			}
			this.memoDraft = null;
		} catch (cause) {
			this.problem = reason(cause);
		} finally {
			this.busy = false;
		}
	}
}
