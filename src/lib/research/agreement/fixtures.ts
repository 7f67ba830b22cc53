/** The agreement tests' codings: one coder's code on a span of one field, each with its own id. */
import type { Coding, FieldAddress } from '../types';

let nextCodingId = 0;
export function coding(
	coderId: string,
	codeId: string,
	recordId: string,
	field: FieldAddress,
	start: number,
	end: number
): Coding {
	return { id: `coding-${++nextCodingId}`, recordId, field, start, end, codeId, coderId };
}
