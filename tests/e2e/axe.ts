import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; targets: string[] };

/**
 * Runs axe-core in the page (through the DevTools protocol, so the page's CSP stays as strict
 * as in production) against WCAG 2.1 A/AA and axe's best practices.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
	// Evaluating axe's half-megabyte source costs more than most runs (about 0.12 s each time), so
	// it goes in once per document: screens the app changes in place reuse it, a new page loads it
	// again. Every run still reads the whole document afresh.
	for (let attempt = 1; ; attempt++) {
		const violations = await page.evaluate<AxeViolation[] | null>(`
			typeof axe === 'undefined' ? null : axe
				.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] })
				.then((result) => result.violations.map((violation) => ({
					id: violation.id,
					impact: violation.impact,
					targets: violation.nodes.map((node) => node.target.join(' '))
				})))`);
		if (violations) return violations;
		// A page that navigates away between the two steps drops axe again: try once more, not forever.
		if (attempt === 3) throw new Error('axe-core could not be loaded into the page.');
		await page.evaluate(axeSource);
	}
}
