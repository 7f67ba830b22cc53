import { beforeAll, describe, expect, it } from 'vitest';
import {
	DecryptionError,
	decryptJson,
	encryptJson,
	moderationDraftAdditionalData,
	newChannelKeyPair,
	newCorpusKey,
	openJsonFromChannel,
	readyCrypto,
	researchRecordAdditionalData,
	sealJsonToChannel
} from './index';

beforeAll(readyCrypto);

describe('research records under the corpus key', () => {
	it('round-trips a redacted record and binds it to its id and key version', () => {
		const corpusKey = newCorpusKey();
		const record = { answers: [{ questionId: 'housing', text: '[NAME] waited months in [PLACE].' }] };
		const sealed = encryptJson(record, corpusKey, researchRecordAdditionalData('rec-1', 1));
		expect(decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchRecordAdditionalData('rec-1', 1))).toEqual(record);
		expect(() => decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchRecordAdditionalData('rec-2', 1))).toThrow(DecryptionError);
		expect(() => decryptJson(sealed.nonce, sealed.ciphertext, corpusKey, researchRecordAdditionalData('rec-1', 2))).toThrow(DecryptionError);
	});
});

describe('moderation drafts sealed to the channel', () => {
	it('open only with the channel key and the same testimony, key version and draft version', () => {
		const channel = newChannelKeyPair();
		const draft = { transcripts: { housing: 'Recorded words, typed out.' } };
		const sealed = sealJsonToChannel(draft, channel.publicKey, moderationDraftAdditionalData('sub-1', 1, 3));
		expect(openJsonFromChannel(sealed, channel, moderationDraftAdditionalData('sub-1', 1, 3))).toEqual(draft);
		expect(() => openJsonFromChannel(sealed, channel, moderationDraftAdditionalData('sub-1', 1, 2))).toThrow(DecryptionError);
		expect(() => openJsonFromChannel(sealed, newChannelKeyPair(), moderationDraftAdditionalData('sub-1', 1, 3))).toThrow(DecryptionError);
	});
});
