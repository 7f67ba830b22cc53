import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from './cross-site';

const portal = 'https://voice.example.org';

function check(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
	const url = new URL(path, portal);
	return isCrossSiteWrite(new Request(url, { method: init.method ?? 'POST', headers: init.headers }), url);
}

describe('cross-site writes to JSON endpoints', () => {
	it('are refused when the browser says the request comes from another site', () => {
		for (const site of ['cross-site', 'same-site', 'none']) {
			expect(check('/api/submissions', { headers: { 'sec-fetch-site': site } })).toBe(true);
			expect(check('/staff/api/channels/abc/rotate', { headers: { 'sec-fetch-site': site } })).toBe(true);
		}
		for (const method of ['PUT', 'PATCH', 'DELETE']) {
			expect(check('/api/submissions/a/attachments/b', { method, headers: { 'sec-fetch-site': 'cross-site' } })).toBe(
				true
			);
		}
	});

	it('are refused on a foreign or opaque Origin when the browser sends no Sec-Fetch-Site', () => {
		expect(check('/api/receipts/withdraw', { headers: { origin: 'https://evil.example' } })).toBe(true);
		expect(check('/api/receipts/withdraw', { headers: { origin: 'null' } })).toBe(true);
		expect(check('/api/receipts/withdraw', { headers: { origin: 'http://voice.example.org' } })).toBe(true);
	});

	it('are refused when Sec-Fetch-Site says cross-site even if Origin looks right', () => {
		expect(check('/api/submissions', { headers: { 'sec-fetch-site': 'cross-site', origin: portal } })).toBe(true);
	});

	it('pass from the portal’s own pages, and from clients that are not browsers', () => {
		expect(check('/api/submissions', { headers: { 'sec-fetch-site': 'same-origin', origin: portal } })).toBe(false);
		expect(check('/staff/api/login', { headers: { origin: portal } })).toBe(false);
		expect(check('/api/submissions')).toBe(false);
	});

	it('leave reads and pages alone (form actions have SvelteKit’s own check)', () => {
		expect(check('/api/receipts/status', { method: 'GET', headers: { 'sec-fetch-site': 'cross-site' } })).toBe(false);
		expect(check('/staff/login', { headers: { 'sec-fetch-site': 'cross-site' } })).toBe(false);
		expect(check('/apiary', { headers: { 'sec-fetch-site': 'cross-site' } })).toBe(false);
	});
});
