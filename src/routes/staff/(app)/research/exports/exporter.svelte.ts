import { download } from '$lib/client/download';
import { formatNumber, t } from '$lib/staff-text';
import { workspace } from '../workspace.svelte';
import { withdrawals } from '../withdrawals.svelte';

/*
 * One export from the exports page at a time: check withdrawals, build the file in this browser,
 * download it, record the export in the audit log, and say how it went.
 */

export type ExportKind = 'excerpts-csv' | 'aggregates-csv' | 'codebook-qdc' | 'project-qdpx';
export type BuiltFile = { name: string; content: BlobPart; type: string; records: number };

const reasonOf = (cause: unknown) => (cause instanceof Error ? cause.message : t('staff_codebook_export_no_answer'));

export class Exporter {
	busy = $state<ExportKind | null>(null);
	status = $state('');
	problem = $state('');

	/**
	 * Builds the file here, downloads it, then tells the server its kind and how many records it
	 * holds. A file with testimony is built only after the server has said which open records have
	 * been withdrawn since the corpus opened: those are dropped first and never reach the file.
	 */
	async run(kind: ExportKind, build: () => Promise<BuiltFile>): Promise<void> {
		this.busy = kind;
		this.status = t('staff_codebook_export_preparing');
		this.problem = '';
		try {
			let leftOut = 0;
			if (kind !== 'codebook-qdc') {
				try {
					leftOut = (await withdrawals.recheck()).length;
				} catch (cause) {
					this.#fail(t('staff_codebook_export_recheck_failed', { reason: reasonOf(cause) }));
					return;
				}
			}
			// Lets the message show before a large corpus keeps this tab busy.
			await new Promise((resolve) => setTimeout(resolve, 0));
			let file: BuiltFile;
			try {
				file = await build();
			} catch (cause) {
				this.#fail(cause instanceof Error ? cause.message : t('staff_codebook_export_build_failed'));
				return;
			}
			download(file.name, file.content, file.type);
			try {
				await workspace.noteExport(kind, file.records);
				const count = (n: number) => ({ count: formatNumber(n) });
				const exported = t(
					file.records === 1 ? 'staff_codebook_export_done_one' : 'staff_codebook_export_done_other',
					count(file.records)
				);
				const withdrawn =
					leftOut === 0
						? ''
						: ` ${t(leftOut === 1 ? 'staff_codebook_export_withdrawn_one' : 'staff_codebook_export_withdrawn_other', count(leftOut))}`;
				this.status = exported + withdrawn;
			} catch (cause) {
				this.#fail(t('staff_codebook_export_audit_failed', { reason: reasonOf(cause) }));
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
