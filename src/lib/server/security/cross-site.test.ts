import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from './cross-site';

const portal = 'https://voice.example.org';
const onion = 'http://2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion';

function check(
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: string } = {},
	onionOrigin: string | null = null
) {
	const url = new URL(path, portal);
	const request = new Request(url, { method: init.method ?? 'POST', headers: init.headers, body: init.body });
	return isCrossSiteWrite(request, url, onionOrigin);
}

const form = (origin?: string) => ({
	headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
	body: 'receipt=1234'
});

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

	it('leave reads and pages alone unless they carry a form', () => {
		expect(check('/api/receipts/status', { method: 'GET', headers: { 'sec-fetch-site': 'cross-site' } })).toBe(false);
		expect(check('/staff/login', { headers: { 'sec-fetch-site': 'cross-site' } })).toBe(false);
		expect(check('/apiary', { headers: { 'sec-fetch-site': 'cross-site' } })).toBe(false);
	});
});

describe('cross-site form posts', () => {
	it('are refused without the portal’s own Origin, on pages and endpoints alike', () => {
		for (const path of ['/check', '/staff/login?/signIn', '/api/receipts/status', '/no-such-page']) {
			expect(check(path, form('https://evil.example'))).toBe(true);
			expect(check(path, form('null'))).toBe(true);
			expect(check(path, form())).toBe(true);
		}
		for (const type of ['multipart/form-data; boundary=x', 'TEXT/PLAIN;charset=utf-8']) {
			expect(check('/check', { headers: { 'content-type': type, origin: 'https://evil.example' }, body: 'x' })).toBe(
				true
			);
		}
	});

	it('pass from the portal’s own pages, also posted without JavaScript under no-referrer', () => {
		expect(check('/check', form(portal))).toBe(false);
		const plain = form('null');
		expect(check('/tell/steps', { ...plain, headers: { ...plain.headers, 'sec-fetch-site': 'same-origin' } })).toBe(
			false
		);
		for (const site of ['cross-site', 'same-site', 'none']) {
			expect(check('/tell/steps', { ...plain, headers: { ...plain.headers, 'sec-fetch-site': site } })).toBe(true);
		}
		expect(check('/staff/login?/signIn', form(portal))).toBe(false);
		expect(check('/check', { headers: { 'content-type': 'application/json' }, body: '{}' })).toBe(false);
	});
});

describe('with an onion service', () => {
	it('accepts form posts and JSON writes from the onion origin as the portal’s own', () => {
		expect(check('/check', form(onion), onion)).toBe(false);
		expect(check('/staff/login?/signIn', form(onion), onion)).toBe(false);
		expect(check('/api/submissions', { headers: { origin: onion } }, onion)).toBe(false);
		expect(check('/api/submissions', { headers: { origin: onion, 'sec-fetch-site': 'same-origin' } }, onion)).toBe(
			false
		);
		expect(check('/check', form(portal), onion)).toBe(false);
	});

	it('still refuses every other origin, and the onion origin when none is configured', () => {
		expect(check('/check', form(onion))).toBe(true);
		expect(check('/api/submissions', { headers: { origin: onion } })).toBe(true);
		expect(check('/check', form('https://evil.example'), onion)).toBe(true);
		expect(check('/check', form(onion.replace('http:', 'https:')), onion)).toBe(true);
		expect(check('/api/submissions', { headers: { origin: onion, 'sec-fetch-site': 'cross-site' } }, onion)).toBe(true);
	});
});
