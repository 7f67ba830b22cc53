/**
 * Reply templates as moderators meet them: a kind (what the reply does) written in several
 * languages. Templates of one kind in different languages are the same reply translated, so a
 * moderator can send the survivor's language and read their own.
 */
import type { StaffMessageKey, StaffTranslate } from '$lib/staff-i18n';

export const TEMPLATE_KINDS = ['acknowledgement', 'clarification', 'referral'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export type TemplateText = { kind: TemplateKind; locale: string; text: string };

const KIND_LABELS: Record<TemplateKind, StaffMessageKey> = {
	acknowledgement: 'staff_moderation_templates_kind_acknowledgement',
	clarification: 'staff_moderation_templates_kind_clarification',
	referral: 'staff_moderation_templates_kind_referral'
};

export const templateKindLabel = (translate: StaffTranslate, kind: TemplateKind) => translate(KIND_LABELS[kind]);

export type TemplatePair<T extends TemplateText> = {
	/** The template in the survivor's language: what the reply starts from. */
	toSend: T | undefined;
	/** The same reply in the moderator's language, to read; none when both languages are one. */
	toRead: T | undefined;
	/** The same kind in each other language (the first where one has several), offered when the survivor's is missing. */
	others: T[];
};

/** The templates of one kind for a reply to a testimony in `survivorLocale`, read by staff in `staffLocale`. */
export function templatePair<T extends TemplateText>(
	templates: readonly T[],
	kind: TemplateKind,
	survivorLocale: string,
	staffLocale: string
): TemplatePair<T> {
	const ofKind = templates.filter((template) => template.kind === kind);
	const inLocale = (locale: string) => ofKind.find((template) => template.locale === locale);
	return {
		toSend: inLocale(survivorLocale),
		toRead: staffLocale === survivorLocale ? undefined : inLocale(staffLocale),
		others: ofKind.filter((template) => template.locale !== survivorLocale && inLocale(template.locale) === template)
	};
}

export type KindRow<T extends TemplateText> = {
	kind: TemplateKind;
	/** One entry per language written: the channel's offered languages first, then the others. */
	written: { locale: string; templates: T[] }[];
	/** Languages that have a template of some kind, or that the channel offers, but none of this kind. */
	missing: string[];
};

/**
 * One channel's templates by kind, each kind's languages side by side. A language counts as
 * missing for a kind when the channel offers it or another kind is written in it.
 */
export function templatesByKind<T extends TemplateText>(
	templates: readonly T[],
	offered: readonly string[]
): KindRow<T>[] {
	const languages = [...new Set([...offered, ...templates.map((template) => template.locale)])];
	return TEMPLATE_KINDS.map((kind) => {
		const written = languages
			.map((locale) => ({
				locale,
				templates: templates.filter((template) => template.kind === kind && template.locale === locale)
			}))
			.filter((entry) => entry.templates.length > 0);
		const has = new Set(written.map((entry) => entry.locale));
		return { kind, written, missing: languages.filter((locale) => !has.has(locale)) };
	});
}
