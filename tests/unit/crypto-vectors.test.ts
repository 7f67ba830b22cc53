/**
 * Holds the portal's own cryptography to docs/crypto-vectors.json (docs/crypto.md §4): every
 * vector is opened by the real functions, and sealed again to the same bytes, through the real
 * function where it takes a nonce and otherwise through the primitive with the real function's
 * additional data. A changed additional-data string, KDF context, padding rule or payload
 * encoding fails here.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import sodium from 'libsodium-wrappers-sumo';
import {
	answerChannelKeyChallenge,
	answerCorpusKeyChallenge,
	corpusKeyCheckKeyPair,
	decryptJson,
	decryptSubmission,
	decryptVoiceNote,
	deriveReceiptKeys,
	deriveStaffKeys,
	moderationDraftAdditionalData,
	openJsonFromChannel,
	openReply,
	openResearchImage,
	openSealed,
	publicKeyFingerprint,
	readReceipt,
	readyCrypto,
	recoveryKeys,
	researchImageAdditionalData,
	researchMemoAdditionalData,
	researchRecordAdditionalData,
	submissionAdditionalData,
	unwrapSecretKey,
	voiceNoteAdditionalData,
	attachedFileAdditionalData,
	wrappedSecretKeyAdditionalData,
	padPlaintext,
	CRYPTO,
	ReceiptTypingError,
	type AttachedFileReference,
	type StaffKeyPair,
	type SubmissionPayload
} from '$lib/crypto';
import { openAttachedFile } from '$lib/attach/seal';
import {
	deriveTotpAtRestKey,
	openTotpSecret,
	sealTotpSecret,
	totpSecretAdditionalData
} from '$lib/crypto/totp-at-rest';
import { mintProof } from '$lib/crypto/proof-mint';
import { PROOF_HEADER } from '$lib/crypto/proof';
import { checkProof } from '$lib/server/intake/proof-of-work';
import { loginParams, normaliseUsername } from '$lib/server/accounts/staff';
import { sha256 as serverSha256, sha256Hex } from '$lib/server/security/tokens';
import { writeSetting } from '$lib/server/settings/store';
import { useTemporaryDatabase } from '$lib/server/testing';
import { buildCryptoVectors, VECTORS_FILE } from '../../src/cli/crypto-vectors';

useTemporaryDatabase();

/* eslint-disable @typescript-eslint/no-explicit-any -- the vectors are JSON read from disk */
const file = JSON.parse(fs.readFileSync(VECTORS_FILE, 'utf8'));
const vectors: Record<string, any> = file.vectors;

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64url'));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);
const sha256 = (data: Uint8Array | string): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());
const hex = (data: Uint8Array): string => Buffer.from(data).toString('hex');

/** What crypto_box_seal writes when its ephemeral key pair is crypto_box_seed_keypair(seed). */
function sealWithSeed(message: Uint8Array, recipient: Uint8Array, seed: Uint8Array): Uint8Array {
	const ephemeral = sodium.crypto_box_seed_keypair(seed);
	const nonce = sodium.crypto_generichash(24, new Uint8Array([...ephemeral.publicKey, ...recipient]), null);
	return new Uint8Array([
		...ephemeral.publicKey,
		...sodium.crypto_box_easy(message, nonce, recipient, ephemeral.privateKey)
	]);
}

function aead(plaintext: Uint8Array, additionalData: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array {
	return sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, additionalData, null, nonce, key);
}

function pair(publicKey: string, secretKey: string): StaffKeyPair {
	return { publicKey: bytes(publicKey), secretKey: bytes(secretKey) };
}

const staffPair = () => pair(vectors['staff-key-pair'].output.publicKey, vectors['staff-key-pair'].output.secretKey);
const channelPair = () =>
	pair(vectors['channel-key-grant'].inputs.channelPublicKey, vectors['channel-key-grant'].inputs.channelSecretKey);
const replyPair = () => pair(vectors.receipt.output.replyPublicKey, vectors.receipt.output.replySecretKey);

beforeAll(async () => {
	await readyCrypto();
	await sodium.ready;
});

describe('docs/crypto-vectors.json', () => {
	it('has a vector for every object the document specifies, and nothing else', () => {
		expect(Object.keys(vectors).sort()).toEqual(
			[
				'attached-file',
				'bearer-token-hashes',
				'channel-key-grant',
				'corpus-key-grant',
				'follow-up-message',
				'group-testimony',
				'key-confirmation-channel',
				'key-confirmation-corpus',
				'moderation-draft',
				'proof-of-work',
				'public-key-fingerprint',
				'receipt',
				'recovery-key',
				'reply',
				'research-image',
				'research-memo',
				'research-record',
				'staff-key-pair',
				'staff-keys',
				'submission',
				'totp-secret-at-rest',
				'usernames-and-unknown-login-salt',
				'voice-note',
				'wrapped-secret-key-passphrase',
				'wrapped-secret-key-recovery'
			].sort()
		);
	});

	it('is what the generating script writes, byte for byte', async () => {
		expect(`${JSON.stringify(await buildCryptoVectors(), null, '\t')}\n`).toBe(fs.readFileSync(VECTORS_FILE, 'utf8'));
	});

	it('keeps the vectors of §4 computed independently with PyNaCl and hashlib', () => {
		expect(hex(bytes(vectors['staff-keys'].output.authKey))).toBe(
			'fec96d6b2959dae22d14dcee5df9c341e959d077db26022c567307690b430837'
		);
		expect(hex(bytes(vectors['staff-keys'].output.keyEncryptionKey))).toBe(
			'7fec3d28f732ec177acfe7f2cd609e81c092e5d6fbbda9ba324c3aa9cc16d273'
		);
		expect(hex(bytes(vectors.receipt.output.lookupToken))).toBe(
			'b849b025a33348ae9180b0a191d73da88c163b2169249faa1b7145c3f04e19bd'
		);
		expect(hex(bytes(vectors.receipt.output.replyPublicKey))).toBe(
			'1d10e684522a45aa3b85baf6a6d61b4c5d43ae4a64f37e5404266e2a2faaff0c'
		);
		expect(hex(bytes(vectors['key-confirmation-corpus'].output.checkPublicKey))).toBe(
			'5920ecd653af00e61572256f11a3d33161b4ad4d4793a87294d021e885c49147'
		);
	});
});

describe('staff keys, wrapped secret keys and the recovery key', () => {
	it('derives the staff auth key and key-encryption key, and the stored auth key hash', () => {
		const vector = vectors['staff-keys'];
		const keys = deriveStaffKeys(vector.inputs.passphrase, bytes(vector.inputs.pwhashSalt), {
			algorithm: CRYPTO.staffPwhash.algorithm,
			opsLimit: vector.inputs.opsLimit,
			memLimitBytes: vector.inputs.memLimitBytes
		});
		expect(keys.authKey).toEqual(bytes(vector.output.authKey));
		expect(keys.keyEncryptionKey).toEqual(bytes(vector.output.keyEncryptionKey));
		expect(sha256(keys.authKey)).toEqual(bytes(vector.output.authKeyHash));
		expect(CRYPTO.kdfContext.staff).toBe(vector.kdf.context);
	});

	for (const purpose of ['passphrase', 'recovery'] as const) {
		it(`unwraps and re-wraps the staff secret key wrapped with the ${purpose}`, () => {
			const vector = vectors[`wrapped-secret-key-${purpose}`];
			const publicKey = bytes(vector.inputs.staffPublicKey);
			const additionalData = wrappedSecretKeyAdditionalData(publicKey, purpose);
			expect(additionalData).toEqual(bytes(vector.additionalData));
			expect(text(additionalData.subarray(0, additionalData.length - 32))).toBe(vector.additionalDataPrefix);
			const secretKey = unwrapSecretKey(
				{ version: 1, nonce: bytes(vector.inputs.nonce), ciphertext: bytes(vector.output.ciphertext) },
				bytes(vector.inputs.wrappingKey),
				publicKey,
				purpose
			);
			expect(secretKey).toEqual(bytes(vector.inputs.staffSecretKey));
			expect(aead(secretKey, additionalData, bytes(vector.inputs.nonce), bytes(vector.inputs.wrappingKey))).toEqual(
				bytes(vector.output.ciphertext)
			);
		});
	}

	it('reads the recovery key as typed, by exactly the documented rules, into both derived keys', () => {
		const vector = vectors['recovery-key'];
		expect(vectors['wrapped-secret-key-recovery'].inputs.wrappingKey).toBe(vector.output.wrappingKey);
		for (const typed of vector.typed) {
			if (typed.reads) {
				const keys = recoveryKeys(typed.text);
				expect(keys.wrappingKey, typed.text).toEqual(bytes(vector.output.wrappingKey));
				expect(keys.authKey, typed.text).toEqual(bytes(vector.output.authKey));
				expect(sha256(keys.authKey)).toEqual(bytes(vector.output.recoveryAuthHash));
			} else {
				expect(() => recoveryKeys(typed.text), typed.text).toThrow();
			}
		}
		expect(CRYPTO.recoveryHashKey).toBe(vector.blake2bKeys.wrappingKey);
		expect(CRYPTO.recoveryAuthHashKey).toBe(vector.blake2bKeys.authKey);
	});

	it('prints public key fingerprints', () => {
		for (const { publicKey, fingerprint } of vectors['public-key-fingerprint'].cases) {
			expect(publicKeyFingerprint(bytes(publicKey))).toBe(fingerprint);
		}
	});
});

describe('key grants and key confirmation', () => {
	it('opens the channel key grant to the channel secret key, and seals it to the same bytes', () => {
		const vector = vectors['channel-key-grant'];
		const opened = openSealed(bytes(vector.output.sealedSecretKey), staffPair());
		expect(opened).toEqual(bytes(vector.inputs.channelSecretKey));
		expect(sodium.crypto_scalarmult_base(opened)).toEqual(bytes(vector.inputs.channelPublicKey));
		expect(sealWithSeed(opened, staffPair().publicKey, bytes(vector.inputs.ephemeralSeed))).toEqual(
			bytes(vector.output.sealedSecretKey)
		);
	});

	it('opens the corpus key grant, and seals it to the same bytes', () => {
		const vector = vectors['corpus-key-grant'];
		const opened = openSealed(bytes(vector.output.sealedKey), staffPair());
		expect(opened).toEqual(bytes(vector.inputs.corpusKey));
		expect(sealWithSeed(opened, staffPair().publicKey, bytes(vector.inputs.ephemeralSeed))).toEqual(
			bytes(vector.output.sealedKey)
		);
	});

	it('answers a channel key challenge', () => {
		const vector = vectors['key-confirmation-channel'];
		const answer = answerChannelKeyChallenge(
			channelPair().secretKey,
			bytes(vector.inputs.channelPublicKey),
			bytes(vector.output.sealedChallenge)
		);
		expect(answer).toEqual(bytes(vector.inputs.challenge));
		expect(sha256(answer)).toEqual(bytes(vector.output.challengeHash));
	});

	it('derives the corpus key check pair and answers a corpus key challenge', () => {
		const vector = vectors['key-confirmation-corpus'];
		const check = corpusKeyCheckKeyPair(bytes(vector.inputs.corpusKey));
		expect(check.publicKey).toEqual(bytes(vector.output.checkPublicKey));
		expect(
			sodium.crypto_kdf_derive_from_key(32, 1, CRYPTO.kdfContext.keyConfirm, bytes(vector.inputs.corpusKey))
		).toEqual(bytes(vector.output.checkSeed));
		const answer = answerCorpusKeyChallenge(
			bytes(vector.inputs.corpusKey),
			bytes(vector.output.checkPublicKey),
			bytes(vector.output.sealedChallenge)
		);
		expect(answer).toEqual(bytes(vector.inputs.challenge));
		expect(sealWithSeed(answer, check.publicKey, bytes(vector.inputs.ephemeralSeed))).toEqual(
			bytes(vector.output.sealedChallenge)
		);
	});
});

describe('receipts', () => {
	it('reads every typed form as documented and derives the lookup token and reply key pair', () => {
		const vector = vectors.receipt;
		for (const typed of vector.typed) {
			if (typed.reads === 'version 1' || typed.reads === 'version 2') {
				const read = readReceipt(typed.text);
				expect(read.version, typed.text).toBe(typed.reads === 'version 1' ? 1 : 2);
				expect(read.randomDigits).toBe(typed.randomDigits);
			} else if (typed.reads === 'typing mistake') {
				expect(() => readReceipt(typed.text), typed.text).toThrow(ReceiptTypingError);
			} else {
				let thrown: unknown;
				try {
					readReceipt(typed.text);
				} catch (cause) {
					thrown = cause;
				}
				expect(thrown, typed.text).toBeDefined();
				expect(thrown, typed.text).not.toBeInstanceOf(ReceiptTypingError);
			}
		}
		const keys = deriveReceiptKeys(vector.inputs.receipt, bytes(vector.inputs.deploymentSalt));
		expect(keys.lookupToken).toEqual(bytes(vector.output.lookupToken));
		expect(sha256(keys.lookupToken)).toEqual(bytes(vector.output.receiptLookupHash));
		expect(keys.replyKeyPair.publicKey).toEqual(bytes(vector.output.replyPublicKey));
		expect(keys.replyKeyPair.secretKey).toEqual(bytes(vector.output.replySecretKey));
	});
});

/** Opens a channel-sealed vector as staff would, and as the survivor would where it has a copy. */
function checkChannelSealed(vector: any, open: (sealed: any) => unknown, additionalData: Uint8Array) {
	expect(additionalData).toEqual(utf8(vector.additionalData));
	const sealed = {
		nonce: bytes(vector.nonce),
		ciphertext: bytes(vector.output.ciphertext),
		sealedDataKey: bytes(vector.output.sealedDataKey)
	};
	expect(open(sealed)).toEqual(JSON.parse(vector.payloadJson));
	const dataKey = openSealed(sealed.sealedDataKey, channelPair());
	expect(dataKey).toEqual(bytes(vector.dataKey));
	// Sealed again: the JSON as written, the real padding, the real additional data.
	expect(aead(padPlaintext(utf8(vector.payloadJson)), additionalData, sealed.nonce, dataKey)).toEqual(
		sealed.ciphertext
	);
	expect(sealWithSeed(dataKey, channelPair().publicKey, bytes(vector.ephemeralSeed))).toEqual(sealed.sealedDataKey);
	if (vector.output.survivorSealedDataKey) {
		const survivorKey = openSealed(bytes(vector.output.survivorSealedDataKey), replyPair());
		expect(survivorKey).toEqual(dataKey);
		expect(decryptJson(sealed.nonce, sealed.ciphertext, survivorKey, additionalData)).toEqual(
			JSON.parse(vector.payloadJson)
		);
		expect(sealWithSeed(dataKey, replyPair().publicKey, bytes(vector.survivorEphemeralSeed))).toEqual(
			bytes(vector.output.survivorSealedDataKey)
		);
	}
}

describe('testimonies, follow-ups, replies and moderation drafts', () => {
	for (const name of ['submission', 'group-testimony', 'follow-up-message']) {
		it(`opens the ${name} with the channel key, and the survivor's copy with the receipt`, () => {
			const vector = vectors[name];
			const { channelId, channelKeyVersion } = vector.inputs;
			checkChannelSealed(
				vector,
				(sealed) =>
					decryptSubmission<SubmissionPayload>(
						{ formatVersion: 1, ...sealed },
						channelId,
						channelKeyVersion,
						channelPair()
					),
				submissionAdditionalData(1, channelId, channelKeyVersion)
			);
		});
	}

	it('carries group and files in the payload types', () => {
		const group: SubmissionPayload = JSON.parse(vectors['group-testimony'].payloadJson);
		expect(group.group).toEqual({ participants: 5, languages: ['fr', 'ti'] });
		const testimony: SubmissionPayload = JSON.parse(vectors.submission.payloadJson);
		expect(testimony.files?.[0].attachmentId).toBe(vectors['attached-file'].inputs.attachmentId);
		expect(testimony.answers[1].voice?.attachmentId).toBe(vectors['voice-note'].inputs.attachmentId);
	});

	it('opens the moderation draft with the channel key', () => {
		const vector = vectors['moderation-draft'];
		const { submissionId, channelKeyVersion, draftVersion } = vector.inputs;
		const additionalData = moderationDraftAdditionalData(submissionId, channelKeyVersion, draftVersion);
		checkChannelSealed(vector, (sealed) => openJsonFromChannel(sealed, channelPair(), additionalData), additionalData);
	});

	it("opens the team's reply with the reply key pair of the receipt, and seals it to the same bytes", () => {
		const vector = vectors.reply;
		expect(openReply(bytes(vector.output.ciphertext), replyPair())).toEqual(JSON.parse(vector.payloadJson));
		expect(
			sealWithSeed(padPlaintext(utf8(vector.payloadJson)), replyPair().publicKey, bytes(vector.inputs.ephemeralSeed))
		).toEqual(bytes(vector.output.ciphertext));
	});
});

describe('the research corpus', () => {
	it('opens the research record and memo, and seals them to the same bytes', () => {
		const record = vectors['research-record'];
		const recordAd = researchRecordAdditionalData(record.inputs.recordId, record.inputs.corpusKeyVersion);
		const memo = vectors['research-memo'];
		const memoAd = researchMemoAdditionalData(
			memo.inputs.memoId,
			memo.inputs.corpusKeyVersion,
			memo.inputs.memoVersion
		);
		for (const [vector, additionalData] of [
			[record, recordAd],
			[memo, memoAd]
		] as const) {
			expect(additionalData).toEqual(utf8(vector.additionalData));
			const key = bytes(vector.inputs.corpusKey);
			const nonce = bytes(vector.inputs.nonce);
			expect(decryptJson(nonce, bytes(vector.output.ciphertext), key, additionalData)).toEqual(
				JSON.parse(vector.payloadJson)
			);
			expect(aead(padPlaintext(utf8(vector.payloadJson)), additionalData, nonce, key)).toEqual(
				bytes(vector.output.ciphertext)
			);
		}
	});

	it('opens the research image, and seals it to the same bytes', () => {
		const vector = vectors['research-image'];
		const address = {
			imageId: vector.inputs.imageId,
			recordId: vector.inputs.recordId,
			corpusKeyVersion: vector.inputs.corpusKeyVersion
		};
		const additionalData = researchImageAdditionalData(address.imageId, address.recordId, address.corpusKeyVersion);
		expect(additionalData).toEqual(utf8(vector.additionalData));
		const key = bytes(vector.inputs.corpusKey);
		const nonce = bytes(vector.inputs.nonce);
		expect(openResearchImage(nonce, bytes(vector.output.ciphertext), key, address)).toEqual(bytes(vector.inputs.jpeg));
		expect(aead(sodium.pad(bytes(vector.inputs.jpeg), 65536), additionalData, nonce, key)).toEqual(
			bytes(vector.output.ciphertext)
		);
		expect(bytes(vector.output.ciphertext).length).toBe(65536 + 16);
	});
});

describe('attachments', () => {
	/** The stream the real functions would push had init_push drawn the vector's header. */
	function pushed(plaintext: Uint8Array, key: Uint8Array, header: Uint8Array, additionalData: Uint8Array) {
		const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
		return sodium.crypto_secretstream_xchacha20poly1305_push(
			state,
			sodium.pad(plaintext, 65536),
			additionalData,
			sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
		);
	}

	it('opens the voice note, and pushes it to the same bytes', () => {
		const vector = vectors['voice-note'];
		const additionalData = voiceNoteAdditionalData(vector.inputs.attachmentId);
		expect(additionalData).toEqual(utf8(vector.additionalData));
		const key = bytes(vector.inputs.key);
		const header = bytes(vector.inputs.header);
		expect(decryptVoiceNote(bytes(vector.output.ciphertext), key, header, additionalData)).toEqual(
			bytes(vector.inputs.audio)
		);
		expect(pushed(bytes(vector.inputs.audio), key, header, additionalData)).toEqual(bytes(vector.output.ciphertext));
	});

	it('opens the attached photo from the reference in the testimony, and pushes it to the same bytes', () => {
		const vector = vectors['attached-file'];
		const testimony: SubmissionPayload = JSON.parse(vectors.submission.payloadJson);
		const reference = testimony.files![0] as AttachedFileReference;
		expect(openAttachedFile(bytes(vector.output.ciphertext), reference)).toEqual(bytes(vector.inputs.file));
		const additionalData = attachedFileAdditionalData(vector.inputs.attachmentId);
		expect(additionalData).toEqual(utf8(vector.additionalData));
		expect(
			pushed(bytes(vector.inputs.file), bytes(vector.inputs.key), bytes(vector.inputs.header), additionalData)
		).toEqual(bytes(vector.output.ciphertext));
	});
});

describe('server-side objects', () => {
	it('seals and opens TOTP secrets at rest under the deployment key', () => {
		const vector = vectors['totp-secret-at-rest'];
		const key = deriveTotpAtRestKey(bytes(vector.inputs.deploymentKey));
		expect(key).toEqual(bytes(vector.output.totpKey));
		expect(CRYPTO.kdfContext.deployment).toBe(vector.kdf.context);
		const cases = [
			[
				'staff_user.totp_secret',
				vector.inputs.staffUserId,
				vector.inputs.nonce,
				vector.additionalData,
				vector.output.stored
			],
			[
				'invitation.pending_totp_secret',
				vector.inputs.invitationId,
				vector.inputs.invitationNonce,
				vector.invitationAdditionalData,
				vector.output.invitationStored
			]
		] as const;
		for (const [column, rowId, nonce, additionalDataText, stored] of cases) {
			const additionalData = totpSecretAdditionalData(column, rowId);
			expect(text(additionalData)).toBe(additionalDataText);
			expect(openTotpSecret(bytes(stored), key, additionalData)).toEqual(bytes(vector.inputs.totpSecret));
			expect(sealTotpSecret(bytes(vector.inputs.totpSecret), key, additionalData, bytes(nonce))).toEqual(bytes(stored));
		}
		expect(Buffer.from(bytes(vector.inputs.totpSecret)).toString('hex')).not.toBe('');
	});

	it('hashes bearer tokens as the server stores them', () => {
		const vector = vectors['bearer-token-hashes'];
		expect(sha256Hex(vector.inputs.token)).toBe(vector.output.sha256Hex);
		expect(new Uint8Array(serverSha256(vector.inputs.token))).toEqual(bytes(vector.output.sha256));
	});

	it('normalises usernames and derives the salt shown for an unknown one from the server secret', () => {
		const vector = vectors['usernames-and-unknown-login-salt'];
		writeSetting('server_secret', vector.inputs.serverSecret);
		for (const { typed, normalised, unknownUserSalt } of vector.cases) {
			expect(normaliseUsername(typed)).toBe(normalised);
			expect(loginParams(typed).salt).toBe(unknownUserSalt);
		}
	});

	it('accepts the proof of work signed with secrets derived from the server secret, and mints the same one', async () => {
		const vector = vectors['proof-of-work'];
		writeSetting('server_secret', vector.inputs.serverSecret);
		const request = new Request('http://localhost/api/submissions', {
			method: 'POST',
			headers: { [PROOF_HEADER]: vector.output.header }
		});
		const checked = checkProof(request, 'submission', new Date(Date.UTC(2030, 0, 1)));
		expect(checked.subject).toBe(vector.output.proof.challenge.parameters.data.subject);
		expect(new Uint8Array(checked.challengeHash)).toEqual(bytes(vector.output.spentHash));
		const minted = JSON.parse(text(bytes(await mintProof(vector.output.proof.challenge))));
		expect(minted.solution).toEqual(vector.output.proof.solution);
		expect(minted.solution.derivedKey).toBe(hex(bytes(vector.output.derivedKey)));
	});
});
