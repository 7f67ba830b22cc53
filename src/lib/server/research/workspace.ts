import { and, asc, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { visibleTo } from './rounds';
import { db } from '../db';
import {
	channel,
	code,
	coding,
	codingRound,
	corpusKey,
	corpusKeyGrant,
	facilitationSession,
	memo,
	researchRecord,
	staffRole,
	staffUser,
	submission,
	type MemoTarget
} from '../db/schema';
import { StaffRefusal, type RefusalKey } from '../http/errors';
import { currentCorpusKeyVersion } from '../channels/keys';
import { toBase64url } from '$lib/encoding/base64url';

export class ResearchError extends StaffRefusal {}

/** A corpus page holds records up to this many ciphertext bytes (at least one record). */
export const CORPUS_PAGE_BYTES = 4 * 1024 * 1024;
export const CORPUS_PAGE_RECORDS = 2000;
/**
 * The first page is small, so that the browser starts decrypting as soon as it comes rather than
 * wait for 4 MB while its worker sits idle (corpus-pages.ts).
 */
export const FIRST_CORPUS_PAGE_RECORDS = 500;

/** Where the next corpus page starts: the last record's month and id, in corpus order. */
const CURSOR = /^(\d{4}-\d{2})\.([0-9A-Fa-f-]{36})$/;

export function isCorpusCursor(cursor: string): boolean {
	return CURSOR.test(cursor);
}

/**
 * One page of the research corpus as ciphertext, newest month first (then by id), with what the server knows
 * of each record anyway (month approved, channel and its country, facilitated session) and the
 * corpus keys sealed to this reader. Nothing here can be read without a corpus key unlocked in
 * the reader's browser. Pages are cut by bytes, so a large corpus is never held in memory
 * whole; the cursor is keyset-based, so records approved while a reader pages through do not
 * shift the pages.
 */
export function sealedCorpusPage(readerId: string, after: string | null, pageBytes = CORPUS_PAGE_BYTES) {
	const position = after ? CURSOR.exec(after) : null;
	if (after && !position) throw new ResearchError({ key: 'staff_refusals_corpus_cursor_invalid' }, 400);
	// One walk down the (month, id) index, reading each record once and stopping at the page's
	// size; SQLite hands over the rows one at a time, so nothing beyond the page is ever read.
	const { sql: text, params } = corpusPageQuery(position ? { month: position[1], id: position[2] } : null).toSQL();
	const walk = db()
		.$client.prepare(text)
		.raw(true)
		.iterate(...params) as Iterable<CorpusPageRow>;
	const rows: CorpusPageRow[] = [];
	const most = after ? CORPUS_PAGE_RECORDS : FIRST_CORPUS_PAGE_RECORDS;
	let bytes = 0;
	let more = false;
	for (const row of walk) {
		const full = rows.length === most || (rows.length > 0 && bytes + row[5].length > pageBytes);
		if (full) {
			more = true;
			break;
		}
		bytes += row[5].length;
		rows.push(row);
	}
	const last = rows.at(-1);
	// A pending version seals nothing yet, and its grant may be junk until a colleague confirms it.
	const grants = db()
		.select({ corpusKeyId: corpusKeyGrant.corpusKeyId, sealedKey: corpusKeyGrant.sealedKey })
		.from(corpusKeyGrant)
		.innerJoin(corpusKey, eq(corpusKey.id, corpusKeyGrant.corpusKeyId))
		.where(and(eq(corpusKeyGrant.staffUserId, readerId), eq(corpusKey.pending, false)))
		.all();
	return {
		records: rows.map(
			([id, approvedMonth, corpusKeyId, corpusKeyVersion, nonce, ciphertext, channelId, sessionId]) => ({
				id,
				approvedMonth,
				corpusKeyId,
				corpusKeyVersion,
				channelId,
				sessionId,
				nonce,
				ciphertext
			})
		),
		keys: Object.fromEntries(grants.map((grant) => [grant.corpusKeyId, toBase64url(grant.sealedKey)])) as Record<
			number,
			string
		>,
		page: {
			total: db().select({ n: count() }).from(researchRecord).get()!.n,
			next: more && last ? `${last[1]}.${last[0]}` : null
		}
	};
}

export type SealedCorpusPage = ReturnType<typeof sealedCorpusPage>;

/** A record of a corpus page as SQLite hands it over, in `corpusPageQuery`'s order. */
type CorpusPageRow = [
	id: string,
	approvedMonth: string,
	corpusKeyId: number,
	corpusKeyVersion: number,
	nonce: Buffer,
	ciphertext: Buffer,
	channelId: string,
	sessionId: string | null
];

/**
 * The records after a cursor in corpus order, with what travels beside their ciphertext: one
 * row-value comparison, so SQLite walks the (month, id) index from the cursor. Written as
 * "earlier month, or same month and later id" it gathered and sorted every remaining record for
 * each page (50,000 records: pages from 140 to 750 ms, 12 s in all).
 */
export function corpusPageQuery(after: { month: string; id: string } | null) {
	return db()
		.select({
			id: researchRecord.id,
			approvedMonth: researchRecord.approvedMonth,
			corpusKeyId: researchRecord.corpusKeyId,
			version: corpusKey.version,
			nonce: researchRecord.nonce,
			ciphertext: researchRecord.ciphertext,
			channelId: submission.channelId,
			sessionId: submission.facilitationSessionId
		})
		.from(researchRecord)
		.innerJoin(corpusKey, eq(corpusKey.id, researchRecord.corpusKeyId))
		.innerJoin(submission, eq(submission.id, researchRecord.submissionId))
		.where(
			after ? sql`(${researchRecord.approvedMonth}, ${researchRecord.id}) < (${after.month}, ${after.id})` : undefined
		)
		.orderBy(desc(researchRecord.approvedMonth), desc(researchRecord.id))
		.limit(CORPUS_PAGE_RECORDS + 1);
}

/** Labels the workspace shows for channels, sessions and coders: no testimony in any of them. */
export function researchDirectory() {
	const channels = db().select({ id: channel.id, name: channel.name, country: channel.country }).from(channel).all();
	const sessions = db()
		.select({ id: facilitationSession.id, label: facilitationSession.label })
		.from(facilitationSession)
		.all();
	const coderIds = db().selectDistinct({ id: coding.coderId }).from(coding).all();
	const researcherIds = db()
		.selectDistinct({ id: staffRole.staffUserId })
		.from(staffRole)
		.where(eq(staffRole.role, 'researcher'))
		.all();
	const ids = [...new Set([...coderIds, ...researcherIds].map((row) => row.id))];
	const coders = ids.length
		? db()
				.select({ id: staffUser.id, name: staffUser.username })
				.from(staffUser)
				.where(inArray(staffUser.id, ids))
				.orderBy(asc(staffUser.username))
				.all()
		: [];
	return { channels, sessions, coders };
}

export type SealedMemoInput = {
	id: string;
	target: MemoTarget;
	targetId: string;
	corpusKeyVersion: number;
	version: number;
	nonce: Uint8Array;
	ciphertext: Uint8Array;
};

/**
 * The team's memos this reader may receive, as ciphertext for their browser. A memo on a
 * colleague's coding in the open blind round stays on the server with the coding it explains.
 */
export function sealedMemos(readerId: string) {
	return db()
		.select({
			id: memo.id,
			target: memo.target,
			researchRecordId: memo.researchRecordId,
			codingId: memo.codingId,
			codeId: memo.codeId,
			authorId: memo.authorId,
			corpusKeyId: memo.corpusKeyId,
			corpusKeyVersion: corpusKey.version,
			version: memo.version,
			nonce: memo.nonce,
			ciphertext: memo.ciphertext
		})
		.from(memo)
		.innerJoin(corpusKey, eq(corpusKey.id, memo.corpusKeyId))
		.leftJoin(coding, eq(coding.id, memo.codingId))
		.leftJoin(codingRound, eq(codingRound.id, coding.roundId))
		.where(or(isNull(memo.codingId), visibleTo(readerId)))
		.all()
		.map((row) => ({
			...row,
			targetId: (row.researchRecordId ?? row.codingId ?? row.codeId) as string,
			nonce: toBase64url(row.nonce),
			ciphertext: toBase64url(row.ciphertext)
		}));
}

/**
 * Creates or replaces a memo. Each save carries the next version, bound into the ciphertext's
 * additional data; a save based on an older version is refused so a colleague's edit is not
 * silently overwritten. Only the author edits a memo; the team reads them all.
 */
export function saveMemo(authorId: string, input: SealedMemoInput, now = new Date()): { version: number } {
	const key = currentCorpusKeyVersion();
	if (!key || key.version !== input.corpusKeyVersion)
		throw new ResearchError({ key: 'staff_refusals_memo_key_changed' }, 409);
	const target = memoTarget(input.target, input.targetId);
	return db().transaction(() => {
		const existingMemo = db().select().from(memo).where(eq(memo.id, input.id)).get();
		if (existingMemo) {
			if (existingMemo.authorId !== authorId)
				throw new ResearchError({ key: 'staff_refusals_memo_author_changes' }, 403);
			if (input.version !== existingMemo.version + 1) {
				throw new ResearchError({ key: 'staff_refusals_memo_changed_meanwhile' }, 409);
			}
			db()
				.update(memo)
				.set({
					corpusKeyId: key.id,
					nonce: Buffer.from(input.nonce),
					ciphertext: Buffer.from(input.ciphertext),
					version: input.version,
					updatedAt: now
				})
				.where(eq(memo.id, input.id))
				.run();
		} else {
			if (input.version !== 1) throw new ResearchError({ key: 'staff_refusals_memo_starts_at_one' }, 400);
			db()
				.insert(memo)
				.values({
					id: input.id,
					target: input.target,
					...target,
					authorId,
					corpusKeyId: key.id,
					nonce: Buffer.from(input.nonce),
					ciphertext: Buffer.from(input.ciphertext),
					version: 1,
					updatedAt: now
				})
				.run();
		}
		return { version: input.version };
	});
}

export function deleteMemo(authorId: string, memoId: string): void {
	const found = db().select().from(memo).where(eq(memo.id, memoId)).get();
	if (!found) throw new ResearchError({ key: 'staff_refusals_memo_not_found' }, 404);
	if (found.authorId !== authorId) throw new ResearchError({ key: 'staff_refusals_memo_author_deletes' }, 403);
	db().delete(memo).where(eq(memo.id, memoId)).run();
}

const MEMO_TARGET_GONE: Record<MemoTarget, RefusalKey> = {
	record: 'staff_refusals_memo_record_gone',
	coding: 'staff_refusals_memo_excerpt_gone',
	code: 'staff_refusals_memo_code_gone'
};

function memoTarget(target: MemoTarget, targetId: string) {
	const exists =
		target === 'record'
			? db().select({ id: researchRecord.id }).from(researchRecord).where(eq(researchRecord.id, targetId)).get()
			: target === 'coding'
				? db().select({ id: coding.id }).from(coding).where(eq(coding.id, targetId)).get()
				: db().select({ id: code.id }).from(code).where(eq(code.id, targetId)).get();
	if (!exists) throw new ResearchError({ key: MEMO_TARGET_GONE[target] }, 404);
	return {
		researchRecordId: target === 'record' ? targetId : null,
		codingId: target === 'coding' ? targetId : null,
		codeId: target === 'code' ? targetId : null
	};
}

/** The corpus key new memos are sealed under. */
export function currentCorpusKey(): { id: number; version: number } | null {
	const key = currentCorpusKeyVersion();
	return key ? { id: key.id, version: key.version } : null;
}

export const EXPORT_KINDS = [
	'excerpts-csv',
	'aggregates-csv',
	'codebook-qdc',
	'project-qdpx',
	'quotes',
	'theme-report'
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** An export built in a researcher's browser: who, what kind and how many records, never its content. */
export function recordExport(actorId: string, kind: ExportKind, records: number, now = new Date()): void {
	recordAudit({ actorId, action: 'export.created', detail: { kind, records } }, now);
}
