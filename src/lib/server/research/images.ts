/**
 * Redacted photos in the research corpus: stored when a moderator approves a testimony with
 * photos included (always as corpus ciphertext, sealed in the moderator's browser), read by
 * researchers with the record they belong to, gone with the record.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { db } from '../db';
import { researchImage, researchRecord } from '../db/schema';
import { corpusKeyVersions } from '../channels/keys';
import { ATTACHMENT_LIMITS } from '$lib/attach/limits';
import { RESEARCH_IMAGE_PAD_BYTES } from '$lib/crypto/records';
import { AEAD_TAG_BYTES } from '$lib/crypto/aead';
import { toBase64url } from '$lib/encoding/base64url';
import { ResearchError } from './workspace';

/** Photos per record: at most every photo a testimony can carry. */
export const MAX_RESEARCH_IMAGES = ATTACHMENT_LIMITS.maxFiles;
/** A redacted photo's JPEG; the moderator's browser lowers its quality until it fits. */
export const MAX_RESEARCH_IMAGE_BYTES = ATTACHMENT_LIMITS.maxResearchImageBytes;
/** Its ciphertext: padded to whole 64 KiB blocks (at least one byte of padding), plus the tag. */
export const MAX_RESEARCH_IMAGE_CIPHERTEXT_BYTES = MAX_RESEARCH_IMAGE_BYTES + RESEARCH_IMAGE_PAD_BYTES + AEAD_TAG_BYTES;

export type ResearchImageUpload = { id: string; nonce: Uint8Array; ciphertext: Uint8Array };

/**
 * Stores a new record's photos in the order given. Called inside the approval's transaction, so
 * the record and its photos enter the corpus together or not at all.
 */
export function storeResearchImages(recordId: string, corpusKeyId: number, images: ResearchImageUpload[]): void {
	if (images.length === 0) return;
	const taken = db()
		.select({ id: researchImage.id })
		.from(researchImage)
		.where(
			inArray(
				researchImage.id,
				images.map((image) => image.id)
			)
		)
		.get();
	if (taken) throw new ResearchError({ key: 'staff_refusals_research_image_shape' }, 409);
	images.forEach((image, index) => {
		db()
			.insert(researchImage)
			.values({
				id: image.id,
				recordId,
				position: index + 1,
				corpusKeyId,
				formatVersion: 1,
				nonce: Buffer.from(image.nonce),
				ciphertext: Buffer.from(image.ciphertext)
			})
			.run();
	});
}

/** A record's photos as ciphertext, with the corpus key version each is bound to, for a researcher's browser. */
export function sealedResearchImages(recordId: string) {
	const record = db()
		.select({ id: researchRecord.id })
		.from(researchRecord)
		.where(eq(researchRecord.id, recordId))
		.get();
	if (!record) throw new ResearchError({ key: 'staff_refusals_research_record_not_found' }, 404);
	const rows = db()
		.select()
		.from(researchImage)
		.where(eq(researchImage.recordId, recordId))
		.orderBy(asc(researchImage.position))
		.all();
	const versions = corpusKeyVersions([...new Set(rows.map((row) => row.corpusKeyId))]);
	return rows.map((row) => ({
		id: row.id,
		position: row.position,
		corpusKeyId: row.corpusKeyId,
		corpusKeyVersion: versions.get(row.corpusKeyId)!,
		nonce: toBase64url(row.nonce),
		ciphertext: toBase64url(row.ciphertext)
	}));
}

export type SealedResearchImage = ReturnType<typeof sealedResearchImages>[number];
