import { describe, expect, it } from 'vitest';
import { CorpusIndex, type CodingScope } from '$lib/research/corpus-index';
import type { Coding, FieldAddress } from '$lib/research/types';
import { staffDictionary } from '$lib/server/i18n/staff';
import { staffTranslator } from '$lib/staff-i18n';
import { HitReview, type HitCoder } from './hit-review.svelte';
import { amina, answer, coding, record } from './testing';

const english = staffTranslator(staffDictionary('en'));

/** The workspace as the review sees it: an index over a few records and a codings store that can refuse. */
function coderOver(refuseAfter = Infinity): HitCoder & { codings: Coding[] } {
	const index = new CorpusIndex();
	index.add([
		record('r1', { answers: [answer('They kept my passport. Without the passport I could not leave.')] }),
		record('r2', { answers: [answer('My passport was taken at the border.')] })
	]);
	let added = 0;
	const coder = {
		codings: [] as Coding[],
		async hitList(recordIds: string[], query: string, scope: CodingScope, limit: number) {
			return index.hitList(recordIds, query, scope, limit);
		},
		async addCodings(recordId: string, field: FieldAddress, start: number, end: number, codeIds: string[]) {
			const same = coder.codings.find(
				(known) => known.recordId === recordId && known.start === start && known.end === end
			);
			if (same) return [same];
			if (added++ >= refuseAfter) throw new Error('A chosen code no longer exists or is archived.');
			const made = { ...coding(recordId, codeIds[0], amina.id, start, end), field };
			coder.codings = [...coder.codings, made];
			return [made];
		},
		async removeCoding(codingId: string) {
			coder.codings = coder.codings.filter((known) => known.id !== codingId);
		}
	};
	return coder;
}

describe('coding every hit of a search', () => {
	it('lists every hit for review and codes only the ticked ones', async () => {
		const coder = coderOver();
		const review = new HitReview(coder, english);
		await review.open(['r1', 'r2'], 'passport');
		expect(review.phase).toBe('review');
		expect(review.hits.map((hit) => [hit.recordId, hit.span.start, hit.span.end])).toEqual([
			['r1', 13, 21],
			['r1', 35, 43],
			['r2', 3, 11]
		]);
		review.toggle(review.hits[1], false);
		review.codeId = 'papers';
		await review.apply();
		expect(review.phase).toBe('applied');
		expect(coder.codings.map((made) => [made.recordId, made.start, made.codeId])).toEqual([
			['r1', 13, 'papers'],
			['r2', 3, 'papers']
		]);
	});

	it('codes whole sentences when asked, once per sentence', async () => {
		const coder = coderOver();
		const review = new HitReview(coder, english);
		await review.open(['r1'], 'passport');
		await review.setScope('sentence');
		expect(review.hits.map((hit) => [hit.span.start, hit.span.end])).toEqual([
			[0, 22],
			[23, 62]
		]);
	});

	it('undoes exactly what it coded, leaving a coding that was there before', async () => {
		const coder = coderOver();
		const before = { ...coding('r2', 'papers', amina.id, 3, 11), field: '0.text' as const };
		coder.codings = [before];
		const review = new HitReview(coder, english);
		await review.open(['r1', 'r2'], 'passport');
		review.codeId = 'papers';
		await review.apply();
		expect(review.created).toHaveLength(2);
		expect(review.alreadyCoded).toBe(1);
		await review.undo();
		expect(coder.codings).toEqual([before]);
		expect(review.phase).toBe('review');
	});

	it('stops at a refusal, says how many were coded, and can undo those', async () => {
		const coder = coderOver(1);
		const review = new HitReview(coder, english);
		await review.open(['r1', 'r2'], 'passport');
		review.codeId = 'papers';
		await review.apply();
		expect(review.problem).toMatch(/no longer exists.*1 hits were coded before it/);
		expect(coder.codings).toHaveLength(1);
		await review.undo();
		expect(coder.codings).toEqual([]);
	});

	it('words the problem in the staff member’s language', async () => {
		const review = new HitReview(coderOver(1), staffTranslator(staffDictionary('cs')));
		await review.open(['r1', 'r2'], 'passport');
		review.codeId = 'papers';
		await review.apply();
		expect(review.problem).toMatch(/no longer exists.*Před odmítnutím bylo zakódováno: 1/);
	});

	it('applies nothing without a code or with every hit unticked', async () => {
		const coder = coderOver();
		const review = new HitReview(coder, english);
		await review.open(['r1'], 'passport');
		await review.apply();
		review.codeId = 'papers';
		review.tickAll(false);
		await review.apply();
		expect(coder.codings).toEqual([]);
		expect(review.phase).toBe('review');
	});

	it('stops adding codings once cancelled, as when the page is left during an apply', async () => {
		const coder = coderOver();
		const review = new HitReview(coder, english);
		await review.open(['r1', 'r2'], 'passport');
		review.codeId = 'papers';
		const add = coder.addCodings;
		coder.addCodings = async (...args) => {
			const made = await add(...args);
			review.cancel();
			return made;
		};
		await review.apply();
		expect(coder.codings).toHaveLength(1);
	});
});
