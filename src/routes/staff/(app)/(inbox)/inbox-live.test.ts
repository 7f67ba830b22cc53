import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/client/api/http';
import type { InboxCounts } from '$lib/client/api/inbox';
import { staffDictionary } from '$lib/server/i18n/staff';
import { staffTranslator } from '$lib/staff-i18n';
import { InboxLive, POLL_MS } from './inbox-live.svelte';

const english = staffTranslator(staffDictionary('en'));

/** A tab whose visibility the test sets, with timers the test runs by hand. */
function tab() {
	const listeners = new Set<() => void>();
	let pending: { run: () => void; ms: number } | null = null;
	const page = {
		visibilityState: 'visible' as DocumentVisibilityState,
		addEventListener: (_: string, listener: () => void) => listeners.add(listener),
		removeEventListener: (_: string, listener: () => void) => listeners.delete(listener)
	};
	return {
		page: page as unknown as Document,
		timers: {
			set: (run: () => void, ms: number) => (pending = { run, ms }),
			clear: () => (pending = null)
		},
		show(state: DocumentVisibilityState) {
			page.visibilityState = state;
			for (const listener of listeners) listener();
		},
		/** Runs the scheduled poll, if any; false if nothing was scheduled. */
		async tick(): Promise<boolean> {
			const due = pending;
			if (!due) return false;
			expect(due.ms).toBe(POLL_MS);
			pending = null;
			due.run();
			await new Promise((resolve) => setTimeout(resolve, 0));
			return true;
		}
	};
}

const counts = (total: number) => ({ activity: { total } }) as unknown as InboxCounts;

describe('the inbox’s live counts', () => {
	it('asks while the tab is visible, not at all while hidden, and at once when shown again', async () => {
		const browser = tab();
		const read = vi.fn(async () => counts(read.mock.calls.length));
		const live = new InboxLive(read, english, browser.page, browser.timers);
		const stop = live.start();
		expect(await browser.tick()).toBe(true);
		expect(read).toHaveBeenCalledTimes(1);
		browser.show('hidden');
		expect(await browser.tick()).toBe(false);
		expect(read).toHaveBeenCalledTimes(1);
		browser.show('visible');
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(read).toHaveBeenCalledTimes(2);
		expect(live.latest?.activity.total).toBe(2);
		stop();
		expect(await browser.tick()).toBe(false);
	});

	it('keeps the last counts through a failed request and tries again', async () => {
		const browser = tab();
		const read = vi.fn(async () => {
			if (read.mock.calls.length === 2) throw new TypeError('Failed to fetch');
			return counts(read.mock.calls.length);
		});
		const live = new InboxLive(read, english, browser.page, browser.timers);
		live.start();
		await browser.tick();
		await browser.tick();
		expect(live.latest?.activity.total).toBe(1);
		expect(live.problem).toMatch(/could not be refreshed/);
		await browser.tick();
		expect(live.latest?.activity.total).toBe(3);
		expect(live.problem).toBe('');
	});

	it('stops asking once the session has ended', async () => {
		const browser = tab();
		const live = new InboxLive(
			async () => {
				throw new ApiError('Sign in first.', 401);
			},
			english,
			browser.page,
			browser.timers
		);
		live.start();
		await browser.tick();
		expect(live.stopped).toBe(true);
		expect(live.problem).toMatch(/session has ended/);
		expect(await browser.tick()).toBe(false);
	});
});
