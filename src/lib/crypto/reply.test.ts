import { beforeAll, describe, expect, it } from 'vitest';
import { readyCrypto } from './index';
import { DecryptionError } from './errors';
import { deriveReceiptKeys } from './receipt';
import { openReply, sealReply } from './reply';

beforeAll(readyCrypto);

describe('replies to survivors', () => {
	const salt = new Uint8Array(16).fill(3);

	it('opens with the reply key pair derived from the receipt', () => {
		const survivor = deriveReceiptKeys('1234567890123456', salt);
		const sealed = sealReply({ v: 1, kind: 'reply', text: 'ተቐቢልናዮ። Thank you.' }, survivor.replyKeyPair.publicKey);
		expect(openReply(sealed, deriveReceiptKeys('1234 5678 9012 3456', salt).replyKeyPair).text).toBe(
			'ተቐቢልናዮ። Thank you.'
		);
	});

	it('cannot be opened with another receipt', () => {
		const sealed = sealReply(
			{ v: 1, kind: 'reply', text: 'hello' },
			deriveReceiptKeys('1111222233334444', salt).replyKeyPair.publicKey
		);
		expect(() => openReply(sealed, deriveReceiptKeys('1111222233334445', salt).replyKeyPair)).toThrow(DecryptionError);
	});

	it('hides the length of short replies', () => {
		const { publicKey } = deriveReceiptKeys('5555666677778888', salt).replyKeyPair;
		const short = sealReply({ v: 1, kind: 'reply', text: 'ok' }, publicKey);
		const longer = sealReply({ v: 1, kind: 'reply', text: 'x'.repeat(400) }, publicKey);
		expect(short.length).toBe(longer.length);
	});
});
