import type { Coding, FieldAddress } from '$lib/research/types';
import type { StaffTranslate } from '$lib/staff-i18n';
import type { ResearchWorkspace } from '../../workspace.svelte';

export type CodedSelection = { recordId: string; field: FieldAddress; start: number; end: number; text: string };

/** How the last change can be taken back: its label and what taking it back does. */
type Undo = { label: string; run: () => Promise<void> };

/**
 * What the coder does to a record's codings, with what the page says about it: each change shows
 * at once (the workspace draws it before the server answers), is announced, can be undone, and
 * is taken back with a message when the server refuses or the line drops.
 */
export class CodingActions {
	notice = $state('');
	problem = $state('');
	undo = $state.raw<Undo | null>(null);
	/** Only the latest change may offer its undo: an earlier, slower answer must not replace it. */
	#change = 0;
	readonly #workspace: ResearchWorkspace;
	readonly #text: StaffTranslate;

	/** `text` words what the page says in the staff member's language. */
	constructor(workspace: ResearchWorkspace, text: StaffTranslate) {
		this.#workspace = workspace;
		this.#text = text;
	}

	#quoted(text: string): string {
		return this.#text('staff_research_quoted', { text: `${text.slice(0, 60)}${text.length > 60 ? '…' : ''}` });
	}

	#reason(cause: unknown): string {
		return cause instanceof Error ? cause.message : this.#text('staff_research_no_answer');
	}

	#begin(notice: string): number {
		this.notice = notice;
		this.problem = '';
		this.undo = null;
		return ++this.#change;
	}

	#fail(change: number, problem: string): void {
		if (change !== this.#change) return;
		this.notice = '';
		this.problem = problem;
	}

	#paths(codeIds: string[]): string {
		return codeIds.map((id) => this.#workspace.codePath(id)).join('; ');
	}

	async apply(selection: CodedSelection, codeIds: string[]): Promise<void> {
		if (codeIds.length === 0) return;
		const known = new Set(this.#workspace.codings.map((coding) => coding.id));
		const change = this.#begin(
			this.#text('staff_research_coded_selection', { text: this.#quoted(selection.text), codes: this.#paths(codeIds) })
		);
		const { recordId, field, start, end } = selection;
		try {
			const stored = await this.#workspace.addCodings(recordId, field, start, end, codeIds);
			const added = stored.filter((coding) => !known.has(coding.id));
			if (change === this.#change && added.length > 0)
				this.undo = { label: this.#text('staff_research_undo'), run: () => this.#removeAll(added) };
		} catch (cause) {
			this.#fail(change, this.#text('staff_research_not_saved', { reason: this.#reason(cause) }));
		}
	}

	async #removeAll(codings: Coding[]): Promise<void> {
		const change = this.#begin(
			this.#text('staff_research_removed', { codes: this.#paths(codings.map((coding) => coding.codeId)) })
		);
		try {
			await Promise.all(codings.map((coding) => this.#workspace.removeCoding(coding.id)));
		} catch (cause) {
			this.#fail(change, this.#text('staff_research_not_all_removed', { reason: this.#reason(cause) }));
		}
	}

	async remove(coding: Coding): Promise<void> {
		const change = this.#begin(this.#text('staff_research_removed', { codes: this.#paths([coding.codeId]) }));
		this.undo = { label: this.#text('staff_research_undo'), run: () => this.#restore(coding) };
		try {
			await this.#workspace.removeCoding(coding.id);
		} catch (cause) {
			this.undo = null;
			this.#fail(change, this.#text('staff_research_not_removed', { reason: this.#reason(cause) }));
		}
	}

	async #restore(coding: Coding): Promise<void> {
		const { recordId, field, start, end, codeId } = coding;
		const change = this.#begin(this.#text('staff_research_put_back', { codes: this.#paths([codeId]) }));
		try {
			await this.#workspace.addCodings(recordId, field as FieldAddress, start, end, [codeId]);
		} catch (cause) {
			this.#fail(change, this.#text('staff_research_not_put_back', { reason: this.#reason(cause) }));
		}
	}

	async recode(coding: Coding, codeId: string): Promise<void> {
		const before = coding.codeId;
		const change = this.#begin(this.#text('staff_research_changed_to', { codes: this.#paths([codeId]) }));
		this.undo = { label: this.#text('staff_research_undo'), run: () => this.recode({ ...coding, codeId }, before) };
		try {
			await this.#workspace.recode(coding.id, codeId);
		} catch (cause) {
			this.undo = null;
			this.#fail(change, this.#text('staff_research_not_changed', { reason: this.#reason(cause) }));
		}
	}

	/** Takes back the last change. */
	async takeBack(): Promise<void> {
		const undo = this.undo;
		this.undo = null;
		await undo?.run();
	}
}
