/**
 * The research operations of the staff worker. They run beside the staff key pair, which opens
 * the corpus keys and never leaves the worker; the corpus code itself (research-corpus.ts, with
 * the search index) is fetched the first time a researcher's page asks for it.
 */
import type { StaffKeyPair } from '$lib/crypto';
import type { ResearchOps } from '../research-protocol';
import type { Handlers } from './serve';

let corpusModule: Promise<typeof import('./research-corpus')> | null = null;
const corpus = () => (corpusModule ??= import('./research-corpus'));

/** Forgets the decrypted corpus and its keys, if the corpus code was ever loaded. */
export function forgetCorpus(): void {
	corpusModule?.then((module) => module.forgetCorpus());
}

/** The research handlers; `staffKeyPair` returns the unlocked key pair or throws. */
export function researchHandlers(staffKeyPair: () => StaffKeyPair): Handlers<ResearchOps> {
	return {
		async 'research.openCorpus'(argument) {
			return (await corpus()).openCorpus(argument, staffKeyPair());
		},
		async 'research.search'(argument) {
			return (await corpus()).researchHandlers.search(argument);
		},
		async 'research.setCodings'(argument) {
			return (await corpus()).researchHandlers.setCodings(argument);
		},
		async 'research.matches'(argument) {
			return (await corpus()).researchHandlers.matches(argument);
		},
		async 'research.forgetRecords'(argument) {
			return (await corpus()).researchHandlers.forgetRecords(argument);
		},
		async 'research.hits'(argument) {
			return (await corpus()).researchHandlers.hits(argument);
		},
		async 'research.hitList'(argument) {
			return (await corpus()).researchHandlers.hitList(argument);
		},
		async 'research.openMemos'(argument) {
			return (await corpus()).openMemos(argument, staffKeyPair());
		},
		async 'research.sealMemo'(argument) {
			return (await corpus()).sealMemo(argument, staffKeyPair());
		},
		async 'research.openImage'(argument) {
			return (await corpus()).openImage(argument, staffKeyPair());
		},
		async 'research.close'() {
			(await corpusModule)?.forgetCorpus();
			return {};
		}
	};
}
