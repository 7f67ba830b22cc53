/** Request bodies of the research workspace: codings, codes, memos and export notices. */
import * as v from 'valibot';
import { CRYPTO } from '$lib/crypto/constants';
import { base64urlBytes } from '../http/validation';
import { AEAD_TAG, XCHACHA_NONCE, codePointOffset, shortText, uuid } from '../http/schema-parts';
import { HELD_RECORDS_PER_CHECK } from './withdrawals';

export const newCodings = v.object({
	recordId: uuid('recordId'),
	field: v.pipe(
		v.string(),
		v.regex(/^\d{1,4}\.(text|transcript|translation|englishTranslation)$/, 'field must look like “0.text”.')
	),
	start: codePointOffset('start'),
	end: codePointOffset('end'),
	codeIds: v.pipe(
		v.array(uuid('codeIds[]')),
		v.minLength(1, 'Choose at least one code.'),
		v.maxLength(20, 'Apply at most 20 codes at once.')
	)
});

export const recodeRequest = v.object({ codeId: uuid('codeId') });

export const revealRequest = v.object({
	round: v.pipe(
		v.number('round must be a number.'),
		v.integer('round must be a whole number.'),
		v.minValue(1, 'round starts at 1.'),
		v.maxValue(1_000_000, 'round is too large.')
	)
});

/** A code's name and description in one language; an empty name removes the translation. */
export const codeTranslationInput = v.object({
	name: v.pipe(v.string('name must be text.'), v.trim(), v.maxLength(120, 'Keep the name under 120 characters.')),
	description: shortText('the description', 4000)
});

export const codeInput = v.object({
	parentId: v.nullable(uuid('parentId')),
	name: v.pipe(
		v.string('name must be text.'),
		v.trim(),
		v.minLength(1, 'Give the code a name.'),
		v.maxLength(120, 'Keep the name under 120 characters.')
	),
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
	kind: v.picklist(
		['excerpts-csv', 'aggregates-csv', 'codebook-qdc', 'project-qdpx', 'quotes', 'theme-report'],
		'Unknown export kind.'
	),
	records: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000))
});

/** The research records a browser holds open, to learn which of them have gone since. */
export const heldRecords = v.object({
	ids: v.pipe(
		v.array(uuid('ids[]')),
		v.maxLength(HELD_RECORDS_PER_CHECK, `Ask about at most ${HELD_RECORDS_PER_CHECK} records at once.`)
	)
});
