import type { Code } from '$lib/research/types';

let sheet: CSSStyleSheet | null = null;

/**
 * Gives each code's colour to elements marked `data-code="<id>"` as `--code-colour`. The CSP
 * forbids inline style attributes, so colours chosen by researchers go through one
 * constructed stylesheet (CSSOM, which the CSP does not restrict) instead.
 */
export function applyCodeColours(codes: readonly Code[]): void {
	if (typeof document === 'undefined') return;
	if (!sheet) {
		sheet = new CSSStyleSheet();
		document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
	}
	const rules = codes
		.filter((code) => /^[0-9a-f-]{36}$/i.test(code.id) && /^#[0-9a-f]{6}$/i.test(code.colour))
		.map((code) => `[data-code="${code.id}"] { --code-colour: ${code.colour}; }`);
	sheet.replaceSync(rules.join('\n'));
}
