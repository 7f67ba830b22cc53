import { randomBytes, randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db';
import { auditEvent, channelKey, researchImage, researchRecord } from '../db/schema';
import { decide, newRecordId } from '../moderation/review';
import { decisionUpload } from '../moderation/schemas';
import { insertTestimony, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { toBase64url } from '$lib/encoding/base64url';
import { RESEARCH_IMAGE_PAD_BYTES } from '$lib/crypto/records';
import { MAX_RESEARCH_IMAGES, MAX_RESEARCH_IMAGE_CIPHERTEXT_BYTES, sealedResearchImages } from './images';

useTemporaryDatabase();

const NOW = new Date('2026-12-01T10:00:00Z');
let adminId: string;
let channels: string[];
let channelKeyId: number;

beforeAll(() => {
	const created = setUpTestDeployment({ now: NOW });
	adminId = created.adminId;
	channels = [created.channelId];
	channelKeyId = db().select().from(channelKey).where(eq(channelKey.channelId, created.channelId)).get()!.id;
});

/** A photo's corpus ciphertext as a browser seals it: whole 64 KiB blocks and the tag. */
const sealedPhoto = (blocks = 1) => ({
	id: randomUUID(),
	nonce: randomBytes(24),
	ciphertext: randomBytes(blocks * RESEARCH_IMAGE_PAD_BYTES + 16)
});

function approve(images: ReturnType<typeof sealedPhoto>[], boxes: number[] = images.map(() => 1)) {
	const id = insertTestimony({ channelId: channels[0], channelKeyId, receivedDay: '2026-11-30', status: 'in_review' });
	const recordId = newRecordId();
	decide(
		id,
		adminId,
		channels,
		{
			kind: 'approve',
			record: {
				id: recordId,
				corpusKeyVersion: 1,
				nonce: randomBytes(24),
				ciphertext: randomBytes(512),
				images: images.map((image, index) => ({ ...image, boxes: boxes[index] }))
			}
		},
		NOW
	);
	return { id, recordId };
}

describe('photos entering the research corpus on approval', () => {
	it('stores each included photo as the ciphertext sent, in order, with its record', () => {
		const first = sealedPhoto(2);
		const second = sealedPhoto();
		const { recordId } = approve([first, second], [3, 0]);
		const stored = sealedResearchImages(recordId);
		expect(stored.map((image) => [image.id, image.position, image.corpusKeyVersion])).toEqual([
			[first.id, 1, 1],
			[second.id, 2, 1]
		]);
		expect(stored[0].ciphertext).toBe(toBase64url(first.ciphertext));
		expect(stored[1].nonce).toBe(toBase64url(second.nonce));
	});

	it('audits each photo with ids and the number of boxes only', () => {
		const photo = sealedPhoto();
		const { id, recordId } = approve([photo], [5]);
		const entry = db().select().from(auditEvent).orderBy(desc(auditEvent.id)).get()!;
		expect(entry).toMatchObject({
			action: 'research_image.included',
			actorId: adminId,
			subjectType: 'submission',
			subjectId: id,
			detail: { recordId, imageId: photo.id, boxes: 5 }
		});
	});

	it('stores no photo when none was included', () => {
		const { recordId } = approve([]);
		expect(sealedResearchImages(recordId)).toEqual([]);
	});

	it('refuses a photo id already in the corpus, and keeps the testimony undecided', () => {
		const photo = sealedPhoto();
		approve([photo]);
		expect(() => approve([photo])).toThrow();
		expect(db().select().from(researchImage).where(eq(researchImage.id, photo.id)).all()).toHaveLength(1);
	});

	it('is deleted with its research record', () => {
		const { recordId } = approve([sealedPhoto()]);
		db().delete(researchRecord).where(eq(researchRecord.id, recordId)).run();
		expect(db().select().from(researchImage).where(eq(researchImage.recordId, recordId)).all()).toEqual([]);
	});

	it('refuses to list the photos of a record that does not exist', () => {
		expect(() => sealedResearchImages(randomUUID())).toThrow('No research record with this id.');
	});
});

describe('the photos of an approval as posted', () => {
	const body = (images: unknown[]) => ({
		kind: 'approve',
		record: {
			id: randomUUID(),
			corpusKeyVersion: 1,
			nonce: toBase64url(randomBytes(24)),
			ciphertext: toBase64url(randomBytes(528)),
			images
		}
	});
	const posted = (ciphertextBytes = RESEARCH_IMAGE_PAD_BYTES + 16, id: string = randomUUID()) => ({
		id,
		nonce: toBase64url(randomBytes(24)),
		ciphertext: toBase64url(randomBytes(ciphertextBytes)),
		boxes: 2
	});

	it('accepts whole padded blocks and an approval without photos', () => {
		expect(v.safeParse(decisionUpload, body([posted()])).success).toBe(true);
		const { images, ...withoutImages } = body([]).record;
		expect(images).toEqual([]);
		expect(v.safeParse(decisionUpload, { kind: 'approve', record: withoutImages }).success).toBe(true);
	});

	it('refuses a ciphertext that is not whole padded blocks, or over the limit', () => {
		expect(v.safeParse(decisionUpload, body([posted(RESEARCH_IMAGE_PAD_BYTES + 17)])).success).toBe(false);
		expect(v.safeParse(decisionUpload, body([posted(MAX_RESEARCH_IMAGE_CIPHERTEXT_BYTES + 65_536)])).success).toBe(
			false
		);
	});

	it('refuses the same photo twice and more photos than a testimony can carry', () => {
		const id = randomUUID();
		expect(v.safeParse(decisionUpload, body([posted(undefined, id), posted(undefined, id)])).success).toBe(false);
		const many = Array.from({ length: MAX_RESEARCH_IMAGES + 1 }, () => posted());
		expect(v.safeParse(decisionUpload, body(many)).success).toBe(false);
	});
});
