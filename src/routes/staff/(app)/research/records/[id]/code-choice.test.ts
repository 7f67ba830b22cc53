import { describe, expect, it } from 'vitest';
import { CodeChoice } from './code-choice.svelte';

const CODES = [
	{ id: 'jobs', path: 'Work and income › Access to jobs' },
	{ id: 'care', path: 'Health and psycho-social support › Access to care' },
	{ id: 'status', path: 'Housing › Access after status' },
	{ id: 'racism', path: 'Discrimination and culture › Racism' }
];

describe('choosing codes in “Find a code”', () => {
	it('lists the codes a search finds, sorted by path, the first one active', () => {
		const choice = new CodeChoice(() => CODES);
		choice.search('ACCESS');
		expect(choice.listed.map((option) => option.id)).toEqual(['care', 'status', 'jobs']);
		expect(choice.toApply()).toEqual(['care']);
	});

	it('applies the option the arrow keys point at, not the first match', () => {
		const choice = new CodeChoice(() => CODES);
		choice.search('access');
		choice.move(1);
		expect(choice.toApply()).toEqual(['status']);
		choice.move(1);
		choice.move(1);
		expect(choice.toApply()).toEqual(['jobs']);
		choice.move(-1);
		expect(choice.toApply()).toEqual(['status']);
	});

	it('keeps codes ticked while the search changes, and applies them with the active one', () => {
		const choice = new CodeChoice(() => CODES);
		choice.search('jobs');
		choice.toggle('jobs');
		choice.search('racism');
		choice.toggle('racism');
		expect(choice.chosen).toEqual(['jobs', 'racism']);
		expect(choice.toApply()).toEqual(['jobs', 'racism']);
		choice.search('care');
		expect(choice.toApply()).toEqual(['jobs', 'racism', 'care']);
	});

	it('applies nothing new when the search finds nothing, and forgets the ticks once applied', () => {
		const choice = new CodeChoice(() => CODES);
		choice.search('no such code');
		choice.move(1);
		expect(choice.toApply()).toEqual([]);
		choice.toggle('racism');
		choice.applied(['racism']);
		expect(choice.chosen).toEqual([]);
		expect(choice.filter).toBe('');
		expect(choice.recent).toEqual(['racism']);
	});

	it('keeps the active option inside a shorter list after a new search', () => {
		const choice = new CodeChoice(() => CODES);
		choice.move(1);
		choice.move(1);
		choice.move(1);
		choice.search('racism');
		expect(choice.active).toBe(0);
		expect(choice.toApply()).toEqual(['racism']);
	});
});
