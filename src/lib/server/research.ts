import { and, desc, eq } from 'drizzle-orm';
import { db } from './db';
import { corpusKey, corpusKeyGrant, researchRecord } from './db/schema';

/**
 * The research corpus as ciphertext, with the corpus keys sealed to this reader. Nothing here
 * can be read without a corpus key unlocked in a researcher's or moderator's browser.
 */
export function sealedCorpus(readerId: string) {
	const records = db()
		.select({
			id: researchRecord.id,
			approvedMonth: researchRecord.approvedMonth,
			corpusKeyId: researchRecord.corpusKeyId,
			version: corpusKey.version,
			nonce: researchRecord.nonce,
			ciphertext: researchRecord.ciphertext
		})
		.from(researchRecord)
		.innerJoin(corpusKey, eq(corpusKey.id, researchRecord.corpusKeyId))
		.orderBy(desc(researchRecord.approvedMonth))
		.all();
	const grants = db()
		.select({ corpusKeyId: corpusKeyGrant.corpusKeyId, sealedKey: corpusKeyGrant.sealedKey })
		.from(corpusKeyGrant)
		.where(and(eq(corpusKeyGrant.staffUserId, readerId)))
		.all();
	return {
		records: records.map((record) => ({
			id: record.id,
			approvedMonth: record.approvedMonth,
			corpusKeyId: record.corpusKeyId,
			corpusKeyVersion: record.version,
			nonce: record.nonce.toString('base64url'),
			ciphertext: record.ciphertext.toString('base64url')
		})),
		keys: Object.fromEntries(grants.map((grant) => [grant.corpusKeyId, grant.sealedKey.toString('base64url')])) as Record<number, string>
	};
}
