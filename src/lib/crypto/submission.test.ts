import { beforeAll, describe, expect, it } from 'vitest';
import { DecryptionError, FormatError } from './errors';
import { sodiumInstance } from './sodium';
import {
	decryptSubmission,
	decryptWithKey,
	encryptSubmission,
	encryptWithKey,
	newChannelKeyPair,
	padPlaintext,
	readyCrypto,
	sealToPublicKey,
	submissionAdditionalData,
	unpadPlaintext,
	utf8Decode,
	utf8Encode,
	type StaffKeyPair,
	type SubmissionAddress,
	type SubmissionEnvelope,
	type SubmissionPayload
} from './index';

const CHANNEL_ID = 'ch_7f3a';
const CHANNEL_KEY_VERSION = 3;

const payload: SubmissionPayload = {
	v: 1,
	kind: 'testimony',
	locale: 'ti',
	consent: { research: true, quote: false, replies: true },
	answers: [
		{ questionId: 'journey', questionVersion: 2, text: 'ካብ ኣስመራ ናብ ሊብያ ብመኪና ወሲዶምና።' },
		{ questionId: 'work', questionVersion: 1, text: 'عملت في المزرعة سنتين بلا أجر.' }
	],
	context: { referrer: 'ngo-partner' }
};

let channel: StaffKeyPair;
let address: SubmissionAddress;
let envelope: SubmissionEnvelope;

beforeAll(async () => {
	await readyCrypto();
	channel = newChannelKeyPair();
	address = {
		channelId: CHANNEL_ID,
		channelKeyVersion: CHANNEL_KEY_VERSION,
		channelPublicKey: channel.publicKey
	};
	envelope = encryptSubmission(payload, address);
});

function flipByte(bytes: Uint8Array, index: number): Uint8Array {
	const copy = bytes.slice();
	copy[index] ^= 0x01;
	return copy;
}

function decrypt(tampered: SubmissionEnvelope, keyPair = channel): unknown {
	return decryptSubmission(tampered, CHANNEL_ID, CHANNEL_KEY_VERSION, keyPair);
}

/** A JSON payload whose serialised form is exactly `length` characters. */
function payloadOfJsonLength(length: number): { t: string } {
	return { t: 'x'.repeat(length - '{"t":""}'.length) };
}

describe('encryptSubmission / decryptSubmission', () => {
	it('round-trips a testimony with Arabic and Tigrinya text', () => {
		expect(decryptSubmission<SubmissionPayload>(envelope, CHANNEL_ID, CHANNEL_KEY_VERSION, channel)).toEqual(payload);
	});

	it('produces format 1, a 24-byte nonce and an 80-byte sealed data key', () => {
		expect(envelope.formatVersion).toBe(1);
		expect(envelope.nonce.length).toBe(24);
		expect(envelope.sealedDataKey.length).toBe(80);
		expect((envelope.ciphertext.length - 16) % 512).toBe(0);
	});

	it('differs on every encryption of the same payload (fresh data key and nonce)', () => {
		const again = encryptSubmission(payload, address);
		expect(again.nonce).not.toEqual(envelope.nonce);
		expect(again.ciphertext).not.toEqual(envelope.ciphertext);
		expect(again.sealedDataKey).not.toEqual(envelope.sealedDataKey);
	});

	it('hides the length: JSON of 10 and 400 characters give the same ciphertext length, 600 a larger one', () => {
		const [short, medium, long] = [10, 400, 600].map((length) => {
			const sized = payloadOfJsonLength(length);
			expect(JSON.stringify(sized).length).toBe(length);
			return encryptSubmission(sized, address).ciphertext.length;
		});
		expect(short).toBe(medium);
		expect(long).toBeGreaterThan(medium);
	});

	it('detects a flipped ciphertext byte with a DecryptionError', () => {
		for (const index of [0, 100, envelope.ciphertext.length - 1]) {
			expect(() => decrypt({ ...envelope, ciphertext: flipByte(envelope.ciphertext, index) })).toThrow(DecryptionError);
		}
	});

	it('detects a flipped nonce byte with a DecryptionError', () => {
		expect(() => decrypt({ ...envelope, nonce: flipByte(envelope.nonce, 23) })).toThrow(DecryptionError);
	});

	it('detects a flipped sealed data key byte with a DecryptionError', () => {
		expect(() => decrypt({ ...envelope, sealedDataKey: flipByte(envelope.sealedDataKey, 50) })).toThrow(
			DecryptionError
		);
	});

	it('refuses another channel id or key version (additional data) with a DecryptionError', () => {
		expect(() => decryptSubmission(envelope, 'ch_other', CHANNEL_KEY_VERSION, channel)).toThrow(DecryptionError);
		expect(() => decryptSubmission(envelope, CHANNEL_ID, CHANNEL_KEY_VERSION + 1, channel)).toThrow(DecryptionError);
	});

	it('refuses the wrong channel key pair with a DecryptionError', () => {
		expect(() => decrypt(envelope, newChannelKeyPair())).toThrow(DecryptionError);
	});

	it('reports a truncated ciphertext as a FormatError, whatever the cut', () => {
		for (const length of [0, 15, 527, envelope.ciphertext.length - 1]) {
			expect(() => decrypt({ ...envelope, ciphertext: envelope.ciphertext.subarray(0, length) })).toThrow(FormatError);
		}
	});

	it('reports a truncated sealed data key or a wrong nonce length as a FormatError', () => {
		expect(() => decrypt({ ...envelope, sealedDataKey: envelope.sealedDataKey.subarray(0, 79) })).toThrow(FormatError);
		expect(() => decrypt({ ...envelope, nonce: envelope.nonce.subarray(0, 12) })).toThrow(FormatError);
	});

	it('reports an unknown format version as a FormatError', () => {
		const version2 = { ...envelope, formatVersion: 2 } as unknown as SubmissionEnvelope;
		expect(() => decrypt(version2)).toThrow(FormatError);
	});

	it('reports a payload that cannot be serialised as a FormatError', () => {
		expect(() => encryptSubmission(undefined, address)).toThrow(FormatError);
		expect(() => encryptSubmission({ count: 1n }, address)).toThrow(FormatError);
	});

	it('refuses a channel public key of the wrong length with a FormatError', () => {
		expect(() => encryptSubmission(payload, { ...address, channelPublicKey: new Uint8Array(31) })).toThrow(FormatError);
	});
});

describe('a follow-up sealed also to the survivor’s reply key', () => {
	const followUp: SubmissionPayload = {
		v: 1,
		kind: 'message',
		locale: 'so',
		answers: [{ questionId: 'message', questionVersion: 1, text: 'Haa, weli waan joogaa.' }]
	};
	const asSurvivor = (sealed: SubmissionEnvelope, keyPair: StaffKeyPair) =>
		decrypt({ ...sealed, sealedDataKey: sealed.survivorSealedDataKey as Uint8Array }, keyPair);

	it('opens with the channel key and with the survivor’s key to the same payload', () => {
		const survivor = newChannelKeyPair();
		const sealed = encryptSubmission(followUp, address, survivor.publicKey);
		expect(sealed.survivorSealedDataKey?.length).toBe(80);
		expect(decrypt(sealed)).toEqual(followUp);
		expect(asSurvivor(sealed, survivor)).toEqual(followUp);
	});

	it('seals no survivor copy unless one is asked for', () => {
		expect(envelope.survivorSealedDataKey).toBeUndefined();
	});

	it('does not open with another receipt’s key, nor with a copy taken from another message', () => {
		const survivor = newChannelKeyPair();
		const sealed = encryptSubmission(followUp, address, survivor.publicKey);
		const other = encryptSubmission(followUp, address, survivor.publicKey);
		expect(() => asSurvivor(sealed, newChannelKeyPair())).toThrow(DecryptionError);
		const swapped = { ...sealed, survivorSealedDataKey: other.survivorSealedDataKey };
		expect(() => asSurvivor(swapped, survivor)).toThrow(DecryptionError);
	});

	it('refuses a survivor key of the wrong length with a FormatError', () => {
		expect(() => encryptSubmission(followUp, address, new Uint8Array(31))).toThrow(FormatError);
	});
});

describe('submissionAdditionalData', () => {
	it('is the UTF-8 of trips-voice:v{format}:submission:{channel}:{key version}', () => {
		expect(utf8Decode(submissionAdditionalData(1, 'ch_7f3a', 3))).toBe('trips-voice:v1:submission:ch_7f3a:3');
	});

	it('refuses an empty channel id or a non-integer version with a FormatError', () => {
		expect(() => submissionAdditionalData(1, '', 3)).toThrow(FormatError);
		expect(() => submissionAdditionalData(1, 'ch', 1.5)).toThrow(FormatError);
	});
});

describe('decrypting a well-authenticated but malformed plaintext', () => {
	// Only a holder of the channel public key can build these; the checks keep the errors typed.
	function envelopeAround(plaintext: Uint8Array): SubmissionEnvelope {
		const dataKey = new Uint8Array(32).fill(7);
		const additionalData = submissionAdditionalData(1, CHANNEL_ID, CHANNEL_KEY_VERSION);
		const { nonce, ciphertext } = encryptWithKey(plaintext, dataKey, additionalData);
		const sealedDataKey = sealToPublicKey(dataKey, channel.publicKey);
		return { formatVersion: 1, nonce, ciphertext, sealedDataKey };
	}

	it('reports bad padding as a FormatError', () => {
		expect(() => decrypt(envelopeAround(new Uint8Array(512)))).toThrow(FormatError);
	});

	it('reports text that is not JSON as a FormatError', () => {
		const notJson = padPlaintext(utf8Encode('{not json'));
		expect(() => decrypt(envelopeAround(notJson))).toThrow(FormatError);
	});

	it('reports invalid UTF-8 as a FormatError', () => {
		expect(() => decrypt(envelopeAround(padPlaintext(new Uint8Array([0xff, 0xfe]))))).toThrow(FormatError);
	});
});

describe('encryptWithKey / decryptWithKey and padding helpers', () => {
	it('round-trip with the same additional data and fail with other additional data', () => {
		const key = new Uint8Array(32).fill(1);
		const plaintext = utf8Encode('corpus entry');
		const additionalData = utf8Encode('trips-voice:v1:test');
		const { nonce, ciphertext } = encryptWithKey(plaintext, key, additionalData);
		expect(decryptWithKey(nonce, ciphertext, key, additionalData)).toEqual(plaintext);
		expect(() => decryptWithKey(nonce, ciphertext, key, new Uint8Array())).toThrow(DecryptionError);
		expect(() => decryptWithKey(nonce, ciphertext, new Uint8Array(16), additionalData)).toThrow(FormatError);
	});

	it('pad to a multiple of 512 bytes (always at least one padding byte) and unpad back', () => {
		for (const length of [0, 1, 511, 512, 1000]) {
			const bytes = new Uint8Array(length).fill(0x41);
			const padded = padPlaintext(bytes);
			expect(padded.length % 512).toBe(0);
			expect(padded.length).toBeGreaterThan(length);
			expect(unpadPlaintext(padded)).toEqual(bytes);
		}
		expect(() => unpadPlaintext(new Uint8Array(100))).toThrow(FormatError);
	});

	it('unpad exactly as libsodium does, on every length up to three blocks and on broken paddings', () => {
		const sodium = sodiumInstance();
		const libsodium = (padded: Uint8Array) => {
			try {
				return sodium.unpad(padded, 512);
			} catch {
				return 'refused';
			}
		};
		const ours = (padded: Uint8Array) => {
			try {
				return unpadPlaintext(padded);
			} catch (error) {
				expect(error).toBeInstanceOf(FormatError);
				return 'refused';
			}
		};
		// Compared byte by byte here and reported as a list: expect's deep equality on 1,536 arrays
		// took ten seconds.
		const same = (a: Uint8Array | string, b: Uint8Array | string) =>
			a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
		const wrongLengths: number[] = [];
		for (let length = 0; length < 3 * 512; length++) {
			// Zeros and 0x80 bytes in the text itself are what could confuse a search for the marker.
			const bytes = Uint8Array.from({ length }, (_, index) => [0x41, 0x00, 0x80][(index * 7 + length) % 3]);
			const padded = padPlaintext(bytes);
			const unpadded = ours(padded);
			if (!same(unpadded, bytes) || !same(unpadded, libsodium(padded))) wrongLengths.push(length);
		}
		expect(wrongLengths).toEqual([]);
		const broken = [
			new Uint8Array(512),
			new Uint8Array(1024).fill(0x41),
			Uint8Array.from({ length: 512 }, (_, index) => (index === 511 ? 0x81 : 0)),
			// The marker, then a byte that is not zero.
			Uint8Array.from({ length: 512 }, (_, index) => (index === 100 ? 0x80 : index === 300 ? 1 : 0)),
			// The marker only in the block before the last.
			Uint8Array.from({ length: 1024 }, (_, index) => (index === 500 ? 0x80 : 0))
		];
		for (const padded of broken) {
			expect(ours(padded)).toBe('refused');
			expect(libsodium(padded)).toBe('refused');
		}
		// A marker at the very start of the last block: the text ends where that block begins.
		const whole = Uint8Array.from({ length: 1024 }, (_, index) => (index < 512 ? 0x41 : index === 512 ? 0x80 : 0));
		expect(ours(whole)).toEqual(whole.subarray(0, 512));
		expect(libsodium(whole)).toEqual(whole.subarray(0, 512));
	});
});
