/**
 * The research corpus on the wire: one binary body instead of base64 inside JSON, so neither
 * side spends time encoding or decoding 10,000 ciphertexts and the browser can hand byte ranges
 * to the crypto worker without copying them as strings.
 *
 * The corpus travels in pages of a few MiB, so the server never holds the whole corpus: each
 * frame carries `page`, the number of records in the corpus and the cursor of the next page
 * (null on the last one).
 *
 * Layout: 4-byte big-endian length of the header, the header as UTF-8 JSON, then for each record
 * in header order its nonce followed by its ciphertext (lengths in the header).
 */

export type FramedRecord<T> = T & { nonceBytes: number; ciphertextBytes: number };
export type CorpusPage = { total: number; next: string | null };
export type CorpusFrameHeader<K, T> = { keys: K; records: FramedRecord<T>[]; page: CorpusPage };

export class CorpusFrameError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CorpusFrameError';
	}
}

export function encodeCorpusFrame<K, T>(
	keys: K,
	records: (T & { nonce: Uint8Array; ciphertext: Uint8Array })[],
	page: CorpusPage = { total: records.length, next: null }
): Uint8Array {
	const header: CorpusFrameHeader<K, Omit<T, 'nonce' | 'ciphertext'>> = {
		keys,
		page,
		records: records.map(
			({ nonce, ciphertext, ...rest }) =>
				({ ...rest, nonceBytes: nonce.length, ciphertextBytes: ciphertext.length }) as FramedRecord<
					Omit<T, 'nonce' | 'ciphertext'>
				>
		)
	};
	const headerBytes = new TextEncoder().encode(JSON.stringify(header));
	const payload = records.reduce((sum, record) => sum + record.nonce.length + record.ciphertext.length, 0);
	const frame = new Uint8Array(4 + headerBytes.length + payload);
	new DataView(frame.buffer).setUint32(0, headerBytes.length);
	frame.set(headerBytes, 4);
	let offset = 4 + headerBytes.length;
	for (const record of records) {
		frame.set(record.nonce, offset);
		frame.set(record.ciphertext, offset + record.nonce.length);
		offset += record.nonce.length + record.ciphertext.length;
	}
	return frame;
}

/** The header, and where each record's bytes begin in the buffer. */
export function decodeCorpusFrame<K, T>(buffer: ArrayBuffer): { header: CorpusFrameHeader<K, T>; offsets: number[] } {
	if (buffer.byteLength < 4) throw new CorpusFrameError('The corpus answer is truncated.');
	const headerLength = new DataView(buffer).getUint32(0);
	if (4 + headerLength > buffer.byteLength) throw new CorpusFrameError('The corpus answer is truncated.');
	const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength))) as CorpusFrameHeader<
		K,
		T
	>;
	const offsets: number[] = [];
	let offset = 4 + headerLength;
	for (const record of header.records) {
		offsets.push(offset);
		offset += record.nonceBytes + record.ciphertextBytes;
	}
	if (offset !== buffer.byteLength) throw new CorpusFrameError('The corpus answer does not match its header.');
	return { header, offsets };
}
