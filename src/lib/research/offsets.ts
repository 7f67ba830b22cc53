/**
 * Code-point offsets (what codings store and REFI-QDA uses) against JavaScript's UTF-16 string
 * indices (what the DOM and `String.slice` use). They differ for every character outside the
 * Basic Multilingual Plane: emoji, some CJK, historic scripts.
 */

/** Text as a coding sees it: LF line endings only. */
export function normaliseLineEndings(text: string): string {
	return text.replace(/\r\n?/g, '\n');
}

export function codePointLength(text: string): number {
	let length = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) i++;
		}
		length++;
	}
	return length;
}

/** The UTF-16 index of a code-point offset (clamped to the text's length). */
export function utf16Index(text: string, codePointOffset: number): number {
	let index = 0;
	for (let seen = 0; seen < codePointOffset && index < text.length; seen++) {
		const unit = text.charCodeAt(index);
		const pair =
			unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00;
		index += pair ? 2 : 1;
	}
	return index;
}

/** The code-point offset of a UTF-16 index; an index inside a surrogate pair counts the pair. */
export function codePointOffset(text: string, utf16: number): number {
	return codePointLength(text.slice(0, Math.min(utf16, text.length)));
}

/** The text between two code-point offsets (end exclusive). */
export function sliceCodePoints(text: string, start: number, end: number): string {
	return text.slice(utf16Index(text, start), utf16Index(text, end));
}
