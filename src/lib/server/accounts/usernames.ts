import { remove as replaceConfusables } from 'confusables';
import { db } from '../db';
import { staffUser } from '../db/schema';
import { DomainError, type Refusal } from '../http/errors';

export class UsernameError extends DomainError {
	declare readonly status: 400 | 409;

	constructor(refusal: Refusal, status: 400 | 409) {
		super(refusal, status);
	}
}

/** Scripts a username's letters may come from; one of them per name. */
const SCRIPTS = [
	'Latin',
	'Cyrillic',
	'Greek',
	'Arabic',
	'Hebrew',
	'Armenian',
	'Georgian',
	'Ethiopic',
	'Devanagari',
	'Bengali',
	'Thai',
	'Hangul',
	'Han',
	'Hiragana',
	'Katakana'
] as const;
const LETTER_OF = SCRIPTS.map((script) => new RegExp(`\\p{Script=${script}}`, 'u'));

/** Japanese names mix these three; no other mixture is a name anyone types by accident. */
const JAPANESE = new Set(['Han', 'Hiragana', 'Katakana']);

function scriptsOf(username: string): Set<string> {
	const found = new Set<string>();
	for (const char of username) {
		if (!/\p{L}/u.test(char)) continue;
		const index = LETTER_OF.findIndex((pattern) => pattern.test(char));
		found.add(index === -1 ? 'Other' : SCRIPTS[index]);
	}
	return found;
}

/**
 * What a username looks like, roughly: look-alike letters from any script folded to the Latin
 * letters they imitate ("аdmin" with a Cyrillic а becomes "admin"), plus the digit and pair
 * look-alikes a reader confuses in a staff list. Two names with the same skeleton cannot both exist.
 */
export function usernameSkeleton(normalised: string): string {
	return replaceConfusables(normalised.normalize('NFKC'))
		.toLowerCase()
		.replace(/0/g, 'o')
		.replace(/[1|]/g, 'l')
		.replace(/rn/g, 'm')
		.replace(/vv/g, 'w');
}

/**
 * Refuses a new (already normalised) username that mixes scripts or looks like an existing
 * one, so nobody can be invited as a double of a colleague in the staff list or audit log.
 * Call inside the transaction that inserts the account.
 */
export function assertUsernameDistinct(normalised: string): void {
	const scripts = scriptsOf(normalised);
	const mixed = scripts.size > 1 && ![...scripts].every((script) => JAPANESE.has(script));
	if (mixed) throw new UsernameError({ key: 'staff_refusals_username_one_alphabet' }, 400);
	const skeleton = usernameSkeleton(normalised);
	const taken = db()
		.select({ username: staffUser.username })
		.from(staffUser)
		.all()
		.some((existing) => existing.username === normalised || usernameSkeleton(existing.username) === skeleton);
	if (taken) throw new UsernameError({ key: 'staff_refusals_username_taken_alike' }, 409);
}
