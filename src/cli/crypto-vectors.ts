/**
 * Writes docs/crypto-vectors.json: a test vector for every encrypted or derived object of
 * docs/crypto.md, from fixed keys, nonces and seeds, so the file is the same on every run.
 *
 * Written from the specification, not from the portal's code: every additional-data string,
 * KDF context and padding rule below is spelled out as docs/crypto.md states it, and only
 * libsodium's and Node's primitives are called. Where the portal draws randomness inside
 * libsodium (a sealed box's ephemeral key, a secretstream header), the vector fixes it the way
 * libsodium would use it: the ephemeral key pair from a seed, the stream's state from its
 * header. src/lib/crypto/vectors.test.ts holds the portal's own functions to this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createHmac } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const sha256 = (bytes: Uint8Array | string): Uint8Array => createHash('sha256').update(bytes).digest();
const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

/** `length` bytes counting up from `start` (mod 256): fixed, and different for every input. */
export function counting(length: number, start: number): Uint8Array {
	return Uint8Array.from({ length }, (_, index) => (start + index) & 0xff);
}

/** crypto_box_seal with its ephemeral key pair taken from a seed instead of drawn at random. */
function sealWithSeed(message: Uint8Array, recipientPublicKey: Uint8Array, ephemeralSeed: Uint8Array): Uint8Array {
	const ephemeral = sodium.crypto_box_seed_keypair(ephemeralSeed);
	const nonce = sodium.crypto_generichash(24, concat(ephemeral.publicKey, recipientPublicKey), null);
	return concat(ephemeral.publicKey, sodium.crypto_box_easy(message, nonce, recipientPublicKey, ephemeral.privateKey));
}

function aead(plaintext: Uint8Array, additionalData: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array {
	return sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, additionalData, null, nonce, key);
}

/** A v1 attachment: padded to 64 KiB, one secretstream message per 64 KiB, the last TAG_FINAL. */
function secretstream(file: Uint8Array, key: Uint8Array, header: Uint8Array, additionalData: Uint8Array): Uint8Array {
	const padded = sodium.pad(file, 65536);
	// The push state of init_push(key) that drew `header` is the pull state of init_pull(header, key).
	const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
	const pieces: Uint8Array[] = [];
	for (let start = 0; start < padded.length; start += 65536) {
		const last = start + 65536 >= padded.length;
		pieces.push(
			sodium.crypto_secretstream_xchacha20poly1305_push(
				state,
				padded.subarray(start, start + 65536),
				additionalData,
				last
					? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
					: sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
			)
		);
	}
	return concat(...pieces);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function crockford(bytes: Uint8Array): string {
	let value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
	let text = '';
	for (let index = 0; index < (bytes.length * 8) / 5; index++) {
		text = CROCKFORD[Number(value & 31n)] + text;
		value >>= 5n;
	}
	return text;
}

function kdf(key: Uint8Array, id: number, context: string): Uint8Array {
	return sodium.crypto_kdf_derive_from_key(32, id, context, key);
}

/** JSON with object keys sorted at every depth (ALTCHA's canonical form for its signature). */
function sortedJson(value: Json): string {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
	return `{${Object.keys(value)
		.sort()
		.map((name) => `${JSON.stringify(name)}:${sortedJson(value[name])}`)
		.join(',')}}`;
}

export async function buildCryptoVectors(): Promise<Json> {
	await sodium.ready;

	// Shared inputs.
	const passphrase = 'correct horse battery staple';
	const staffSalt = counting(16, 0);
	const staffOps = 3;
	const staffMem = 64 * 1024 * 1024;
	const master = sodium.crypto_pwhash(
		32,
		utf8(passphrase.normalize('NFC')),
		staffSalt,
		staffOps,
		staffMem,
		sodium.crypto_pwhash_ALG_ARGON2ID13
	);
	const authKey = kdf(master, 1, 'tvstaff1');
	const keyEncryptionKey = kdf(master, 2, 'tvstaff1');

	const staffSeed = counting(32, 0x40);
	const staff = sodium.crypto_box_seed_keypair(staffSeed);
	const channelSeed = counting(32, 0x60);
	const channel = sodium.crypto_box_seed_keypair(channelSeed);
	const channelId = 'general';
	const channelKeyVersion = 2;
	const corpusKey = counting(32, 0);
	const corpusKeyVersion = 3;

	const receipt = '123456789012345611';
	const randomDigits = receipt.slice(0, 16);
	const deploymentSalt = counting(16, 0);
	const receiptSeed = sodium.crypto_pwhash(
		32,
		utf8(randomDigits),
		deploymentSalt,
		2,
		19 * 1024 * 1024,
		sodium.crypto_pwhash_ALG_ARGON2ID13
	);
	const lookupToken = kdf(receiptSeed, 1, 'tvrecpt1');
	const reply = sodium.crypto_box_seed_keypair(kdf(receiptSeed, 2, 'tvrecpt1'));

	const recoveryBytes = counting(20, 0x04);
	const recoveryText = crockford(recoveryBytes).match(/.{4}/g)!.join('-');
	const recoveryWrappingKey = sodium.crypto_generichash(32, recoveryBytes, utf8('trips-voice:v1:recovery'));
	const recoveryAuthKey = sodium.crypto_generichash(32, recoveryBytes, utf8('trips-voice:v1:recovery-auth'));

	const wrapped = (purpose: 'passphrase' | 'recovery', wrappingKey: Uint8Array, nonce: Uint8Array) => {
		const prefix = `trips-voice:v1:staff-secret-key:${purpose}:`;
		const additionalData = concat(utf8(prefix), staff.publicKey);
		return {
			section: '2.2',
			inputs: {
				wrappingKey: b64(wrappingKey),
				nonce: b64(nonce),
				staffSecretKey: b64(staff.privateKey),
				staffPublicKey: b64(staff.publicKey)
			},
			additionalDataPrefix: prefix,
			additionalData: b64(additionalData),
			output: { ciphertext: b64(aead(staff.privateKey, additionalData, nonce, wrappingKey)) }
		};
	};

	/** A payload sealed for a channel's members: testimonies, follow-ups and moderation drafts. */
	const channelSealed = (
		payload: Json,
		additionalData: string,
		dataKey: Uint8Array,
		nonce: Uint8Array,
		seeds: { channel: Uint8Array; survivor?: Uint8Array }
	) => {
		const json = JSON.stringify(payload);
		const output: Record<string, Json> = {
			ciphertext: b64(aead(sodium.pad(utf8(json), 512), utf8(additionalData), nonce, dataKey)),
			sealedDataKey: b64(sealWithSeed(dataKey, channel.publicKey, seeds.channel))
		};
		if (seeds.survivor) output.survivorSealedDataKey = b64(sealWithSeed(dataKey, reply.publicKey, seeds.survivor));
		return {
			payloadJson: json,
			dataKey: b64(dataKey),
			nonce: b64(nonce),
			ephemeralSeed: b64(seeds.channel),
			...(seeds.survivor ? { survivorEphemeralSeed: b64(seeds.survivor) } : {}),
			additionalData,
			output
		};
	};

	const voiceAttachmentId = 'att_5d1c';
	const fileAttachmentId = 'att_9c2e';
	const voiceKey = counting(32, 0x80);
	const voiceHeader = counting(24, 0x90);
	const fileKey = counting(32, 0xb0);
	const fileHeader = counting(24, 0xc0);
	const audio = concat(utf8('OggS'), counting(96, 0x11));
	const jpeg = concat(Uint8Array.of(0xff, 0xd8, 0xff, 0xdb), counting(120, 0x21), Uint8Array.of(0xff, 0xd9));

	const submissionId = 'q3Y8b2m1T0a7YxVw9kLd4g';
	const testimony: Json = {
		v: 1,
		kind: 'testimony',
		locale: 'ti',
		mode: 'guided',
		consent: { research: true, quote: false, replies: true },
		answers: [
			{ questionId: 'housing', questionVersion: 1, text: 'The landlord said no to the paper from the office.' },
			{
				questionId: 'work',
				questionVersion: 2,
				text: '',
				voice: {
					attachmentId: voiceAttachmentId,
					key: b64(voiceKey),
					header: b64(voiceHeader),
					mimeType: 'audio/webm;codecs=opus',
					seconds: 4
				}
			}
		],
		context: { age: 'prefer_not' },
		files: [
			{
				attachmentId: fileAttachmentId,
				key: b64(fileKey),
				header: b64(fileHeader),
				kind: 'image',
				mimeType: 'image/jpeg',
				bytes: jpeg.length
			}
		]
	};
	const group: Json = {
		v: 1,
		kind: 'testimony',
		locale: 'fr',
		mode: 'free',
		consent: { research: true, quote: true, replies: false },
		answers: [{ questionId: 'free_story', questionVersion: 1, text: 'We waited four months for the card.' }],
		group: { participants: 5, languages: ['fr', 'ti'] }
	};
	const followUp: Json = {
		v: 1,
		kind: 'message',
		locale: 'ti',
		answers: [{ questionId: 'message', questionVersion: 1, text: 'Is there news about my papers?' }]
	};
	const draft: Json = {
		v: 1,
		transcripts: { work: 'I clean offices at night.' },
		translations: {},
		translationLocale: 'it',
		englishTranslations: {},
		redactions: [{ text: 'the office', replacement: '[place]', category: 'PLACE' }],
		dismissed: [],
		log: [],
		sentReplies: [],
		reviewed: true,
		images: { [fileAttachmentId]: { boxes: [{ x: 10, y: 12, width: 40, height: 30 }], include: true } }
	};
	const draftVersion = 4;
	const recordId = '7f0c3a52-1d4e-4b8a-9a57-2f1e6c9d0b13';
	const record: Json = {
		v: 1,
		kind: 'research-record',
		locale: 'ti',
		mode: 'guided',
		country: 'IT',
		consentToQuote: false,
		context: { age: 'prefer_not' },
		group: null,
		translationLocale: 'it',
		answers: [
			{
				questionId: 'housing',
				questionVersion: 1,
				domain: 'housing',
				text: 'The landlord said no to the paper from [place].',
				transcript: '',
				translation: 'Il proprietario ha detto di no al foglio di [place].',
				englishTranslation: ''
			}
		]
	};
	const memoId = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
	const memoVersion = 2;
	const imageId = '0b9a8c7d-6e5f-4a3b-9c2d-1e0f2a3b4c5d';
	const replyPayload: Json = { v: 1, kind: 'reply', text: 'Thank you. A lawyer can see you on Tuesday.' };

	const totpDeploymentKey = counting(32, 0xd0);
	const totpKey = kdf(totpDeploymentKey, 1, 'tvdeploy');
	const totpSecret = counting(20, 0xe0);
	const totpNonce = counting(24, 0xf0);
	const totpUserId = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
	const totpAdditionalData = `trips-voice:v1:totp:staff_user.totp_secret:${totpUserId}`;
	const invitationId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
	const invitationAdditionalData = `trips-voice:v1:totp:invitation.pending_totp_secret:${invitationId}`;
	const totpStored = (nonce: Uint8Array, additionalData: string) =>
		concat(Uint8Array.of(1), nonce, aead(totpSecret, utf8(additionalData), nonce, totpKey));

	const challenge = counting(32, 0x33);
	const checkSeed = kdf(corpusKey, 1, 'tvkeycnf');
	const check = sodium.crypto_box_seed_keypair(checkSeed);

	// Proof of work.
	const serverSecret = counting(32, 0x55);
	const challengeSecret = createHmac('sha256', serverSecret).update('trips-voice:v1:pow:challenge').digest('hex');
	const keySecret = createHmac('sha256', serverSecret).update('trips-voice:v1:pow:derived-key').digest('hex');
	const powSalt = counting(16, 0x70);
	const powNonce = counting(16, 0x71);
	const counter = 4242;
	const counterBytes = Buffer.alloc(4);
	counterBytes.writeUInt32BE(counter);
	const derivedKey = sha256(concat(powSalt, powNonce, counterBytes));
	const parameters = {
		algorithm: 'SHA-256',
		cost: 1,
		data: { purpose: 'submission', subject: submissionId, difficulty: 300000 },
		expiresAt: 4102444800,
		keyLength: 32,
		keyPrefix: Buffer.from(derivedKey.subarray(0, 16)).toString('hex'),
		keySignature: createHmac('sha256', keySecret).update(derivedKey).digest('hex'),
		nonce: Buffer.from(powNonce).toString('hex'),
		salt: Buffer.from(powSalt).toString('hex')
	};
	const signature = createHmac('sha256', challengeSecret).update(sortedJson(parameters)).digest('hex');
	const proof = {
		challenge: { parameters, signature },
		solution: { counter, derivedKey: Buffer.from(derivedKey).toString('hex') }
	};

	const usernames = ['Amara.Admin', '  amara.admin ', 'Ame\u0301lie', 'AMÉLIE'];

	return {
		title: 'TRIPS Voice cryptography, format v1: test vectors (docs/crypto.md §4)',
		encoding:
			'Every binary value is base64url without padding (RFC 4648 §5). Text, JSON and additional-data strings are given as text and are UTF-8 when they become bytes.',
		generatedBy: 'npm run crypto-vectors (scripts/crypto-vectors.js, src/cli/crypto-vectors.ts)',
		notes: [
			'Keys, nonces, seeds and headers that the portal draws at random are fixed here; a sealed box uses the ephemeral key pair crypto_box_seed_keypair(ephemeralSeed), and its nonce is BLAKE2b-192(ephemeral public key ‖ recipient public key), as crypto_box_seal does.',
			'A secretstream header stands for the one init_push would draw: the ciphertext is what init_push would give had it drawn that header.',
			'Key pairs given by a seed are crypto_box_seed_keypair(seed); in the portal they are random.'
		],
		vectors: {
			'staff-keys': {
				section: '2.1',
				inputs: {
					passphrase,
					pwhashSalt: b64(staffSalt),
					opsLimit: staffOps,
					memLimitBytes: staffMem
				},
				kdf: { context: 'tvstaff1', authKey: 1, keyEncryptionKey: 2 },
				output: {
					authKey: b64(authKey),
					keyEncryptionKey: b64(keyEncryptionKey),
					authKeyHash: b64(sha256(authKey))
				}
			},
			'staff-key-pair': {
				section: '2.2',
				inputs: { seed: b64(staffSeed) },
				output: { publicKey: b64(staff.publicKey), secretKey: b64(staff.privateKey) }
			},
			'wrapped-secret-key-passphrase': wrapped('passphrase', keyEncryptionKey, counting(24, 0x20)),
			'recovery-key': {
				section: '2.3',
				inputs: { recoveryBytes: b64(recoveryBytes) },
				blake2bKeys: { wrappingKey: 'trips-voice:v1:recovery', authKey: 'trips-voice:v1:recovery-auth' },
				output: {
					recoveryKey: recoveryText,
					wrappingKey: b64(recoveryWrappingKey),
					authKey: b64(recoveryAuthKey),
					recoveryAuthHash: b64(sha256(recoveryAuthKey))
				},
				typed: [
					{ text: recoveryText, reads: true },
					{ text: recoveryText.toLowerCase(), reads: true },
					{ text: recoveryText.replace(/-/g, ' '), reads: true },
					{ text: recoveryText.replace(/-/g, ''), reads: true },
					{ text: recoveryText.replace(/-/g, '\u2013'), reads: true },
					{ text: recoveryText.replace(/0/g, 'O').replace(/1/g, 'l'), reads: true },
					{ text: recoveryText.replace(/1/g, 'I'), reads: true },
					{ text: `${recoveryText.slice(0, -1)}U`, reads: false },
					{ text: recoveryText.slice(0, -1), reads: false },
					{ text: `${recoveryText}-0`, reads: false }
				]
			},
			'wrapped-secret-key-recovery': wrapped('recovery', recoveryWrappingKey, counting(24, 0x28)),
			'public-key-fingerprint': {
				section: '2.8',
				cases: [
					{ publicKey: b64(new Uint8Array(32)), fingerprint: 'FF0F 2249 2F44 BAC4 C4B3 0AE5' },
					{
						publicKey: b64(staff.publicKey),
						fingerprint: Buffer.from(sodium.crypto_generichash(16, staff.publicKey, null).subarray(0, 12))
							.toString('hex')
							.toUpperCase()
							.match(/.{4}/g)!
							.join(' ')
					}
				]
			},
			'channel-key-grant': {
				section: '2.4',
				inputs: {
					channelKeySeed: b64(channelSeed),
					channelPublicKey: b64(channel.publicKey),
					channelSecretKey: b64(channel.privateKey),
					staffPublicKey: b64(staff.publicKey),
					ephemeralSeed: b64(counting(32, 0x01))
				},
				output: { sealedSecretKey: b64(sealWithSeed(channel.privateKey, staff.publicKey, counting(32, 0x01))) }
			},
			'corpus-key-grant': {
				section: '2.5',
				inputs: {
					corpusKey: b64(corpusKey),
					staffPublicKey: b64(staff.publicKey),
					ephemeralSeed: b64(counting(32, 0x02))
				},
				output: { sealedKey: b64(sealWithSeed(corpusKey, staff.publicKey, counting(32, 0x02))) }
			},
			receipt: {
				section: '2.7, 2.11',
				inputs: { receipt, deploymentSalt: b64(deploymentSalt) },
				argon2id: { opsLimit: 2, memLimitBytes: 19 * 1024 * 1024, input: randomDigits },
				kdf: { context: 'tvrecpt1', lookupToken: 1, replySeed: 2 },
				output: {
					lookupToken: b64(lookupToken),
					receiptLookupHash: b64(sha256(lookupToken)),
					replyPublicKey: b64(reply.publicKey),
					replySecretKey: b64(reply.privateKey)
				},
				typed: [
					{ text: '123 456 789 012 345 611', reads: 'version 2', randomDigits },
					{ text: '123-456-789-012-345-611', reads: 'version 2', randomDigits },
					{ text: '١٢٣ ٤٥٦ ٧٨٩ ٠١٢ ٣٤٥ ٦١١', reads: 'version 2', randomDigits },
					{ text: '۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۱۱', reads: 'version 2', randomDigits },
					{ text: '1234 5678 9012 3456', reads: 'version 1', randomDigits },
					{ text: '123 456 789 012 345 612', reads: 'typing mistake' },
					{ text: '123 456 789 012 345 61', reads: 'typing mistake' },
					{ text: '123 456 789 O12 345 611', reads: 'not a receipt' },
					{ text: '12345', reads: 'not a receipt' }
				]
			},
			submission: {
				section: '2.6',
				inputs: {
					submissionId,
					channelId,
					channelKeyVersion,
					channelPublicKey: b64(channel.publicKey),
					replyPublicKey: b64(reply.publicKey)
				},
				...channelSealed(
					testimony,
					`trips-voice:v1:submission:${channelId}:${channelKeyVersion}`,
					counting(32, 0x30),
					counting(24, 0x31),
					{ channel: counting(32, 0x03), survivor: counting(32, 0x04) }
				)
			},
			'group-testimony': {
				section: '2.6',
				inputs: { channelId, channelKeyVersion, channelPublicKey: b64(channel.publicKey) },
				...channelSealed(
					group,
					`trips-voice:v1:submission:${channelId}:${channelKeyVersion}`,
					counting(32, 0x32),
					counting(24, 0x34),
					{ channel: counting(32, 0x05) }
				)
			},
			'follow-up-message': {
				section: '2.9',
				inputs: {
					channelId,
					channelKeyVersion,
					channelPublicKey: b64(channel.publicKey),
					replyPublicKey: b64(reply.publicKey)
				},
				...channelSealed(
					followUp,
					`trips-voice:v1:submission:${channelId}:${channelKeyVersion}`,
					counting(32, 0x35),
					counting(24, 0x36),
					{ channel: counting(32, 0x06), survivor: counting(32, 0x07) }
				)
			},
			reply: {
				section: '2.9',
				inputs: { replyPublicKey: b64(reply.publicKey), ephemeralSeed: b64(counting(32, 0x08)) },
				payloadJson: JSON.stringify(replyPayload),
				output: {
					ciphertext: b64(
						sealWithSeed(sodium.pad(utf8(JSON.stringify(replyPayload)), 512), reply.publicKey, counting(32, 0x08))
					)
				}
			},
			'moderation-draft': {
				section: '2.12',
				inputs: {
					submissionId,
					channelKeyVersion,
					draftVersion,
					channelPublicKey: b64(channel.publicKey)
				},
				...channelSealed(
					draft,
					`trips-voice:v1:moderation:${submissionId}:${channelKeyVersion}:${draftVersion}`,
					counting(32, 0x37),
					counting(24, 0x38),
					{ channel: counting(32, 0x09) }
				)
			},
			'research-record': {
				section: '2.5',
				inputs: { recordId, corpusKeyVersion, corpusKey: b64(corpusKey), nonce: b64(counting(24, 0x39)) },
				payloadJson: JSON.stringify(record),
				additionalData: `trips-voice:v1:research-record:${recordId}:${corpusKeyVersion}`,
				output: {
					ciphertext: b64(
						aead(
							sodium.pad(utf8(JSON.stringify(record)), 512),
							utf8(`trips-voice:v1:research-record:${recordId}:${corpusKeyVersion}`),
							counting(24, 0x39),
							corpusKey
						)
					)
				}
			},
			'research-memo': {
				section: '2.5',
				inputs: {
					memoId,
					corpusKeyVersion,
					memoVersion,
					corpusKey: b64(corpusKey),
					nonce: b64(counting(24, 0x3a))
				},
				payloadJson: JSON.stringify({ text: 'Compare with the housing answers from Palermo.' }),
				additionalData: `trips-voice:v1:research-memo:${memoId}:${corpusKeyVersion}:${memoVersion}`,
				output: {
					ciphertext: b64(
						aead(
							sodium.pad(utf8(JSON.stringify({ text: 'Compare with the housing answers from Palermo.' })), 512),
							utf8(`trips-voice:v1:research-memo:${memoId}:${corpusKeyVersion}:${memoVersion}`),
							counting(24, 0x3a),
							corpusKey
						)
					)
				}
			},
			'research-image': {
				section: '7a',
				inputs: {
					imageId,
					recordId,
					corpusKeyVersion,
					corpusKey: b64(corpusKey),
					nonce: b64(counting(24, 0x3b)),
					jpeg: b64(jpeg)
				},
				additionalData: `trips-voice:v1:research-image:${imageId}:${recordId}:${corpusKeyVersion}`,
				output: {
					ciphertext: b64(
						aead(
							sodium.pad(jpeg, 65536),
							utf8(`trips-voice:v1:research-image:${imageId}:${recordId}:${corpusKeyVersion}`),
							counting(24, 0x3b),
							corpusKey
						)
					)
				}
			},
			'voice-note': {
				section: '7',
				inputs: { attachmentId: voiceAttachmentId, key: b64(voiceKey), header: b64(voiceHeader), audio: b64(audio) },
				additionalData: `trips-voice:v1:voice-note:${voiceAttachmentId}`,
				output: {
					ciphertext: b64(
						secretstream(audio, voiceKey, voiceHeader, utf8(`trips-voice:v1:voice-note:${voiceAttachmentId}`))
					)
				}
			},
			'attached-file': {
				section: '7a',
				inputs: { attachmentId: fileAttachmentId, key: b64(fileKey), header: b64(fileHeader), file: b64(jpeg) },
				additionalData: `trips-voice:v1:file:${fileAttachmentId}`,
				output: {
					ciphertext: b64(secretstream(jpeg, fileKey, fileHeader, utf8(`trips-voice:v1:file:${fileAttachmentId}`)))
				}
			},
			'key-confirmation-channel': {
				section: '2.10',
				inputs: {
					challenge: b64(challenge),
					channelPublicKey: b64(channel.publicKey),
					ephemeralSeed: b64(counting(32, 0x0a))
				},
				output: {
					sealedChallenge: b64(sealWithSeed(challenge, channel.publicKey, counting(32, 0x0a))),
					challengeHash: b64(sha256(challenge))
				}
			},
			'key-confirmation-corpus': {
				section: '2.10',
				inputs: { challenge: b64(challenge), corpusKey: b64(corpusKey), ephemeralSeed: b64(counting(32, 0x0b)) },
				kdf: { context: 'tvkeycnf', checkSeed: 1 },
				output: {
					checkSeed: b64(checkSeed),
					checkPublicKey: b64(check.publicKey),
					sealedChallenge: b64(sealWithSeed(challenge, check.publicKey, counting(32, 0x0b))),
					challengeHash: b64(sha256(challenge))
				}
			},
			'totp-secret-at-rest': {
				section: '2.13',
				inputs: {
					deploymentKey: b64(totpDeploymentKey),
					totpSecret: b64(totpSecret),
					totpSecretBase32: base32(totpSecret),
					staffUserId: totpUserId,
					invitationId,
					nonce: b64(totpNonce),
					invitationNonce: b64(counting(24, 0xf8))
				},
				kdf: { context: 'tvdeploy', totpKey: 1 },
				additionalData: totpAdditionalData,
				invitationAdditionalData,
				output: {
					totpKey: b64(totpKey),
					stored: b64(totpStored(totpNonce, totpAdditionalData)),
					invitationStored: b64(totpStored(counting(24, 0xf8), invitationAdditionalData))
				}
			},
			'proof-of-work': {
				section: '8',
				inputs: { serverSecret: b64(serverSecret), salt: b64(powSalt), nonce: b64(powNonce), counter },
				output: {
					challengeSecret,
					keySecret,
					derivedKey: b64(derivedKey),
					signedJson: sortedJson(parameters),
					proof: proof as unknown as Json,
					header: Buffer.from(JSON.stringify(proof)).toString('base64url'),
					spentHash: b64(sha256(signature))
				}
			},
			'usernames-and-unknown-login-salt': {
				section: '2.14',
				inputs: { serverSecret: b64(serverSecret) },
				cases: usernames.map((typed) => {
					const normalised = typed.normalize('NFC').trim().toLowerCase();
					return {
						typed,
						normalised,
						unknownUserSalt: b64(
							createHmac('sha256', serverSecret).update(`login-salt:${normalised}`).digest().subarray(0, 16)
						)
					};
				})
			},
			'bearer-token-hashes': {
				section: '2.14',
				inputs: { token: b64(counting(32, 0x99)) },
				output: {
					sha256Hex: createHash('sha256')
						.update(b64(counting(32, 0x99)))
						.digest('hex'),
					sha256: b64(sha256(b64(counting(32, 0x99))))
				}
			}
		}
	};
}

/** RFC 4648 base32 without padding, as authenticator apps show a TOTP secret. */
function base32(bytes: Uint8Array): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
	let text = '';
	for (let index = 0; index < bits.length; index += 5)
		text += alphabet[parseInt(bits.slice(index, index + 5).padEnd(5, '0'), 2)];
	return text;
}

export const VECTORS_FILE = path.join('docs', 'crypto-vectors.json');

/** `npm run crypto-vectors`: writes the file; `-- --check` only compares and fails on a difference. */
export async function runCryptoVectorsCommand(args: string[]): Promise<number> {
	const text = `${JSON.stringify(await buildCryptoVectors(), null, '\t')}\n`;
	if (args.includes('--check')) {
		const same = fs.existsSync(VECTORS_FILE) && fs.readFileSync(VECTORS_FILE, 'utf8') === text;
		console.log(same ? `${VECTORS_FILE} is up to date.` : `${VECTORS_FILE} differs from what the script makes.`);
		return same ? 0 : 1;
	}
	fs.writeFileSync(VECTORS_FILE, text);
	console.log(`Wrote ${VECTORS_FILE}.`);
	return 0;
}
