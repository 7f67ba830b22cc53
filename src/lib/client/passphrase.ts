import type { StaffMessageKey } from '$lib/staff-i18n';

/** Staff passphrases: at least this long, and rated at least "strong" by zxcvbn. */
export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_PASSPHRASE_SCORE = 3;

/** `advice` is a staff message, with `{min}` (MIN_PASSPHRASE_LENGTH) where it has one. */
export type PassphraseRating = { score: 0 | 1 | 2 | 3 | 4; acceptable: boolean; advice: StaffMessageKey };

type Checker = (passphrase: string, userInputs: string[]) => PassphraseRating;
let checker: Promise<Checker> | null = null;

/** zxcvbn and its dictionaries are loaded on demand, only on pages that set a passphrase. */
function loadChecker(): Promise<Checker> {
	checker ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(([core, common]) => {
		const factory = new core.ZxcvbnFactory({
			dictionary: { ...common.dictionary },
			graphs: common.adjacencyGraphs
		});
		return (passphrase, userInputs) => {
			const score = factory.check(passphrase, userInputs).score as PassphraseRating['score'];
			return rate(passphrase, score);
		};
	});
	return checker;
}

function rate(passphrase: string, score: PassphraseRating['score']): PassphraseRating {
	if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
		return { score, acceptable: false, advice: 'staff_passphrase_too_short' };
	}
	if (score < MIN_PASSPHRASE_SCORE) {
		return { score, acceptable: false, advice: 'staff_passphrase_too_easy' };
	}
	return { score, acceptable: true, advice: score === 4 ? 'staff_passphrase_very_strong' : 'staff_passphrase_strong' };
}

export async function ratePassphrase(passphrase: string, userInputs: string[] = []): Promise<PassphraseRating> {
	return (await loadChecker())(passphrase, userInputs);
}

/** Why a new passphrase cannot be used yet (a staff message), or null when it can. */
export function newPassphraseProblem(
	acceptable: boolean,
	passphrase: string,
	confirmation: string
): StaffMessageKey | null {
	if (!acceptable) return 'staff_passphrase_choose_stronger';
	if (passphrase !== confirmation) return 'staff_passphrase_not_same';
	return null;
}
