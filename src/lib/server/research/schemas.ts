/** Request bodies of the research workspace: codings, codes, memos and export notices. */
import * as v from 'valibot';
import { CRYPTO } from '$lib/crypto/constants';
import { base64urlBytes } from '../http/validation';
import { AEAD_TAG, XCHACHA_NONCE, codePointOffset, shortText, uuid } from '../http/schema-parts';
import { staffIssue } from '../http/refusals';
import { HELD_RECORDS_PER_CHECK } from './withdrawals';
import { CODEBOOK_IMPORT_MAX_CHARS } from './codebook-import';
import { CODINGS_IMPORT_MAX } from './codings';

const MAX_CODES_AT_ONCE = 20;

export const newCodings = v.object({
	recordId: uuid('recordId'),
	field: v.pipe(
		v.string(),
		v.regex(/^\d{1,4}\.(text|transcript|translation|englishTranslation)$/, staffIssue('staff_refusals_coding_field'))
	),
	start: codePointOffset('start'),
	end: codePointOffset('end'),
	codeIds: v.pipe(
		v.array(uuid('codeIds[]')),
		v.minLength(1, staffIssue('staff_refusals_coding_choose_code')),
		v.maxLength(MAX_CODES_AT_ONCE, staffIssue('staff_refusals_coding_max_codes', { max: MAX_CODES_AT_ONCE }))
	)
});

export const recodeRequest = v.object({ codeId: uuid('codeId') });

const MAX_ROUND = 1_000_000;
const roundRefusal = staffIssue('staff_refusals_reveal_round', { max: MAX_ROUND });

export const revealRequest = v.object({
	round: v.pipe(
		v.number(roundRefusal),
		v.integer(roundRefusal),
		v.minValue(1, roundRefusal),
		v.maxValue(MAX_ROUND, roundRefusal)
	)
});

const CODE_NAME_LENGTH = 120;
const CODE_TEXT_LENGTH = 4000;
const codeNameRefusal = staffIssue('staff_refusals_code_name_length', { max: CODE_NAME_LENGTH });

/** A code's name and description in one language; an empty name removes the translation. */
export const codeTranslationInput = v.object({
	name: v.pipe(v.string(codeNameRefusal), v.trim(), v.maxLength(CODE_NAME_LENGTH, codeNameRefusal)),
	description: shortText('staff_refusals_field_code_description', CODE_TEXT_LENGTH)
});

export const codeInput = v.object({
	parentId: v.nullable(uuid('parentId')),
	name: v.pipe(
		v.string(codeNameRefusal),
		v.trim(),
		v.minLength(1, staffIssue('staff_refusals_code_name_missing')),
		v.maxLength(CODE_NAME_LENGTH, codeNameRefusal)
	),
	colour: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, staffIssue('staff_refusals_code_colour')), v.toLowerCase()),
	description: shortText('staff_refusals_field_code_description', CODE_TEXT_LENGTH),
	inclusion: shortText('staff_refusals_field_code_inclusion', CODE_TEXT_LENGTH),
	exclusion: shortText('staff_refusals_field_code_exclusion', CODE_TEXT_LENGTH),
	example: shortText('staff_refusals_field_code_example', CODE_TEXT_LENGTH)
});

export const archiveRequest = v.object({ archived: v.boolean(staffIssue('staff_refusals_code_archived')) });
export const mergeRequest = v.object({ into: uuid('into') });

export const memoUpload = v.object({
	id: uuid('id'),
	target: v.picklist(['record', 'coding', 'code'], staffIssue('staff_refusals_memo_target')),
	targetId: uuid('targetId'),
	corpusKeyVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	version: v.pipe(v.number(), v.integer(), v.minValue(1)),
	nonce: base64urlBytes('nonce', { exact: XCHACHA_NONCE }),
	ciphertext: base64urlBytes('ciphertext', { min: CRYPTO.padBlockBytes + AEAD_TAG, max: 128 * 1024 })
});

export const exportNotice = v.object({
	kind: v.picklist(
		['excerpts-csv', 'aggregates-csv', 'codebook-qdc', 'project-qdpx', 'quotes', 'theme-report'],
		staffIssue('staff_refusals_export_kind')
	),
	records: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000))
});

/** The research records a browser holds open, to learn which of them have gone since. */
export const heldRecords = v.object({
	ids: v.pipe(
		v.array(uuid('ids[]')),
		v.maxLength(HELD_RECORDS_PER_CHECK, staffIssue('staff_refusals_held_records', { max: HELD_RECORDS_PER_CHECK }))
	)
});

/** A codebook file's text, read in the browser: four bytes a character leave room for UTF-8 and JSON escapes. */
export const CODEBOOK_IMPORT_BODY_BYTES = 4 * CODEBOOK_IMPORT_MAX_CHARS + 1024;

export const codebookImportRequest = v.object({
	xml: v.pipe(
		v.string(staffIssue('staff_refusals_import_malformed')),
		v.maxLength(CODEBOOK_IMPORT_MAX_CHARS, staffIssue('staff_refusals_import_too_large'))
	),
	confirm: v.optional(v.boolean(), false)
});

/** Codings planned in the browser from a project file: addresses and codes, never text. */
export const codingsImportRequest = v.object({
	codings: v.pipe(
		v.array(
			v.object({
				recordId: uuid('recordId'),
				field: newCodings.entries.field,
				start: codePointOffset('start'),
				end: codePointOffset('end'),
				codeId: uuid('codeId')
			})
		),
		v.minLength(1, staffIssue('staff_refusals_coding_select_text')),
		v.maxLength(CODINGS_IMPORT_MAX, staffIssue('staff_refusals_import_codings_too_many', { max: CODINGS_IMPORT_MAX }))
	)
});
