import { invalidateAll } from '$app/navigation';
import { archiveCode, mergeCode, translateCode, updateCode } from '$lib/client/api/research';
import type { Code, CodeText, Coding } from '$lib/research/types';
import { DEFAULT_STAFF_LOCALE, STAFF_LOCALES, type StaffMessageKey } from '$lib/staff-i18n';
import { formatNumber, staffLocale, t } from '$lib/staff-text';
import type { OpenedMemo, ResearchWorkspace } from '../workspace.svelte';
import type { Codebook, CodeFields } from './codebook.svelte';

/*
 * One code of the codebook page as its panel sees it: its counts and memos, the form that
 * renames, describes or moves it, archiving, merging into another code, and the reader's memo
 * on it. Every change goes to the server, then the codebook and codings every page reads are
 * reloaded.
 */

type Draft = Omit<CodeFields, 'parentId'> & { parentId: string };

const reason = (cause: unknown) => (cause instanceof Error ? cause.message : t('staff_codebook_save_failed'));

const counted = (count: number, one: StaffMessageKey, other: StaffMessageKey, params = {}) =>
	t(count === 1 ? one : other, { ...params, count: formatNumber(count) });

/** The languages a code can be translated into: every staff language but the codebook's base. */
export const TRANSLATION_LOCALES = STAFF_LOCALES.filter((locale) => locale !== DEFAULT_STAFF_LOCALE);

/** A language's name in the reader's language (“tchèque”, “čeština”). */
export function languageLabel(locale: string): string {
	return new Intl.DisplayNames([staffLocale()], { type: 'language' }).of(locale) ?? locale;
}

/** Codings that are the same passage by the same coder, whatever their code. */
const passageKey = ({ recordId, field, start, end, coderId }: Coding) =>
	[recordId, field, start, end, coderId].join('\u0000');

export function memoText(memo: OpenedMemo): string {
	return memo.text ?? t('staff_codebook_memo_sealed');
}

export class CodeEditor {
	open = $state(false);
	draft = $state<Draft | null>(null);
	busy = $state(false);
	status = $state('');
	problem = $state('');
	mergeInto = $state('');
	memoDraft = $state<string | null>(null);
	/** The language whose name and description are being edited, and the draft of them. */
	translationLocale = $state('');
	translationDraft = $state<CodeText>({ name: '', description: '' });

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
			counted(this.moving, 'staff_codebook_merge_hint_moves_one', 'staff_codebook_merge_hint_moves_other', {
				target: target.name
			}),
			dropped > 0
				? counted(dropped, 'staff_codebook_merge_hint_dropped_one', 'staff_codebook_merge_hint_dropped_other')
				: '',
			t('staff_codebook_merge_hint_deleted', { code: this.code.name }),
			this.directSubcodes > 0
				? counted(
						this.directSubcodes,
						'staff_codebook_merge_hint_subcodes_one',
						'staff_codebook_merge_hint_subcodes_other',
						{ target: target.name }
					)
				: ''
		]
			.filter((part) => part !== '')
			.join(' ');
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
		// The form edits the base text; the reader's language may be showing a translation.
		const base = this.codebook.baseText(code);
		this.draft = {
			name: base.name,
			parentId: code.parentId ?? '',
			colour: code.colour,
			description: base.description,
			inclusion: code.inclusion,
			exclusion: code.exclusion,
			example: code.example
		};
		this.chooseLanguage(TRANSLATION_LOCALES.includes(staffLocale()) ? staffLocale() : (TRANSLATION_LOCALES[0] ?? ''));
		this.status = '';
		this.problem = '';
	}

	/** Starts the translation form from the code's words in `locale`, empty where it has none. */
	chooseLanguage(locale: string): void {
		this.translationLocale = locale;
		this.translationDraft = { ...(this.codebook.translation(this.code.id, locale) ?? { name: '', description: '' }) };
	}

	/** Saves the name and description in the chosen language; an empty name removes the translation. */
	saveTranslation(): Promise<void> {
		const { code, translationLocale: locale } = this;
		const text = { name: this.translationDraft.name.trim(), description: this.translationDraft.description.trim() };
		return this.#change(async () => {
			await translateCode(code.id, locale, text);
			const language = languageLabel(locale);
			return text.name
				? t('staff_codebook_translation_saved', { language })
				: t('staff_codebook_translation_removed', { language });
		}, true);
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
			if (!moved) return t('staff_codebook_saved', { name: fields.name });
			return fields.parentId
				? t('staff_codebook_saved_moved_under', {
						name: fields.name,
						parent: this.workspace.codePath(fields.parentId)
					})
				: t('staff_codebook_saved_moved_top', { name: fields.name });
		}, !moved);
	}

	setArchived(archived: boolean): Promise<void> {
		const { code } = this;
		return this.#change(async () => {
			await archiveCode(code.id, archived);
			return t(archived ? 'staff_codebook_archived_done' : 'staff_codebook_restored', { name: code.name });
		}, false);
	}

	merge(): Promise<void> | undefined {
		const target = this.mergeTarget;
		if (!target) return;
		const { code } = this;
		return this.#change(async () => {
			const { moved } = await mergeCode(code.id, target.id);
			const into = this.workspace.codePath(target.id);
			return counted(moved, 'staff_codebook_merged_one', 'staff_codebook_merged_other', { name: code.name, into });
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
				this.status = t('staff_codebook_memo_saved');
			} else if (ownMemo) {
				await this.workspace.deleteMemo(ownMemo.id);
				this.status = t('staff_codebook_memo_removed');
			} else {
				this.problem = t('staff_codebook_memo_write_first');
			}
			this.memoDraft = null;
		} catch (cause) {
			this.problem = reason(cause);
		} finally {
			this.busy = false;
		}
	}
}
