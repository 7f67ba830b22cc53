import { describe, expect, it } from 'vitest';
import { isStaffLocale, negotiateStaffLocale, partOfKey, staffPartsFor, staffTranslator } from './staff-i18n';

describe('the staff locale a browser asks for', () => {
	it('is the first staff language by weight, matched exactly or by its language alone', () => {
		expect(negotiateStaffLocale('cs-CZ,cs;q=0.9,en;q=0.8')).toBe('cs');
		expect(negotiateStaffLocale('fr-BE')).toBe('fr');
		expect(negotiateStaffLocale('de-DE,de;q=0.9,nl;q=0.8,en;q=0.7')).toBe('nl');
		expect(negotiateStaffLocale('en;q=0.5, it;q=0.9')).toBe('it');
		expect(negotiateStaffLocale('NL')).toBe('nl');
	});

	it('is English when the browser asks for nothing the staff pages speak, or says nothing', () => {
		expect(negotiateStaffLocale('de-DE,ar;q=0.5')).toBe('en');
		expect(negotiateStaffLocale('')).toBe('en');
		expect(negotiateStaffLocale(null)).toBe('en');
		expect(negotiateStaffLocale('fr;q=0, *')).toBe('en');
		expect(negotiateStaffLocale(';;,,q=x')).toBe('en');
	});

	it('keeps only the five staff languages', () => {
		expect(['en', 'fr', 'it', 'nl', 'cs'].every(isStaffLocale)).toBe(true);
		expect(isStaffLocale('ar')).toBe(false);
		expect(isStaffLocale('__proto__')).toBe(false);
		expect(isStaffLocale(null)).toBe(false);
	});
});

describe('a staff translator', () => {
	it('fills placeholders and leaves unknown ones as they are', () => {
		const t = staffTranslator({ staff_account_codes_left: '{left} of {total} left.' });
		expect(t('staff_account_codes_left', { left: 3, total: '10' })).toBe('3 of 10 left.');
		expect(t('staff_account_codes_left', { left: 3 })).toBe('3 of {total} left.');
	});
});

describe('the staff strings a page receives', () => {
	it('are the common part everywhere, and its area’s part inside an area', () => {
		expect(staffPartsFor('/staff/login')).toEqual(['common']);
		expect(staffPartsFor('/staff/(app)/account')).toEqual(['common']);
		expect(staffPartsFor('/staff/(app)/(inbox)')).toEqual(['common', 'moderation']);
		expect(staffPartsFor('/staff/(app)/testimony/[id]')).toEqual(['common', 'moderation']);
		expect(staffPartsFor('/staff/(app)/research/records/[id]')).toEqual([
			'common',
			'research',
			'analysis',
			'codebook',
			'import'
		]);
		// A prefix that only begins the same is another route.
		expect(staffPartsFor('/staff/(app)/sessions-archive')).toEqual(['common']);
		expect(staffPartsFor(null)).toEqual(['common']);
	});

	it('are named by the key’s prefix; refusals stay on the server', () => {
		expect(partOfKey('staff_nav_inbox')).toBe('common');
		expect(partOfKey('staff_accounts_invite')).toBe('common');
		expect(partOfKey('staff_admin_audit_title')).toBe('admin');
		expect(partOfKey('staff_refusals_no_such_code')).toBeNull();
	});
});
