import { describe, expect, it } from 'vitest';
import { CorpusFrameError, decodeCorpusFrame, encodeCorpusFrame } from './corpus-frame';

const bytes = (length: number, fill: number) => new Uint8Array(length).fill(fill);

describe('the corpus frame', () => {
	it('carries the header and every record’s nonce and ciphertext, in order', () => {
		const frame = encodeCorpusFrame({ 1: 'sealed-key' }, [
			{ id: 'a', month: '2026-03', nonce: bytes(24, 1), ciphertext: bytes(528, 2) },
			{ id: 'b', month: '2026-04', nonce: bytes(24, 3), ciphertext: bytes(1040, 4) }
		]);
		const { header, offsets } = decodeCorpusFrame<Record<number, string>, { id: string; month: string }>(
			frame.slice().buffer
		);
		expect(header.keys).toEqual({ 1: 'sealed-key' });
		expect(header.records).toEqual([
			{ id: 'a', month: '2026-03', nonceBytes: 24, ciphertextBytes: 528 },
			{ id: 'b', month: '2026-04', nonceBytes: 24, ciphertextBytes: 1040 }
		]);
		expect(frame[offsets[0]]).toBe(1);
		expect(frame[offsets[0] + 24]).toBe(2);
		expect(frame[offsets[1]]).toBe(3);
		expect(frame[offsets[1] + 24 + 1039]).toBe(4);
	});

	it('refuses a truncated or padded answer instead of misreading it', () => {
		const frame = encodeCorpusFrame({}, [{ id: 'a', nonce: bytes(24, 1), ciphertext: bytes(40, 2) }]);
		expect(() => decodeCorpusFrame(frame.slice(0, frame.length - 1).buffer)).toThrow(CorpusFrameError);
		const padded = new Uint8Array(frame.length + 1);
		padded.set(frame);
		expect(() => decodeCorpusFrame(padded.buffer)).toThrow(CorpusFrameError);
		expect(() => decodeCorpusFrame(new Uint8Array(2).buffer)).toThrow(CorpusFrameError);
	});

	it('carries the page it is: the corpus total and the next page’s cursor', () => {
		const frame = encodeCorpusFrame({}, [{ id: 'a', nonce: bytes(24, 1), ciphertext: bytes(40, 2) }], {
			total: 3,
			next: '2026-03.a'
		});
		expect(decodeCorpusFrame(frame.slice().buffer).header.page).toEqual({ total: 3, next: '2026-03.a' });
	});

	it('carries an empty corpus', () => {
		const { header, offsets } = decodeCorpusFrame(encodeCorpusFrame({}, []).slice().buffer);
		expect(header.records).toEqual([]);
		expect(offsets).toEqual([]);
	});
});
