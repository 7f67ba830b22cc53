import { describe, expect, it } from 'vitest';
import { isReservedActionName, unknownActionResponse } from './form-actions';

const url = (search: string) => new URL(`http://localhost/staff/templates${search}`);

describe('reserved form action names', () => {
	it.each(['?/default', '?/__proto__', '?/constructor', '?/toString', '?/hasOwnProperty', '?x=1&/valueOf'])(
		'treats %s as no action at all',
		(search) => expect(isReservedActionName(url(search))).toBe(true)
	);

	it.each(['', '?/add', '?/delete', '?/', '?next=/default', '?/defaults'])('leaves %s to SvelteKit', (search) =>
		expect(isReservedActionName(url(search))).toBe(false)
	);

	it('answers an enhanced form with the JSON SvelteKit expects, and a plain post with text', async () => {
		const enhanced = unknownActionResponse(
			new Request(url('?/default'), { method: 'POST', headers: { 'x-sveltekit-action': 'true' } })
		);
		expect(enhanced.status).toBe(404);
		expect(await enhanced.json()).toEqual({ type: 'error', error: { message: 'This page has no such form action.' } });
		const plain = unknownActionResponse(new Request(url('?/default'), { method: 'POST' }));
		expect(plain.status).toBe(404);
	});
});
