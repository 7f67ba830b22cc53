import { beforeAll, describe, expect, it } from 'vitest';
import {
	DecryptionError,
	decryptJson,
	encryptJson,
	moderationDraftAdditionalData,
	newChannelKeyPair,
	newCorpusKey,
	openJsonFromChannel,
	openResearchImage,
	readyCrypto,
	RESEARCH_IMAGE_PAD_BYTES,
	sealResearchImage,
	researchMemoAdditionalData,
	researchRecordAdditionalData,
	sealJsonToChannel
} from './index';

beforeAll(readyCrypto);

describe('research records under the corpus key', () => {
	it('round-trips a redacted record and binds it to its id and key version', () => {
		const corpusKey = newCorpusKey();
		const record = { answers: [{ questionId: 'housing', text: '[NAME] waited months in [PLACE].' }] };
		const sealed = encryptJson(record, corpusKey, researchRecordAdditionalData('rec-1', 1));
		expect(decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchRecordAdditionalData('rec-1', 1))).toEqual(
			record
		);
		expect(() =>
			decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchRecordAdditionalData('rec-2', 1))
		).toThrow(DecryptionError);
		expect(() =>
			decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchRecordAdditionalData('rec-1', 2))
		).toThrow(DecryptionError);
	});
});

describe('redacted photos under the corpus key', () => {
	const address = { imageId: 'img-1', recordId: 'rec-1', corpusKeyVersion: 1 };

	it('round-trips the JPEG, padded to 64 KiB blocks so its size says little', () => {
		const corpusKey = newCorpusKey();
		const jpeg = new Uint8Array(70_000).map((_, index) => index % 251);
		const sealed = sealResearchImage(jpeg, corpusKey, address);
		expect(sealed.ciphertext.length).toBe(2 * RESEARCH_IMAGE_PAD_BYTES + 16);
		expect(openResearchImage(sealed.nonce, sealed.ciphertext, corpusKey, address)).toEqual(jpeg);
	});

	it('cannot be moved to another image id, another record or another key version', () => {
		const corpusKey = newCorpusKey();
		const sealed = sealResearchImage(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), corpusKey, address);
		for (const moved of [
			{ ...address, imageId: 'img-2' },
			{ ...address, recordId: 'rec-2' },
			{ ...address, corpusKeyVersion: 2 }
		]) {
			expect(() => openResearchImage(sealed.nonce, sealed.ciphertext, corpusKey, moved)).toThrow(DecryptionError);
		}
		expect(() => openResearchImage(sealed.nonce, sealed.ciphertext, newCorpusKey(), address)).toThrow(DecryptionError);
	});
});

describe('research memos under the corpus key', () => {
	it('open only as the same memo, key version and memo version: an old version cannot stand in for a newer one', () => {
		const corpusKey = newCorpusKey();
		const memo = { text: 'Housing comes up with documents in most records from this group.' };
		const sealed = encryptJson(memo, corpusKey, researchMemoAdditionalData('memo-1', 1, 3));
		expect(decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchMemoAdditionalData('memo-1', 1, 3))).toEqual(
			memo
		);
		expect(() =>
			decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchMemoAdditionalData('memo-1', 1, 4))
		).toThrow(DecryptionError);
		expect(() =>
			decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchMemoAdditionalData('memo-2', 1, 3))
		).toThrow(DecryptionError);
		expect(() =>
			decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchRecordAdditionalData('memo-1', 1))
		).toThrow(DecryptionError);
	});
});

describe('moderation drafts sealed to the channel', () => {
	it('open only with the channel key and the same testimony, key version and draft version', () => {
		const channel = newChannelKeyPair();
		const draft = { transcripts: { housing: 'Recorded words, typed out.' } };
		const sealed = sealJsonToChannel(draft, channel.publicKey, moderationDraftAdditionalData('sub-1', 1, 3));
		expect(openJsonFromChannel(sealed, channel, moderationDraftAdditionalData('sub-1', 1, 3))).toEqual(draft);
		expect(() => openJsonFromChannel(sealed, channel, moderationDraftAdditionalData('sub-1', 1, 2))).toThrow(
			DecryptionError
		);
		expect(() =>
			openJsonFromChannel(sealed, newChannelKeyPair(), moderationDraftAdditionalData('sub-1', 1, 3))
		).toThrow(DecryptionError);
	});
});
