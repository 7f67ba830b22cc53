/**
 * Per language: whether survivors may hear the browser's own speech synthesis read a text that
 * has no recording. Off unless an admin turns it on, since a robotic voice can mispronounce and
 * some languages have none. It changes what survivors hear, so it follows the rule for the
 * questionnaire's wording: one admin may change it, at once, and every change is audited.
 */
import { isLocale, locales, type Locale } from '$lib/paraglide/runtime';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { StaffRefusal } from '../http/errors';
import { readSetting, writeSetting } from './store';

/** Stored as the languages that have it on, comma-separated, in the portal's locale order. */
export function speechSynthesisLocales(): Locale[] {
	const stored = new Set((readSetting('speech_synthesis_locales') ?? '').split(','));
	return locales.filter((locale) => stored.has(locale));
}

export function speechSynthesisOn(locale: Locale): boolean {
	return speechSynthesisLocales().includes(locale);
}

/**
 * Sets the languages that have speech synthesis on (every other one has it off). Refuses an
 * unknown language before writing anything; audits only when something changed.
 */
export function setSpeechSynthesisLocales(chosen: readonly string[], actorId: string | null): { changed: boolean } {
	if (!chosen.every((locale) => isLocale(locale))) {
		throw new StaffRefusal({ key: 'staff_refusals_prompt_unknown_locale' }, 400);
	}
	const next = locales.filter((locale) => chosen.includes(locale));
	return db().transaction(() => {
		const before = speechSynthesisLocales();
		const turnedOn = next.filter((locale) => !before.includes(locale));
		const turnedOff = before.filter((locale) => !next.includes(locale));
		if (turnedOn.length === 0 && turnedOff.length === 0) return { changed: false };
		writeSetting('speech_synthesis_locales', next.join(','));
		recordAudit({
			actorId,
			action: 'settings.speech_synthesis',
			subjectType: 'setting',
			subjectId: 'speech_synthesis_locales',
			detail: { on: turnedOn.join(','), off: turnedOff.join(',') }
		});
		return { changed: true };
	});
}
