/**
 * The portal's address as a Tor onion service (ONION_ORIGIN), read by the server and by
 * scripts/start.js, which serves static files before any hook runs. Plain JavaScript so that
 * both can load it. See docs/tor.md.
 */
import { createHash } from 'node:crypto';

export class OnionOriginError extends Error {
	/** @param {string} message */
	constructor(message) {
		super(message);
		this.name = 'OnionOriginError';
	}
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** @param {string} text 56 base32 characters */
function base32Decode(text) {
	const bytes = new Uint8Array(Math.floor((text.length * 5) / 8));
	let buffer = 0;
	let bits = 0;
	let index = 0;
	for (const character of text) {
		buffer = (buffer << 5) | BASE32.indexOf(character);
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			bytes[index++] = (buffer >> bits) & 0xff;
		}
	}
	return bytes;
}

/**
 * Whether `label` is a version 3 onion address without its `.onion`: 56 base32 characters
 * encoding a 32-byte public key, a 2-byte checksum and the version byte 3 (Tor's rend-spec-v3,
 * section 6). The checksum catches a mistyped or truncated address.
 *
 * @param {string} label
 */
export function isOnionV3Label(label) {
	if (!/^[a-z2-7]{56}$/.test(label)) return false;
	const decoded = base32Decode(label);
	const publicKey = decoded.subarray(0, 32);
	const version = decoded.subarray(34, 35);
	if (version[0] !== 3) return false;
	const checksum = createHash('sha3-256')
		.update('.onion checksum')
		.update(publicKey)
		.update(version)
		.digest()
		.subarray(0, 2);
	return checksum[0] === decoded[32] && checksum[1] === decoded[33];
}

/**
 * Reads ONION_ORIGIN: unset or empty means no onion service. Anything else must be an origin
 * (`http://<56 characters>.onion`, https allowed, no path) or the portal refuses to start: a
 * wrong address would send Tor Browser users to a site that is not this one.
 *
 * @param {string | undefined} value
 * @returns {string | null} the origin, lower case and without a trailing slash
 * @throws {OnionOriginError}
 */
export function parseOnionOrigin(value) {
	const raw = value?.trim() ?? '';
	if (raw === '') return null;
	/** @param {string} reason */
	const refuse = (reason) =>
		new OnionOriginError(
			`ONION_ORIGIN=${raw} is not usable: ${reason}. Set it to the onion service's address, like ` +
				'http://<56 letters and digits>.onion (the hostname file in HiddenServiceDir), or leave it unset.'
		);
	let url;
	try {
		url = new URL(raw);
	} catch {
		throw refuse('it is not an address');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('it must start with http:// or https://');
	if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
		throw refuse('it must be the origin alone, without a path, query or user name');
	}
	if (!url.hostname.endsWith('.onion')) throw refuse('its host must end in .onion');
	const label = url.hostname.slice(0, -'.onion'.length);
	if (!isOnionV3Label(label)) {
		throw refuse('its host must be a version 3 onion address (56 characters, with a valid checksum)');
	}
	return url.origin;
}

/**
 * Whether a request reached the portal through the onion service: Tor hands it over with the
 * onion address as its Host.
 *
 * @param {string | null | undefined} host the request's Host header
 * @param {string | null} onionOrigin as parseOnionOrigin returned it
 */
export function isOnionHost(host, onionOrigin) {
	return onionOrigin !== null && typeof host === 'string' && host.toLowerCase() === new URL(onionOrigin).host;
}
