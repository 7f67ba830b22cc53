/**
 * The research corpus inside the staff worker: decrypted records and their search index live
 * here, next to the keys, and are forgotten on lock. Loaded on demand (research-ops.ts), so only
 * researchers' pages download the search library.
 */
import {
	AEAD_TAG_BYTES,
	BatchDecryptor,
	decryptJson,
	encryptJson,
	fromBase64url,
	openResearchImage,
	openSealed,
	researchMemoAdditionalData,
	researchRecordAdditionalText,
	toBase64url,
	unpadPlaintext,
	utf8Decode,
	type StaffKeyPair
} from '$lib/crypto';
import { isCleanJpeg } from '$lib/attach/image-metadata';
import { CorpusIndex } from '$lib/research/corpus-index';
import { toCorpusRecord } from '$lib/research/corpus-record';
import type { CorpusRecord } from '$lib/research/types';
import { decodeCorpusFrame } from '$lib/research/corpus-frame';
import { packOpened, type ResearchOps, type ResearchRecordMetadata, type SealedCorpusKeys } from '../research-protocol';

let index = new CorpusIndex();
/** Corpus keys opened once per key id for this corpus, instead of once per record. */
const corpusKeys = new Map<number, Uint8Array>();
/** A decryptor per corpus key, for the records. */
const decryptors = new Map<number, BatchDecryptor>();

export function forgetCorpus(): void {
	for (const decryptor of decryptors.values()) decryptor.dispose();
	decryptors.clear();
	for (const key of corpusKeys.values()) key.fill(0);
	corpusKeys.clear();
	index = new CorpusIndex();
}

function recordDecryptor(keyId: number, sealedKeys: Record<number, string>, staffKeyPair: StaffKeyPair) {
	let decryptor = decryptors.get(keyId);
	if (!decryptor) {
		decryptor = new BatchDecryptor(corpusKey(keyId, sealedKeys, staffKeyPair));
		decryptors.set(keyId, decryptor);
	}
	return decryptor;
}

function corpusKey(keyId: number, sealedKeys: Record<number, string>, staffKeyPair: StaffKeyPair): Uint8Array {
	let key = corpusKeys.get(keyId);
	if (!key) {
		const sealed = sealedKeys[keyId];
		if (!sealed) throw new Error('You have not been given this corpus key yet. Ask a colleague to grant it.');
		key = openSealed(fromBase64url(sealed), staffKeyPair);
		corpusKeys.set(keyId, key);
	}
	return key;
}

/**
 * Decrypts a page of the corpus and indexes it. The page comes as the server sent it, handed
 * over rather than copied; the worker reads its frame itself, so that the page neither copies
 * its records into batches nor clones their metadata (1.1 s and 0.6 s at 50,000 records).
 * The plaintexts go back to the page as their UTF-8 bytes, one after another in a buffer handed
 * over rather than copied, with the records' heads, which is all the page reads of a record
 * until it shows it.
 */
export function openCorpus(
	{ keys, page, reset, last }: ResearchOps['research.openCorpus'][0],
	staffKeyPair: StaffKeyPair
): ResearchOps['research.openCorpus'][1] {
	if (reset) forgetCorpus();
	const started = performance.now();
	const { header, offsets } = decodeCorpusFrame<SealedCorpusKeys, ResearchRecordMetadata>(page);
	const records = header.records;
	const opened: CorpusRecord[] = [];
	const failed: string[] = [];
	// Each plaintext is shorter than its ciphertext, by the tag at least: room for the page's.
	const room = records.reduce((sum, sealed) => sum + Math.max(0, sealed.ciphertextBytes - AEAD_TAG_BYTES), 0);
	const plaintexts = new Uint8Array(room);
	const ends: number[] = [];
	let end = 0;
	for (const [position, sealed] of records.entries()) {
		const offset = offsets[position];
		const nonce = new Uint8Array(page, offset, sealed.nonceBytes);
		const ciphertext = new Uint8Array(page, offset + sealed.nonceBytes, sealed.ciphertextBytes);
		try {
			const decryptor = recordDecryptor(sealed.corpusKeyId, keys, staffKeyPair);
			const additionalData = researchRecordAdditionalText(sealed.id, sealed.corpusKeyVersion);
			const plaintext = unpadPlaintext(decryptor.decrypt(nonce, ciphertext, additionalData));
			plaintexts.set(plaintext, end);
			const { id, approvedMonth: month, channelId, sessionId } = sealed;
			const content = JSON.parse(utf8Decode(plaintexts.subarray(end, end + plaintext.length)));
			opened.push(toCorpusRecord(content, { id, month, channelId, sessionId }));
			end += plaintext.length;
			ends.push(end);
		} catch {
			failed.push(sealed.id);
		}
	}
	// The last plaintext decrypted is still in libsodium's memory.
	for (const decryptor of decryptors.values()) decryptor.wipe();
	const decrypted = performance.now();
	index.add(opened);
	if (last) index.compact();
	return {
		// Only the part used: the page keeps these bytes, and the room left by the padding was a
		// tenth of them (12 MB of the tab's memory at 50,000 records).
		...packOpened(opened, plaintexts.subarray(0, end), ends),
		failed,
		decryptMs: decrypted - started,
		indexMs: performance.now() - decrypted
	};
}

export const researchHandlers = {
	search({ query, filter }: ResearchOps['research.search'][0]): ResearchOps['research.search'][1] {
		return index.search(query, filter);
	},
	setCodings({ codings }: ResearchOps['research.setCodings'][0]): ResearchOps['research.setCodings'][1] {
		index.setCodings(codings);
		return {};
	},
	matches({ recordId, query }: ResearchOps['research.matches'][0]): ResearchOps['research.matches'][1] {
		return index.matches(recordId, query);
	},
	forgetRecords({ ids }: ResearchOps['research.forgetRecords'][0]): ResearchOps['research.forgetRecords'][1] {
		index.remove(ids);
		return {};
	},
	hits({ recordIds, query, perRecord }: ResearchOps['research.hits'][0]): ResearchOps['research.hits'][1] {
		return index.hits(recordIds, query, perRecord);
	},
	hitList({ recordIds, query, scope, limit }: ResearchOps['research.hitList'][0]): ResearchOps['research.hitList'][1] {
		return index.hitList(recordIds, query, scope, limit);
	}
};

export function openMemos(
	{ memos, keys }: ResearchOps['research.openMemos'][0],
	staffKeyPair: StaffKeyPair
): ResearchOps['research.openMemos'][1] {
	return memos.map((memo) => {
		try {
			const key = corpusKey(memo.corpusKeyId, keys, staffKeyPair);
			const opened = decryptJson<{ text: string }>(
				fromBase64url(memo.nonce),
				fromBase64url(memo.ciphertext),
				key,
				researchMemoAdditionalData(memo.id, memo.corpusKeyVersion, memo.version)
			);
			return { id: memo.id, text: String(opened.text ?? '') };
		} catch {
			return { id: memo.id, text: null };
		}
	});
}

export function sealMemo(
	{ memoId, version, corpusKeyId, corpusKeyVersion, keys, text }: ResearchOps['research.sealMemo'][0],
	staffKeyPair: StaffKeyPair
): ResearchOps['research.sealMemo'][1] {
	const key = corpusKey(corpusKeyId, keys, staffKeyPair);
	const sealed = encryptJson({ text }, key, researchMemoAdditionalData(memoId, corpusKeyVersion, version));
	return { nonce: toBase64url(sealed.nonce), ciphertext: toBase64url(sealed.ciphertext) };
}

export function openImage(
	{ image, recordId, keys }: ResearchOps['research.openImage'][0],
	staffKeyPair: StaffKeyPair
): ResearchOps['research.openImage'][1] {
	const key = corpusKey(image.corpusKeyId, keys, staffKeyPair);
	const jpeg = openResearchImage(fromBase64url(image.nonce), fromBase64url(image.ciphertext), key, {
		imageId: image.id,
		recordId,
		corpusKeyVersion: image.corpusKeyVersion
	});
	if (!isCleanJpeg(jpeg)) throw new Error('The photo is not a clean JPEG.');
	return { jpeg: jpeg.buffer.slice(jpeg.byteOffset, jpeg.byteOffset + jpeg.byteLength) as ArrayBuffer };
}
