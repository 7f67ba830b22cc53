import * as v from 'valibot';
import { CRYPTO } from '$lib/crypto/constants';
import { base64urlBytes } from './http/validation';

/** Largest text testimony accepted: padded JSON of many long answers, well below a voice note. */
export const MAX_SUBMISSION_CIPHERTEXT_BYTES = 256 * 1024;

const KEY = 32;
const XCHACHA_NONCE = 24;
/** crypto_box_seal output for a 32-byte key: 32-byte ephemeral public key + 16-byte tag. */
const SEALED_KEY = 32 + 48;
const AEAD_TAG = 16;

/** A voice note of 10 minutes is about 5 MB; 20 MB leaves room for higher bitrates. */
export const MAX_VOICE_NOTE_CIPHERTEXT_BYTES = 24 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

const randomId = (field: string) =>
	v.pipe(v.string(`${field} must be text.`), v.regex(/^[A-Za-z0-9_-]{22}$/, `${field} must be 16 random bytes in base64url.`));

const declaredAttachments = v.optional(
	v.pipe(
		v.array(
			v.object({
				id: randomId('attachments[].id'),
				bytes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_VOICE_NOTE_CIPHERTEXT_BYTES, 'A voice note is too large.'))
			})
		),
		v.maxLength(MAX_ATTACHMENTS, 'Too many voice notes.'),
		v.check((items) => new Set(items.map((item) => item.id)).size === items.length, 'Voice note ids must differ.')
	),
	[]
);

export const username = v.pipe(
	v.string('Username must be text.'),
	v.trim(),
	v.minLength(3, 'Username must have at least 3 characters.'),
	v.maxLength(64, 'Username must have at most 64 characters.'),
	v.regex(/^[\p{L}\p{N}._-]+$/u, 'Username may contain letters, digits, dot, dash and underscore.')
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
	receiptLookupToken: base64urlBytes('receiptLookupToken', { exact: KEY }),
	replyPublicKey: base64urlBytes('replyPublicKey', { exact: KEY }),
	facilitationSessionId: v.optional(v.pipe(v.string(), v.uuid('facilitationSessionId must be a UUID.')))
});

export const receiptRequest = v.object({
	lookupToken: base64urlBytes('lookupToken', { exact: KEY })
});

export const survivorMessageUpload = v.object({
	lookupToken: base64urlBytes('lookupToken', { exact: KEY }),
	message: v.object(channelEnvelope('message.'))
});

/** A reply sealed to the survivor: padded JSON in a sealed box (48 bytes of overhead). */
export const staffReplyUpload = v.object({
	sealedReply: base64urlBytes('sealedReply', { min: CRYPTO.padBlockBytes + 48, max: 64 * 1024 })
});

export const loginParamsRequest = v.object({ username });

const secondFactorCode = v.pipe(
	v.string('The code must be text.'),
	v.trim(),
	v.maxLength(20, 'The code is too long.')
);

export const loginRequest = v.object({
	username,
	authKey: base64urlBytes('authKey', { exact: KEY }),
	code: v.optional(secondFactorCode, '')
});

const sealedBox = (field: string, plaintextBytes: number) =>
	v.object({
		nonce: base64urlBytes(`${field}.nonce`, { exact: XCHACHA_NONCE }),
		ciphertext: base64urlBytes(`${field}.ciphertext`, { exact: plaintextBytes + AEAD_TAG })
	});

const oneTimeToken = (what: string) =>
	v.pipe(v.string(`The ${what} token must be text.`), v.regex(/^[A-Za-z0-9_-]{43}$/, `The ${what} token is malformed.`));

/** A staff account's key material, as a browser makes it at setup, enrolment or recovery. */
const passphraseMaterial = {
	pwhashSalt: base64urlBytes('pwhashSalt', { exact: CRYPTO.staffPwhash.saltBytes }),
	pwhashOpsLimit: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(CRYPTO.staffPwhash.opsLimit, 'The passphrase hashing cost is below the minimum.'),
		v.maxValue(16)
	),
	pwhashMemLimit: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(CRYPTO.staffPwhash.memLimitBytes, 'The passphrase hashing memory is below the minimum.'),
		v.maxValue(1024 * 1024 * 1024)
	),
	authKey: base64urlBytes('authKey', { exact: KEY }),
	wrappedSecretKey: sealedBox('wrappedSecretKey', KEY)
};

const newAccount = v.object({
	username,
	...passphraseMaterial,
	publicKey: base64urlBytes('publicKey', { exact: KEY }),
	recoveryWrappedSecretKey: sealedBox('recoveryWrappedSecretKey', KEY),
	recoveryAuthKey: base64urlBytes('recoveryAuthKey', { exact: KEY })
});

export const totpStartRequest = v.object({ token: oneTimeToken('one-time'), username });

/** Opening a re-enrolment link: the link's token plus proof of the passphrase. */
export const reenrolmentRequest = v.object({
	token: oneTimeToken('re-enrolment'),
	username,
	authKey: base64urlBytes('authKey', { exact: KEY })
});

export const reenrolmentInspectRequest = v.object({ token: oneTimeToken('re-enrolment') });

export const setupRequest = v.object({
	token: oneTimeToken('setup'),
	totpCode: secondFactorCode,
	admin: newAccount,
	channel: v.object({
		name: v.pipe(v.string(), v.trim(), v.minLength(2, 'Give the channel a name.'), v.maxLength(120)),
		country: v.pipe(
			v.string(),
			v.trim(),
			v.toUpperCase(),
			v.regex(/^[A-Z]{2}$/, 'Country must be a two-letter ISO 3166 code, such as FR.')
		),
		publicKey: base64urlBytes('channel.publicKey', { exact: KEY }),
		sealedSecretKey: base64urlBytes('channel.sealedSecretKey', { exact: SEALED_KEY })
	}),
	sealedCorpusKey: base64urlBytes('sealedCorpusKey', { exact: SEALED_KEY })
});

export const enrolmentRequest = v.object({
	token: oneTimeToken('invitation'),
	totpCode: secondFactorCode,
	account: newAccount
});

export const invitationTokenRequest = v.object({ token: oneTimeToken('invitation') });

/** A new passphrase: fresh salt, auth key and wrapped secret key, all made in the browser. */
export const passphraseChange = v.object({
	currentAuthKey: base64urlBytes('currentAuthKey', { exact: KEY }),
	...passphraseMaterial
});

export const recoveryOpenRequest = v.object({
	username,
	recoveryAuthKey: base64urlBytes('recoveryAuthKey', { exact: KEY }),
	code: secondFactorCode
});

export const recoveryCompleteRequest = v.object({
	token: oneTimeToken('recovery'),
	...passphraseMaterial
});

export const totpEnrolRequest = v.object({ code: secondFactorCode });

export const grantRequest = v.object({
	kind: v.picklist(['channel', 'corpus'], 'kind must be channel or corpus.'),
	keyId: v.pipe(v.number(), v.integer(), v.minValue(1)),
	userId: v.pipe(v.string(), v.uuid('userId must be a UUID.')),
	sealedKey: base64urlBytes('sealedKey', { exact: SEALED_KEY })
});

const sealedGrants = v.pipe(
	v.array(
		v.object({
			userId: v.pipe(v.string(), v.uuid('userId must be a UUID.')),
			sealedKey: base64urlBytes('grants[].sealedKey', { exact: SEALED_KEY })
		})
	),
	v.minLength(1, 'A new key must be sealed to at least one person.'),
	v.maxLength(500)
);

export const channelRotationRequest = v.object({
	publicKey: base64urlBytes('publicKey', { exact: KEY }),
	grants: sealedGrants
});

export const corpusRotationRequest = v.object({
	checkPublicKey: base64urlBytes('checkPublicKey', { exact: KEY }),
	grants: sealedGrants
});

const pendingKeyReference = {
	kind: v.picklist(['channel', 'corpus'], 'kind must be channel or corpus.'),
	keyId: v.pipe(v.number('keyId must be a number.'), v.integer('keyId must be a whole number.'), v.minValue(1, 'keyId must be positive.'))
};

/** A colleague's proof that their grant opens a pending key: the challenge sealed to it. */
export const rotationConfirmation = v.object({
	...pendingKeyReference,
	answer: base64urlBytes('answer', { exact: KEY })
});

export const rotationWithdrawal = v.object(pendingKeyReference);

export const draftUpload = v.object({
	expectedVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
	channelKeyVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	nonce: base64urlBytes('nonce', { exact: XCHACHA_NONCE }),
	ciphertext: base64urlBytes('ciphertext', { min: CRYPTO.padBlockBytes + AEAD_TAG, max: 2 * MAX_SUBMISSION_CIPHERTEXT_BYTES }),
	sealedDataKey: base64urlBytes('sealedDataKey', { exact: SEALED_KEY }),
	confirmedTranscripts: v.optional(v.pipe(v.array(randomId('confirmedTranscripts[]')), v.maxLength(MAX_ATTACHMENTS)), [])
});

export const decisionUpload = v.variant('kind', [
	v.object({
		kind: v.literal('approve'),
		record: v.object({
			id: v.pipe(v.string(), v.uuid('record.id must be a UUID.')),
			corpusKeyVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
			nonce: base64urlBytes('record.nonce', { exact: XCHACHA_NONCE }),
			ciphertext: base64urlBytes('record.ciphertext', { min: CRYPTO.padBlockBytes + AEAD_TAG, max: 2 * MAX_SUBMISSION_CIPHERTEXT_BYTES })
		})
	}),
	v.object({ kind: v.literal('reject'), reason: v.picklist(['spam', 'abuse', 'duplicate', 'out_of_scope'], 'Choose a reason.') }),
	v.object({ kind: v.literal('waiting') }),
	// A second moderator's confirmation of a proposed rejection, its withdrawal, and undoing a
	// rejection during its grace period.
	v.object({ kind: v.literal('confirm_rejection') }),
	v.object({ kind: v.literal('withdraw_rejection') }),
	v.object({ kind: v.literal('undo_rejection') })
], 'Choose approve, reject, waiting, or a step on a rejection.');

export const sessionForm = v.object({
	channelId: v.pipe(v.string(), v.uuid('Choose one of your channels.')),
	label: v.pipe(v.string(), v.trim(), v.minLength(2, 'Give the session a short label.'), v.maxLength(80, 'Keep the label under 80 characters.')),
	locales: v.pipe(v.array(v.string()), v.minLength(1, 'Choose at least one language.')),
	startsDay: v.pipe(v.string(), v.isoDate('Choose the first day.')),
	endsDay: v.pipe(v.string(), v.isoDate('Choose the last day.')),
	expectedParticipants: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)))
});

const uuid = (field: string) => v.pipe(v.string(`${field} must be text.`), v.uuid(`${field} must be a UUID.`));
const codePointOffset = (field: string) =>
	v.pipe(v.number(`${field} must be a number.`), v.integer(`${field} must be a whole number.`), v.minValue(0, `${field} cannot be negative.`), v.maxValue(10_000_000));

export const newCodings = v.object({
	recordId: uuid('recordId'),
	field: v.pipe(v.string(), v.regex(/^\d{1,4}\.(text|transcript|translation|englishTranslation)$/, 'field must look like “0.text”.')),
	start: codePointOffset('start'),
	end: codePointOffset('end'),
	codeIds: v.pipe(v.array(uuid('codeIds[]')), v.minLength(1, 'Choose at least one code.'), v.maxLength(20, 'Apply at most 20 codes at once.'))
});

export const recodeRequest = v.object({ codeId: uuid('codeId') });

const shortText = (field: string, max: number) => v.pipe(v.string(`${field} must be text.`), v.trim(), v.maxLength(max, `Keep ${field} under ${max} characters.`));

export const codeInput = v.object({
	parentId: v.nullable(uuid('parentId')),
	name: v.pipe(v.string('name must be text.'), v.trim(), v.minLength(1, 'Give the code a name.'), v.maxLength(120, 'Keep the name under 120 characters.')),
	colour: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'The colour must look like #1f6feb.'), v.toLowerCase()),
	description: shortText('the description', 4000),
	inclusion: shortText('the inclusion criteria', 4000),
	exclusion: shortText('the exclusion criteria', 4000),
	example: shortText('the example', 4000)
});

export const archiveRequest = v.object({ archived: v.boolean('archived must be true or false.') });
export const mergeRequest = v.object({ into: uuid('into') });

export const memoUpload = v.object({
	id: uuid('id'),
	target: v.picklist(['record', 'coding', 'code'], 'A memo is about a record, an excerpt or a code.'),
	targetId: uuid('targetId'),
	corpusKeyVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	version: v.pipe(v.number(), v.integer(), v.minValue(1)),
	nonce: base64urlBytes('nonce', { exact: XCHACHA_NONCE }),
	ciphertext: base64urlBytes('ciphertext', { min: CRYPTO.padBlockBytes + AEAD_TAG, max: 128 * 1024 })
});

export const exportNotice = v.object({
	kind: v.picklist(['excerpts-csv', 'aggregates-csv', 'codebook-qdc', 'project-qdpx', 'quotes', 'theme-report'], 'Unknown export kind.'),
	records: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000))
});
