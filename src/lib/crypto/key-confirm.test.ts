import { beforeAll, describe, expect, it } from 'vitest';
import {
	answerChannelKeyChallenge,
	answerCorpusKeyChallenge,
	corpusKeyCheckPublicKey,
	DecryptionError,
	FormatError,
	newChannelKeyPair,
	newCorpusKey,
	newKeyConfirmChallenge,
	readyCrypto,
	sealKeyConfirmChallenge,
	sealToPublicKey
} from './index';

beforeAll(async () => {
	await readyCrypto();
});

const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

describe('key confirmation', () => {
	it('derives the corpus check public key as documented (independent BLAKE2b + X25519 vector)', () => {
		const corpusKey = Uint8Array.from({ length: 32 }, (_, index) => index);
		expect(toHex(corpusKeyCheckPublicKey(corpusKey))).toBe(
			'5920ecd653af00e61572256f11a3d33161b4ad4d4793a87294d021e885c49147'
		);
	});

	it('lets the holder of a channel secret key return the challenge sealed to its public key', () => {
		const channel = newChannelKeyPair();
		const challenge = newKeyConfirmChallenge();
		const sealed = sealKeyConfirmChallenge(challenge, channel.publicKey);
		expect(answerChannelKeyChallenge(channel.secretKey, channel.publicKey, sealed)).toEqual(challenge);
	});

	it('refuses a channel secret key that does not belong to the announced public key', () => {
		const announced = newChannelKeyPair();
		const junk = newChannelKeyPair();
		const sealed = sealKeyConfirmChallenge(newKeyConfirmChallenge(), announced.publicKey);
		expect(() => answerChannelKeyChallenge(junk.secretKey, announced.publicKey, sealed)).toThrow(DecryptionError);
	});

	it('cannot open a challenge sealed to another key', () => {
		const channel = newChannelKeyPair();
		const other = newChannelKeyPair();
		const sealed = sealKeyConfirmChallenge(newKeyConfirmChallenge(), other.publicKey);
		expect(() => answerChannelKeyChallenge(channel.secretKey, channel.publicKey, sealed)).toThrow(DecryptionError);
	});

	it('refuses a sealed message of the wrong length as a challenge', () => {
		const channel = newChannelKeyPair();
		const sealed = sealToPublicKey(new Uint8Array(16), channel.publicKey);
		expect(() => answerChannelKeyChallenge(channel.secretKey, channel.publicKey, sealed)).toThrow(FormatError);
		expect(() => sealKeyConfirmChallenge(new Uint8Array(16), channel.publicKey)).toThrow(FormatError);
	});

	it('lets a corpus key holder answer, and refuses a corpus key that does not match the check key', () => {
		const corpusKey = newCorpusKey();
		const checkPublicKey = corpusKeyCheckPublicKey(corpusKey);
		const challenge = newKeyConfirmChallenge();
		const sealed = sealKeyConfirmChallenge(challenge, checkPublicKey);
		expect(answerCorpusKeyChallenge(corpusKey, checkPublicKey, sealed)).toEqual(challenge);
		expect(() => answerCorpusKeyChallenge(newCorpusKey(), checkPublicKey, sealed)).toThrow(DecryptionError);
	});
});
