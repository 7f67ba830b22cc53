import { describe, expect, it } from 'vitest';
import { isOnionHost, isOnionV3Label, OnionOriginError, parseOnionOrigin } from './onion-origin.js';

/** The Tor Project's own onion service: a real version 3 address with a valid checksum. */
const LABEL = '2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid';
const ONION = `http://${LABEL}.onion`;

describe('ONION_ORIGIN', () => {
	it('is off when unset or empty', () => {
		expect(parseOnionOrigin(undefined)).toBeNull();
		expect(parseOnionOrigin('')).toBeNull();
		expect(parseOnionOrigin('  ')).toBeNull();
	});

	it('accepts a version 3 onion origin over http or https, and normalises it', () => {
		expect(parseOnionOrigin(ONION)).toBe(ONION);
		expect(parseOnionOrigin(` ${ONION}/ `)).toBe(ONION);
		expect(parseOnionOrigin(ONION.toUpperCase().replace('HTTP', 'http'))).toBe(ONION);
		expect(parseOnionOrigin(`https://${LABEL}.onion`)).toBe(`https://${LABEL}.onion`);
		expect(parseOnionOrigin(`${ONION}:8080`)).toBe(`${ONION}:8080`);
	});

	it('refuses anything else with a message that says what to set', () => {
		const refusals: [string, RegExp][] = [
			['voice.onion', /not an address/],
			[`ftp://${LABEL}.onion`, /http:\/\/ or https:\/\//],
			[`${ONION}/tell`, /origin alone/],
			[`${ONION}?a=1`, /origin alone/],
			['https://voice.example.org', /end in \.onion/],
			['http://expyuzz4wqqyqhjn.onion', /version 3/],
			[`http://${LABEL.slice(0, -1)}a.onion`, /valid checksum/],
			[`http://www.${LABEL}.onion`, /version 3/]
		];
		for (const [value, reason] of refusals) {
			expect(() => parseOnionOrigin(value), value).toThrow(OnionOriginError);
			expect(() => parseOnionOrigin(value), value).toThrow(reason);
			expect(() => parseOnionOrigin(value), value).toThrow(/HiddenServiceDir/);
		}
	});

	it('checks the version byte and the checksum of the address', () => {
		expect(isOnionV3Label(LABEL)).toBe(true);
		expect(isOnionV3Label('duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad')).toBe(true);
		expect(isOnionV3Label('duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczbd')).toBe(false);
		expect(isOnionV3Label(LABEL.replace('2', 'a'))).toBe(false);
		expect(isOnionV3Label('a'.repeat(56))).toBe(false);
	});

	it('tells requests that came through the onion service by their Host', () => {
		expect(isOnionHost(`${LABEL}.onion`, ONION)).toBe(true);
		expect(isOnionHost(`${LABEL}.ONION`, ONION)).toBe(true);
		expect(isOnionHost('voice.example.org', ONION)).toBe(false);
		expect(isOnionHost(null, ONION)).toBe(false);
		expect(isOnionHost(`${LABEL}.onion`, null)).toBe(false);
	});
});
