import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertStaffUser } from './staff';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { UsernameError, usernameSkeleton } from './usernames';

useTemporaryDatabase();

const create = (username: string) => insertStaffUser(fakeStaffUser(username), { secret: randomBytes(20), step: 0 });

beforeAll(() => {
	setUpTestDeployment({ admin: fakeStaffUser('admin') });
});

describe('usernames that look alike', () => {
	it('refuses "аdmin" with a Cyrillic а next to "admin"', () => {
		expect('аdmin').not.toBe('admin');
		expect(() => create('аdmin')).toThrow(UsernameError);
	});

	it('refuses a whole-script double: Cyrillic "асе" once Latin "ace" exists', () => {
		create('ace');
		expect(() => create('асе')).toThrow(/looks like/);
	});

	it('refuses names that differ only by look-alike digits or letter pairs', () => {
		create('olga.m');
		expect(() => create('0lga.m')).toThrow(/looks like/);
		expect(() => create('olga.rn')).toThrow(/looks like/);
	});

	it('refuses a name that mixes alphabets even with no double yet', () => {
		expect(() => create('mаria')).toThrow(/one alphabet/);
	});

	it('accepts names written wholly in one non-Latin alphabet', () => {
		expect(() => create('محمد')).not.toThrow();
		expect(() => create('олена')).not.toThrow();
		expect(() => create('ሰላም')).not.toThrow();
	});

	it('folds look-alikes to the same skeleton', () => {
		expect(usernameSkeleton('аdmin')).toBe(usernameSkeleton('admin'));
		expect(usernameSkeleton('ramin')).not.toBe(usernameSkeleton('admin'));
	});
});
