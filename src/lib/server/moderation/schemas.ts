/** Request bodies of moderation: drafts, decisions and replies to survivors. */
import * as v from 'valibot';
import { staffIssue } from '../http/refusals';
import { CRYPTO } from '$lib/crypto/constants';
import { base64urlBytes } from '../http/validation';
import { AEAD_TAG, SEALED_KEY, XCHACHA_NONCE, randomId } from '../http/schema-parts';
import { locales } from '$lib/paraglide/runtime';
import { parseReference } from '$lib/moderation/reference';
import { TEMPLATE_KINDS } from '$lib/moderation/templates';
import { SUBMISSION_STATUSES } from '../db/schema';
import { MAX_ATTACHMENTS, MAX_SUBMISSION_CIPHERTEXT_BYTES } from '../intake/schemas';
import { MAX_RESEARCH_IMAGES, MAX_RESEARCH_IMAGE_CIPHERTEXT_BYTES } from '../research/images';
import { RESEARCH_IMAGE_PAD_BYTES } from '$lib/crypto/records';
import { MAX_BOXES } from '$lib/moderation/image-boxes';

/** The largest decision: a research record and every photo it may carry, as base64url in JSON. */
export const MAX_DECISION_BODY_BYTES =
	3 * MAX_SUBMISSION_CIPHERTEXT_BYTES +
	MAX_RESEARCH_IMAGES * Math.ceil((MAX_RESEARCH_IMAGE_CIPHERTEXT_BYTES * 4) / 3 + 1024);

/** A reply sealed to the survivor: padded JSON in a sealed box (48 bytes of overhead). */
export const staffReplyUpload = v.object({
	sealedReply: base64urlBytes('sealedReply', { min: CRYPTO.padBlockBytes + 48, max: 64 * 1024 })
});

export const draftUpload = v.object({
	expectedVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
	channelKeyVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
	nonce: base64urlBytes('nonce', { exact: XCHACHA_NONCE }),
	ciphertext: base64urlBytes('ciphertext', {
		min: CRYPTO.padBlockBytes + AEAD_TAG,
		max: 2 * MAX_SUBMISSION_CIPHERTEXT_BYTES
	}),
	sealedDataKey: base64urlBytes('sealedDataKey', { exact: SEALED_KEY }),
	confirmedTranscripts: v.optional(
		v.pipe(v.array(randomId('confirmedTranscripts[]')), v.maxLength(MAX_ATTACHMENTS)),
		[]
	)
});

export const decisionUpload = v.variant(
	'kind',
	[
		v.object({
			kind: v.literal('approve'),
			record: v.object({
				id: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_uuid', { field: 'record.id' }))),
				corpusKeyVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
				nonce: base64urlBytes('record.nonce', { exact: XCHACHA_NONCE }),
				ciphertext: base64urlBytes('record.ciphertext', {
					min: CRYPTO.padBlockBytes + AEAD_TAG,
					max: 2 * MAX_SUBMISSION_CIPHERTEXT_BYTES
				}),
				images: v.optional(
					v.pipe(
						v.array(
							v.object({
								id: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_uuid', { field: 'record.images[].id' }))),
								nonce: base64urlBytes('record.images[].nonce', { exact: XCHACHA_NONCE }),
								ciphertext: v.pipe(
									base64urlBytes('record.images[].ciphertext', {
										min: RESEARCH_IMAGE_PAD_BYTES + AEAD_TAG,
										max: MAX_RESEARCH_IMAGE_CIPHERTEXT_BYTES
									}),
									// Padded to whole blocks before encryption: any other length was not sealed by a portal.
									v.check(
										(bytes) => (bytes.length - AEAD_TAG) % RESEARCH_IMAGE_PAD_BYTES === 0,
										staffIssue('staff_refusals_research_image_shape')
									)
								),
								boxes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_BOXES))
							})
						),
						v.maxLength(MAX_RESEARCH_IMAGES, staffIssue('staff_refusals_research_image_count')),
						v.check(
							(images) => new Set(images.map((image) => image.id)).size === images.length,
							staffIssue('staff_refusals_research_image_shape')
						)
					),
					[]
				)
			})
		}),
		v.object({
			kind: v.literal('reject'),
			reason: v.picklist(['spam', 'abuse', 'duplicate', 'out_of_scope'], staffIssue('staff_refusals_choose_reason'))
		}),
		v.object({ kind: v.literal('waiting') }),
		// A second moderator's confirmation of a proposed rejection, its withdrawal, and undoing a
		// rejection during its grace period.
		v.object({ kind: v.literal('confirm_rejection') }),
		v.object({ kind: v.literal('withdraw_rejection') }),
		v.object({ kind: v.literal('undo_rejection') })
	],
	staffIssue('staff_refusals_decision_kind')
);

/** A reply template a moderator writes for their channel, in one language. */
export const templateForm = v.object({
	channelId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_choose_your_channel'))),
	kind: v.picklist(TEMPLATE_KINDS, staffIssue('staff_refusals_template_kind')),
	locale: v.picklist(locales, staffIssue('staff_refusals_template_language')),
	text: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(2, staffIssue('staff_refusals_template_text')),
		v.maxLength(2000, staffIssue('staff_refusals_template_length'))
	)
});

/** The inbox's filters, from the address; anything unreadable is ignored. */
export const inboxFilters = v.object({
	status: v.optional(v.picklist(SUBMISSION_STATUSES)),
	session: v.optional(v.pipe(v.string(), v.uuid())),
	day: v.optional(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
	rejection: v.optional(v.literal('proposed')),
	waiting: v.optional(v.literal('1')),
	unread: v.optional(v.literal('1')),
	page: v.optional(v.pipe(v.string(), v.regex(/^[1-9]\d{0,5}$/), v.transform(Number)))
});

/** A testimony reference typed into the inbox's "Open by reference". */
export const referenceSearch = v.object({
	reference: v.pipe(
		v.string(),
		v.maxLength(40, staffIssue('staff_refusals_reference_shape')),
		v.transform(parseReference),
		v.string(staffIssue('staff_refusals_reference_shape'))
	)
});

/** Testimonies whose envelopes a moderator opens to filter the inbox by language. */
export const envelopeBatchRequest = v.object({
	ids: v.pipe(
		v.array(
			v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/, staffIssue('staff_refusals_random_id', { field: 'ids[]' })))
		),
		v.maxLength(2000)
	)
});
