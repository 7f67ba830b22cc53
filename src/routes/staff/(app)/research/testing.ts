import type { Coder, Coding, CorpusAnswer, CorpusRecord, FieldAddress } from '$lib/research/types';
import { ResearchWorkspace, type WorkspaceData } from './workspace.svelte';

/*
 * Small fictional corpora for the tests of the workspace and its pages' view models: records,
 * codes and codings built as the workspace holds them, and a workspace that holds them without
 * a crypto worker or a server behind it.
 */

export function answer(text: string, fields: Partial<CorpusAnswer> = {}): CorpusAnswer {
	const texts = { text, transcript: '', translation: '', englishTranslation: '' };
	return { questionId: 'obstacles', questionVersion: 1, domain: 'housing', ...texts, ...fields };
}

export function record(id: string, fields: Partial<Omit<CorpusRecord, 'id'>> = {}): CorpusRecord {
	return {
		id,
		month: '2026-03',
		channelId: 'channel-lyon',
		country: 'FR',
		locale: 'fr',
		sessionId: null,
		consentToQuote: true,
		group: null,
		context: {},
		translationLocale: 'en',
		answers: [answer('On nous a mis dans un foyer loin de tout, sans contrat de location.')],
		...fields
	};
}

export { code } from '$lib/research/testing';

let serial = 0;
export function coding(
	recordId: string,
	codeId: string,
	coderId: string,
	start: number,
	end: number,
	field: FieldAddress = '0.text'
): Coding {
	return { id: `coding-${++serial}`, recordId, field, start, end, codeId, coderId };
}

export const amina: Coder = { id: 'coder-amina', name: 'amina.k' };
export const jonas: Coder = { id: 'coder-jonas', name: 'jonas.r' };
export const sami: Coder = { id: 'coder-sami', name: 'sami.b' };

/** What the workspace layout's load gives, with a signed-in researcher who may code. */
export function workspaceData(data: Partial<WorkspaceData> = {}): WorkspaceData {
	return {
		me: { id: amina.id, name: amina.name },
		canCode: true,
		codes: [],
		codings: [],
		directory: {
			channels: [{ id: 'channel-lyon', name: 'Lyon partner', country: 'FR' }],
			sessions: [{ id: 'session-1', label: 'Lyon workshop' }],
			coders: [amina, jonas, sami]
		},
		corpusKey: { id: 1, version: 1 },
		memos: [],
		blind: { round: 1, begun: false, isLead: false, progress: [], revealed: [] },
		...data
	};
}

/** A workspace holding these records as if they were decrypted; it stays closed, so no worker is called. */
export function workspaceWith(records: CorpusRecord[], data: Partial<WorkspaceData> = {}): ResearchWorkspace {
	const workspace = new ResearchWorkspace();
	workspace.update(workspaceData(data));
	workspace.records = records;
	return workspace;
}
