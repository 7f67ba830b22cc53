/** The state of "Find a code": the search, the codes it lists, the active one, the ticked ones and recent ones. */
export type CodeOption = { id: string; path: string };

export class CodeChoice {
	filter = $state('');
	/** Index in `listed` of the option the arrow keys point at. */
	active = $state(0);
	/** Ticked codes, in the order they were ticked; kept while the search changes. */
	chosen = $state<string[]>([]);
	/** Codes applied lately, newest first, for Alt+1…9. */
	recent = $state<string[]>([]);
	readonly #options: () => CodeOption[];

	constructor(options: () => CodeOption[]) {
		this.#options = options;
	}

	/** The codes whose path contains the search, ignoring case, sorted by path. */
	listed = $derived.by(() => {
		const wanted = this.filter.trim().toLocaleLowerCase();
		return this.#options()
			.filter((option) => option.path.toLocaleLowerCase().includes(wanted))
			.sort((a, b) => a.path.localeCompare(b.path));
	});

	/** A new search points at its first result again. */
	search(text: string): void {
		this.filter = text;
		this.active = 0;
	}

	move(by: 1 | -1): void {
		if (this.listed.length === 0) return;
		this.active = Math.min(Math.max(Math.min(this.active, this.listed.length - 1) + by, 0), this.listed.length - 1);
	}

	toggle(codeId: string): void {
		this.chosen = this.chosen.includes(codeId) ? this.chosen.filter((id) => id !== codeId) : [...this.chosen, codeId];
	}

	/** What Enter applies: the ticked codes and the active option, each once. */
	toApply(): string[] {
		const active = this.listed[Math.min(this.active, this.listed.length - 1)];
		return [...new Set([...this.chosen, ...(active ? [active.id] : [])])];
	}

	/** After applying: nothing stays ticked, the search is cleared, and the codes lead the recent list. */
	applied(codeIds: string[]): void {
		this.recent = [...codeIds, ...this.recent.filter((id) => !codeIds.includes(id))].slice(0, 9);
		this.chosen = [];
		this.search('');
	}
}
