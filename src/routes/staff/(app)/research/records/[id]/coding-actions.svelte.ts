import type { Coding, FieldAddress } from '$lib/research/types';
import type { ResearchWorkspace } from '../../workspace.svelte';

export type CodedSelection = { recordId: string; field: FieldAddress; start: number; end: number; text: string };

/** How the last change can be taken back: its label and what taking it back does. */
type Undo = { label: string; run: () => Promise<void> };

const quoted = (text: string) => `“${text.slice(0, 60)}${text.length > 60 ? '…' : ''}”`;
const reason = (cause: unknown) => (cause instanceof Error ? cause.message : 'The server did not answer.');

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

	constructor(workspace: ResearchWorkspace) {
		this.#workspace = workspace;
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
		const change = this.#begin(`Coded ${quoted(selection.text)} with ${this.#paths(codeIds)}.`);
		const { recordId, field, start, end } = selection;
		try {
			const stored = await this.#workspace.addCodings(recordId, field, start, end, codeIds);
			const added = stored.filter((coding) => !known.has(coding.id));
			if (change === this.#change && added.length > 0) this.undo = { label: 'Undo', run: () => this.#removeAll(added) };
		} catch (cause) {
			this.#fail(change, `The codes were not saved: ${reason(cause)} The selection is kept; try again.`);
		}
	}

	async #removeAll(codings: Coding[]): Promise<void> {
		const change = this.#begin(`Removed ${this.#paths(codings.map((coding) => coding.codeId))}.`);
		try {
			await Promise.all(codings.map((coding) => this.#workspace.removeCoding(coding.id)));
		} catch (cause) {
			this.#fail(change, `Not everything was removed: ${reason(cause)}`);
		}
	}

	async remove(coding: Coding): Promise<void> {
		const change = this.#begin(`Removed ${this.#paths([coding.codeId])}.`);
		this.undo = { label: 'Undo', run: () => this.#restore(coding) };
		try {
			await this.#workspace.removeCoding(coding.id);
		} catch (cause) {
			this.undo = null;
			this.#fail(change, `The coding was not removed: ${reason(cause)}`);
		}
	}

	async #restore(coding: Coding): Promise<void> {
		const { recordId, field, start, end, codeId } = coding;
		const change = this.#begin(`Put ${this.#paths([codeId])} back.`);
		try {
			await this.#workspace.addCodings(recordId, field as FieldAddress, start, end, [codeId]);
		} catch (cause) {
			this.#fail(change, `The coding was not put back: ${reason(cause)}`);
		}
	}

	async recode(coding: Coding, codeId: string): Promise<void> {
		const before = coding.codeId;
		const change = this.#begin(`Changed to ${this.#paths([codeId])}.`);
		this.undo = { label: 'Undo', run: () => this.recode({ ...coding, codeId }, before) };
		try {
			await this.#workspace.recode(coding.id, codeId);
		} catch (cause) {
			this.undo = null;
			this.#fail(change, `The code was not changed: ${reason(cause)}`);
		}
	}

	/** Takes back the last change. */
	async takeBack(): Promise<void> {
		const undo = this.undo;
		this.undo = null;
		await undo?.run();
	}
}
