import { describe, expect, it } from 'vitest';
import { responseSecurityHeaders, type Origins } from './headers';

const LABEL = '2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid';
const onionOrigin = `http://${LABEL}.onion`;
const clearnet: Origins = { origin: 'https://voice.example.org', onionOrigin };

function headersFor(origins: Origins, host: string, path: string, routeId: string | null) {
	return responseSecurityHeaders(origins, host, new URL(path, origins.origin), routeId);
}

describe('response security headers', () => {
	it('name the onion address of a survivor page reached over https, path and query kept', () => {
		const headers = headersFor(clearnet, 'voice.example.org', '/ar/check?x=1', '/(survivor)/check');
		expect(headers['onion-location']).toBe(`${onionOrigin}/ar/check?x=1`);
		expect(headers['strict-transport-security']).toMatch(/max-age=/);
	});

	it('do not name it on staff pages, endpoints or without an onion service', () => {
		expect(headersFor(clearnet, 'voice.example.org', '/staff/login', '/staff/login')).not.toHaveProperty(
			'onion-location'
		);
		expect(headersFor(clearnet, 'voice.example.org', '/api/proofs', '/api/proofs')).not.toHaveProperty(
			'onion-location'
		);
		expect(headersFor(clearnet, 'voice.example.org', '/nowhere', null)).not.toHaveProperty('onion-location');
		const withoutOnion = { ...clearnet, onionOrigin: null };
		expect(headersFor(withoutOnion, 'voice.example.org', '/', '/(survivor)')).not.toHaveProperty('onion-location');
	});

	it('send neither HSTS nor Onion-Location over the onion service itself', () => {
		const headers = headersFor(clearnet, `${LABEL}.onion`, '/fr/tell', '/(survivor)/tell');
		expect(headers).not.toHaveProperty('strict-transport-security');
		expect(headers).not.toHaveProperty('onion-location');
		expect(headers['referrer-policy']).toBe('no-referrer');
	});

	it('send neither when the portal’s own origin is plain http', () => {
		const local = { origin: 'http://localhost:3000', onionOrigin };
		const headers = headersFor(local, 'localhost:3000', '/', '/(survivor)');
		expect(headers).not.toHaveProperty('strict-transport-security');
		expect(headers).not.toHaveProperty('onion-location');
	});
});
