import { describe, expect, it } from 'vitest';
import type { StaffIdentity } from '../auth/session';
import { STAFF_STRING_AREAS, type StaffStringPart } from '$lib/staff-i18n';
import { staffDictionary, staffLocaleFor, staffStringPart, staffText } from './staff';

const signedIn = (locale: string | null): StaffIdentity => ({
	id: 'staff-1',
	username: 'moderator.one',
	sessionId: 'session-1',
	roles: [],
	awaitingSecondFactor: false,
	locale
});
const czechBrowser = new Headers({ 'accept-language': 'cs-CZ,cs;q=0.9' });
const login = (query = '') => new URL(`https://voice.example/staff/login${query}`);

describe('the language of a staff page', () => {
	it('is the account’s choice, whatever the address or the browser asks', () => {
		expect(staffLocaleFor(signedIn('it'), login('?lang=fr'), czechBrowser)).toBe('it');
	});

	it('is the address’s choice without one, then the browser’s', () => {
		expect(staffLocaleFor(null, login('?lang=fr'), czechBrowser)).toBe('fr');
		expect(staffLocaleFor(signedIn(null), login('?lang=nl'), czechBrowser)).toBe('nl');
		expect(staffLocaleFor(null, login(), czechBrowser)).toBe('cs');
	});

	it('ignores a language the staff pages do not speak, wherever it comes from', () => {
		expect(staffLocaleFor(signedIn('ar'), login('?lang=xx'), new Headers())).toBe('en');
	});
});

describe('staff strings on the server', () => {
	it('are given to a page whole, as templates, in its language', () => {
		const french = staffDictionary('fr');
		expect(french.staff_nav_inbox).toBe('Boîte de réception');
		expect(french.staff_account_codes_left).toContain('{left}');
		expect(Object.keys(french).every((key) => key.startsWith('staff_'))).toBe(true);
	});

	it('travel in parts: each key in exactly one, a refusal in none, the same in every language', () => {
		const parts: StaffStringPart[] = ['common', ...STAFF_STRING_AREAS];
		for (const locale of ['en', 'cs'] as const) {
			const sent = parts.flatMap((part) => Object.keys(staffStringPart(locale, part)));
			const all = Object.keys(staffDictionary(locale));
			expect(new Set(sent).size).toBe(sent.length);
			expect(all.filter((key) => !sent.includes(key)).every((key) => key.startsWith('staff_refusals_'))).toBe(true);
			expect(sent.length).toBeGreaterThan(400);
		}
		expect(Object.keys(staffStringPart('fr', 'moderation')).every((key) => key.startsWith('staff_moderation_'))).toBe(
			true
		);
		expect(staffStringPart('fr', 'common').staff_nav_inbox).toBe('Boîte de réception');
		expect(staffStringPart('fr', 'common')).not.toHaveProperty('staff_moderation_inbox_title');
	});

	it('answer a form in the staff member’s language, placeholders filled', () => {
		expect(staffText('cs', 'staff_account_session_ended')).toBe('Relace byla ukončena.');
		expect(staffText('en', 'staff_account_codes_left', { left: 4, total: 10 })).toBe(
			'4 of 10 recovery codes left unused.'
		);
	});
});
