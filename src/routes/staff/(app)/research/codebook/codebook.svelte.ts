import { invalidateAll } from '$app/navigation';
import { createCode } from '$lib/client/api/research';
import type { Code, CodeText, CodeTexts } from '$lib/research/types';
import { DEFAULT_STAFF_LOCALE } from '$lib/staff-i18n';
import { t } from '$lib/staff-text';
import type { ResearchWorkspace } from '../workspace.svelte';

/*
 * The codebook page's state: the search over code names, the counts of codings per code, which
 * codes sit at the top of the tree and which are archived, and the form that adds a code. Each
 * code of the tree has a `CodeEditor` (code-editor.svelte.ts) for its own changes.
 */

export const DEFAULT_COLOUR = '#1f6feb';

/** What the server takes to create or change a code. */
export type CodeFields = Omit<Code, 'id' | 'archived' | 'position' | 'untranslated'>;

/** Lower-cased and without diacritics, so "reunification" finds "Réunification". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

export class Codebook {
	query = $state('');
	/** Spoken for changes after which a code is drawn elsewhere or gone. */
	announcement = $state('');

	newName = $state('');
	newParentId = $state('');
	newColour = $state(DEFAULT_COLOUR);
	colourChosen = $state(false);
	newDescription = $state('');
	adding = $state(false);
	addStatus = $state('');
	addProblem = $state('');

	/** `texts` gives every code's name and description by language, as the page last loaded them. */
	constructor(
		private readonly workspace: ResearchWorkspace,
		private readonly texts: () => CodeTexts = () => ({})
	) {}

	/** A code's name and description in the codebook's base language, which the code form edits. */
	baseText(code: Code): CodeText {
		return this.texts()[code.id]?.[DEFAULT_STAFF_LOCALE] ?? { name: code.name, description: code.description };
	}

	/** A code's translation into one language, if it has one. */
	translation(codeId: string, locale: string): CodeText | undefined {
		return this.texts()[codeId]?.[locale];
	}

	/** Codings of each code itself, by every coder. */
	codings = $derived.by(() => {
		const counts = new Map<string, number>();
		for (const coding of this.workspace.codings) counts.set(coding.codeId, (counts.get(coding.codeId) ?? 0) + 1);
		return counts;
	});

	/** Codings of each code and all its sub-codes. */
	codingsWithSubcodes = $derived.by(() => {
		const tree = this.workspace.codeTree;
		const totals = new Map<string, number>();
		for (const node of tree.nodes) {
			const count = (codeId: string) => this.codings.get(codeId) ?? 0;
			const below = tree.descendants(node.code.id);
			totals.set(
				node.code.id,
				below.reduce((total, { code }) => total + count(code.id), count(node.code.id))
			);
		}
		return totals;
	});

	/** Codes the search keeps (matches and their ancestors); null when nobody is searching. */
	shown = $derived.by((): ReadonlySet<string> | null => {
		const wanted = fold(this.query.trim());
		if (!wanted) return null;
		const shown = new Set<string>();
		for (const node of this.workspace.codeTree.nodes) {
			if (!fold(node.code.name).includes(wanted)) continue;
			for (let at: typeof node | null = node; at && !shown.has(at.code.id); at = at.parent) shown.add(at.code.id);
		}
		return shown;
	});

	/** Every code, depth first in codebook order, for the parent and merge lists. */
	ordered = $derived.by(() => this.workspace.codeTree.nodes.map((node) => node.code));

	/** Codes in use at the top of the tree: themes, and codes whose parent was archived. */
	roots = $derived.by(() =>
		this.ordered.filter((code) => {
			if (code.archived || !this.isShown(code.id)) return false;
			const parent = code.parentId ? this.workspace.codesById.get(code.parentId) : undefined;
			return !parent || parent.archived;
		})
	);
	archived = $derived(this.ordered.filter((code) => code.archived));
	shownArchived = $derived(this.archived.filter((code) => this.isShown(code.id)));
	parentChoices = $derived(this.ordered.filter((code) => !code.archived));
	/** The parent's colour until someone chooses another. */
	colourOfNew = $derived.by(() => {
		if (this.colourChosen) return this.newColour;
		return this.workspace.codesById.get(this.newParentId)?.colour ?? DEFAULT_COLOUR;
	});

	isShown(codeId: string): boolean {
		return !this.shown || this.shown.has(codeId);
	}

	/** A code's sub-codes at any depth, archived or not. */
	descendants(codeId: string): ReadonlySet<string> {
		return new Set(this.workspace.codeTree.descendants(codeId).map((node) => node.code.id));
	}

	/** The sub-codes drawn under a code: those in use that the search keeps. */
	shownChildren(codeId: string): Code[] {
		const children = this.workspace.codeTree.node(codeId)?.children ?? [];
		return children.map((child) => child.code).filter((child) => !child.archived && this.isShown(child.id));
	}

	chooseColour(colour: string): void {
		this.newColour = colour;
		this.colourChosen = true;
	}

	announce(message: string): void {
		this.announcement = message;
	}

	/** Adds the code of the form, then reloads the codebook every page reads. */
	async addCode(): Promise<void> {
		const fields: CodeFields = {
			parentId: this.newParentId || null,
			name: this.newName.trim(),
			colour: this.colourOfNew,
			description: this.newDescription.trim(),
			inclusion: '',
			exclusion: '',
			example: ''
		};
		this.adding = true;
		this.addStatus = '';
		this.addProblem = '';
		try {
			const { code } = await createCode(fields);
			await invalidateAll();
			this.addStatus = code.parentId
				? t('staff_codebook_added_under', { name: code.name, parent: this.workspace.codePath(code.parentId) })
				: t('staff_codebook_added_top', { name: code.name });
			this.newName = '';
			this.newDescription = '';
			this.colourChosen = false;
		} catch (cause) {
			this.addProblem = cause instanceof Error ? cause.message : t('staff_codebook_add_failed');
		} finally {
			this.adding = false;
		}
	}
}
