import type { Code, CodeTexts } from './types';

/*
 * Codes in one staff language: a code's translated name and description where the codebook has
 * them, its base text where not. The server hands pages codes in the reader's language this way;
 * the exports page writes files in the language the researcher picks.
 */

/** The codes with their words in `locale`, each marked when its name had to fall back to the base text. */
export function codesIn(codes: Code[], texts: CodeTexts, locale: string, baseLocale: string): Code[] {
	return codes.map((code) => {
		const base = texts[code.id]?.[baseLocale] ?? { name: code.name, description: code.description };
		const translation = locale === baseLocale ? base : texts[code.id]?.[locale];
		return {
			...code,
			name: translation?.name || base.name,
			description: translation?.description || base.description,
			untranslated: !translation?.name
		};
	});
}
