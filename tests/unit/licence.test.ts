import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/*
 * The portal is published under the AGPL, version 3 or later: the licence text ships with it, and
 * the package says the same, so that the tools that read one or the other agree.
 */
describe('the licence', () => {
	it('ships the GNU AGPL version 3, and the package names it as AGPL-3.0-or-later', () => {
		const text = fs.readFileSync('LICENSE', 'utf8');
		expect(text.startsWith('GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n')).toBe(true);
		// Section 13, the reason for choosing it: users of a modified version over a network get its source.
		expect(text).toContain('13. Remote Network Interaction; Use with the GNU General Public License.');
		const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
		expect(manifest.license).toBe('AGPL-3.0-or-later');
		const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
		expect(lock.packages[''].license).toBe('AGPL-3.0-or-later');
	});
});
