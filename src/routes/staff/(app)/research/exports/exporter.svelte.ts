import { download } from '$lib/client/download';
import { plural } from '$lib/research/labels';
import { workspace } from '../workspace.svelte';
import { withdrawals } from '../withdrawals.svelte';

/*
 * One export from the exports page at a time: check withdrawals, build the file in this browser,
 * download it, record the export in the audit log, and say how it went.
 */

export type ExportKind = 'excerpts-csv' | 'aggregates-csv' | 'codebook-qdc' | 'project-qdpx';
export type BuiltFile = { name: string; content: BlobPart; type: string; records: number };

const reasonOf = (cause: unknown) => (cause instanceof Error ? cause.message : 'no answer from the server');

export class Exporter {
	busy = $state<ExportKind | null>(null);
	status = $state('');
	problem = $state('');

	/**
	 * Builds the file here, downloads it, then tells the server its kind and how many records it
	 * holds. A file with testimony is built only after the server has said which open records have
	 * been withdrawn since the corpus opened: those are dropped first and never reach the file.
	 */
	async run(kind: ExportKind, build: () => BuiltFile): Promise<void> {
		this.busy = kind;
		this.status = 'Preparing the file…';
		this.problem = '';
		try {
			let leftOut = 0;
			if (kind !== 'codebook-qdc') {
				try {
					leftOut = (await withdrawals.recheck()).length;
				} catch (cause) {
					this.#fail(
						`Nothing was downloaded: this browser could not check with the server which testimonies have been withdrawn (${reasonOf(cause)}). Try again.`
					);
					return;
				}
			}
			// Lets the message show before a large corpus keeps this tab busy.
			await new Promise((resolve) => setTimeout(resolve, 0));
			let file: BuiltFile;
			try {
				file = build();
			} catch (cause) {
				this.#fail(cause instanceof Error ? cause.message : 'The file could not be built.');
				return;
			}
			download(file.name, file.content, file.type);
			try {
				await workspace.noteExport(kind, file.records);
				const withdrawn =
					leftOut > 0
						? ` ${plural(leftOut, 'record', 'records')} withdrawn since the workspace opened ${leftOut === 1 ? 'was' : 'were'} left out.`
						: '';
				this.status = `Exported ${plural(file.records, 'record', 'records')}.${withdrawn}`;
			} catch (cause) {
				this.#fail(
					`The file was downloaded, but the export could not be recorded in the audit log (${reasonOf(cause)}). Tell the team's administrator.`
				);
			}
		} finally {
			this.busy = null;
		}
	}

	#fail(problem: string): void {
		this.status = '';
		this.problem = problem;
	}
}
