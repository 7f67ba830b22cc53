/** Staff passphrases: at least this long, and rated at least "strong" by zxcvbn. */
export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_PASSPHRASE_SCORE = 3;

export type PassphraseRating = { score: 0 | 1 | 2 | 3 | 4; acceptable: boolean; advice: string };

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
		return {
			score,
			acceptable: false,
			advice: `Use at least ${MIN_PASSPHRASE_LENGTH} characters; four or five unrelated words work well.`
		};
	}
	if (score < MIN_PASSPHRASE_SCORE) {
		return { score, acceptable: false, advice: 'Too easy to guess: add more unrelated words.' };
	}
	return { score, acceptable: true, advice: score === 4 ? 'Very strong.' : 'Strong.' };
}

export async function ratePassphrase(passphrase: string, userInputs: string[] = []): Promise<PassphraseRating> {
	return (await loadChecker())(passphrase, userInputs);
}

/** Why a new passphrase cannot be used yet, or '' when it can. */
export function newPassphraseProblem(acceptable: boolean, passphrase: string, confirmation: string): string {
	if (!acceptable) return 'Choose a stronger passphrase.';
	if (passphrase !== confirmation) return 'The two passphrases are not the same.';
	return '';
}
