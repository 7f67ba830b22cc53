/** Request bodies of the anonymous survivor endpoints: testimonies, follow-ups and receipts. */
import * as v from 'valibot';
import { CRYPTO } from '$lib/crypto/constants';
import { locales } from '$lib/paraglide/runtime';
import { base64urlBytes } from '../http/validation';
import { AEAD_TAG, KEY, SEALED_KEY, XCHACHA_NONCE, randomId } from '../http/schema-parts';

/** Largest text testimony accepted: padded JSON of many long answers, well below a voice note. */
export const MAX_SUBMISSION_CIPHERTEXT_BYTES = 256 * 1024;

const MIB = 1024 * 1024;

/** A voice note of 10 minutes is about 5 MB; 20 MB leaves room for higher bitrates. */
export const MAX_VOICE_NOTE_CIPHERTEXT_BYTES = 24 * MIB;
export const MAX_ATTACHMENTS = 20;

/**
 * All the voice notes and files one testimony or message announces, together. Room for the
 * recorder's largest note (20 MiB: ten minutes of a changed voice) on each of the 12 guided
 * questions and the 16 MiB of photos and documents a testimony may carry, each with the padding
 * and tags of its sealing; without it, one paid request could announce 20 notes of 24 MiB each.
 */
export const MAX_DECLARED_ATTACHMENT_BYTES = 260 * MIB;

const declaredAttachments = v.optional(
	v.pipe(
		v.array(
			v.object({
				id: randomId('attachments[].id'),
				bytes: v.pipe(
					v.number(),
					v.integer(),
					v.minValue(1),
					v.maxValue(MAX_VOICE_NOTE_CIPHERTEXT_BYTES, 'A voice note is too large.')
				)
			})
		),
		v.maxLength(MAX_ATTACHMENTS, 'Too many voice notes.'),
		v.check((items) => new Set(items.map((item) => item.id)).size === items.length, 'Voice note ids must differ.'),
		v.check(
			(items) => items.reduce((sum, item) => sum + item.bytes, 0) <= MAX_DECLARED_ATTACHMENT_BYTES,
			`The voice notes and files are too large together: at most ${MAX_DECLARED_ATTACHMENT_BYTES / MIB} MiB.`
		)
	),
	[]
);

/** The fields of a payload sealed to a channel key: testimonies and survivors' follow-ups. */
const channelEnvelope = (prefix: string) => ({
	id: randomId(`${prefix}id`),
	channelKeyVersion: v.pipe(v.number(`${prefix}channelKeyVersion must be a number.`), v.integer(), v.minValue(1)),
	formatVersion: v.literal(CRYPTO.formatVersion, 'This format version is not supported.'),
	nonce: base64urlBytes(`${prefix}nonce`, { exact: XCHACHA_NONCE }),
	ciphertext: base64urlBytes(`${prefix}ciphertext`, {
		min: CRYPTO.padBlockBytes + AEAD_TAG,
		max: MAX_SUBMISSION_CIPHERTEXT_BYTES
	}),
	sealedDataKey: base64urlBytes(`${prefix}sealedDataKey`, { exact: SEALED_KEY }),
	attachments: declaredAttachments
});

export const submissionUpload = v.object({
	...channelEnvelope(''),
	channelId: v.pipe(v.string('channelId must be text.'), v.uuid('channelId must be a UUID.')),
	survivorSealedDataKey: v.optional(base64urlBytes('survivorSealedDataKey', { exact: SEALED_KEY })),
	receiptLookupToken: base64urlBytes('receiptLookupToken', { exact: KEY }),
	replyPublicKey: base64urlBytes('replyPublicKey', { exact: KEY }),
	facilitationSessionId: v.optional(v.pipe(v.string(), v.uuid('facilitationSessionId must be a UUID.')))
});

export const receiptRequest = v.object({
	lookupToken: base64urlBytes('lookupToken', { exact: KEY })
});

/** The status of a testimony; `locale` words the questions of the survivor's own answers. */
export const receiptStatusRequest = v.object({
	lookupToken: base64urlBytes('lookupToken', { exact: KEY }),
	locale: v.optional(v.picklist(locales, 'This language is not offered.'))
});

export const survivorMessageUpload = v.object({
	lookupToken: base64urlBytes('lookupToken', { exact: KEY }),
	message: v.object({
		...channelEnvelope('message.'),
		survivorSealedDataKey: v.optional(base64urlBytes('message.survivorSealedDataKey', { exact: SEALED_KEY }))
	})
});

/** An admin releasing a flood day held back from retention. */
export const releaseForm = v.object({
	day: v.pipe(v.string('Choose a day.'), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a day from the list.')),
	confirmed: v.literal(true, 'Tick the box to confirm that retention may delete these testimonies.')
});
