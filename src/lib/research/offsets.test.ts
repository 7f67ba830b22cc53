import { describe, expect, it } from 'vitest';
import { codePointLength, codePointOffset, normaliseLineEndings, sliceCodePoints, utf16Index } from './offsets';

describe('code-point offsets', () => {
	const text = 'Ẹ 👩🏾‍🍳 cook\nمطبخ';

	it('count characters outside the BMP once', () => {
		expect(codePointLength('a😀b')).toBe(3);
		expect(codePointLength(text)).toBe([...text].length);
	});

	it('map to UTF-16 indices and back', () => {
		for (let offset = 0; offset <= codePointLength(text); offset++) {
			expect(codePointOffset(text, utf16Index(text, offset))).toBe(offset);
		}
	});

	it('slice what a coding points at', () => {
		expect(sliceCodePoints('a😀bc', 1, 3)).toBe('😀b');
		expect(sliceCodePoints(text, 12, 16)).toBe('مطبخ');
	});

	it('turn CRLF and CR into LF', () => {
		expect(normaliseLineEndings('a\r\nb\rc\n')).toBe('a\nb\nc\n');
	});
});
