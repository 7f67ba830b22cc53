import { describe, expect, it } from 'vitest';
import { readSurvivorCatalogue } from '../unit/catalogue-checks';
import { axeViolations } from './axe';
import { launchBrowser } from './harness';
import { readRows, sendReply, usePortalWithModerator, writeRows } from './staff-api';
import { finishAfterReceipt, openThread, tellTestimony } from './survivor-flows';

/**
 * Tor Browser at "Safer" turns off JavaScript's JIT and WebAssembly. Chromium without its JIT
 * (which takes WebAssembly with it) stands in for it: libsodium then runs as plain JavaScript.
 */
const fixture = usePortalWithModerator();

describe('a survivor whose browser has no JIT and no WebAssembly', () => {
	it('sends a testimony with a voice note, and reads the reply with the receipt', { timeout: 600_000 }, async () => {
		// The lowest difficulty an admin may set: without JIT each proof takes 7–30 s at the
		// default, which the bench reports; this test is about the flow working, not its speed.
		writeRows(fixture.portal, "insert into setting (key, value) values ('pow_difficulty', '1000')");
		const slowNote = readSurvivorCatalogue('fr').sending_slow_note;
		const survivor = await launchBrowser({ locale: 'fr', fakeMicrophone: true, width: 360, jitless: true });
		try {
			const { page } = survivor;
			await page.goto(`${fixture.portal.origin}/fr/`);
			expect(await page.evaluate(() => typeof WebAssembly)).toBe('undefined');

			const receipt = await tellTestimony(page, `${fixture.portal.origin}/fr/tell`, {
				answers: ['Je cherche un logement depuis huit mois et personne ne répond.'],
				voiceAt: [0],
				replies: true,
				// Locking takes minutes here: the page says so, and to keep it open, before the receipt.
				onSending: async (current) => {
					const note = current.getByRole('status').filter({ hasText: slowNote });
					await note.waitFor({ timeout: 120_000 });
					expect(await current.getByTestId('receipt').count()).toBe(0);
					expect(await current.locator('main progress:not([value])').count()).toBe(1);
					expect(await axeViolations(current)).toEqual([]);
				},
				receiptTimeout: 300_000
			});
			expect(receipt.replace(/\D/g, '')).toHaveLength(18);
			await finishAfterReceipt(page);

			const [submission] = readRows<{ id: string; voiceNotes: number }>(
				fixture.portal,
				'select id, (select count(*) from attachment where submission_id = submission.id) as voiceNotes from submission'
			);
			expect(submission.voiceNotes).toBe(1);
			const reply = 'Merci. Une personne de notre équipe peut vous aider pour le logement.';
			await sendReply(fixture.portal, fixture.moderatorCookie, submission.id, reply);

			await openThread(page, `${fixture.portal.origin}/fr/check`, receipt, 300_000);
			const fromTeam = page.locator('.thread li.to_survivor .message-text');
			await expect.poll(() => fromTeam.first().textContent(), { timeout: 60_000 }).toContain(reply);
			// Still the same mode after every page: nothing could have used WebAssembly.
			expect(await page.evaluate(() => typeof WebAssembly)).toBe('undefined');
		} finally {
			await survivor.close();
		}
	});
});
