import { describe, expect, it } from 'vitest';
import { useTemporaryDatabase } from '../testing';
import { health } from './health';

useTemporaryDatabase();

const GIB = 1024 ** 3;

describe('the health check', () => {
	it('is ok with the database readable and the disk above its headroom', () => {
		expect(health()).toEqual({ status: 'ok' });
	});

	it('is unavailable when the disk is below the headroom that intake keeps free', () => {
		const nearlyFull = () => ({ freeBytes: 100 * 1024 * 1024, totalBytes: 100 * GIB });
		expect(health(undefined, nearlyFull)).toEqual({
			status: 'unavailable',
			reason: 'The disk is below its headroom: new testimonies are refused.'
		});
	});

	it('is unavailable when the database cannot be read, and says nothing of the error', () => {
		const broken = () => {
			throw new Error('SQLITE_CORRUPT: database disk image is malformed (survivor_submission)');
		};
		expect(health(broken)).toEqual({ status: 'unavailable', reason: 'The database cannot be read.' });
	});
});
