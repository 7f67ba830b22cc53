import { afterAll, beforeAll } from 'vitest';
import { staffCookie } from '$lib/demo/portal-api';
import { launchBrowser, startPortal, type RunningPortal } from './harness';
import { completeSetup } from './staff-flows';

export { enrolThroughApi, readRows, sendReply, staffCookie, writeRows } from '$lib/demo/portal-api';

/** A fresh portal whose first admin has signed in through the API: its session cookie, for moderation calls. */
export async function portalWithModerator(
	env: Record<string, string> = {}
): Promise<{ portal: RunningPortal; moderatorCookie: string }> {
	const portal = await startPortal(env);
	const admin = await launchBrowser();
	try {
		return { portal, moderatorCookie: await staffCookie(portal, await completeSetup(admin.page, portal.setupLink!)) };
	} finally {
		await admin.close();
	}
}

/**
 * A portal with a signed-in first admin for the whole test file: started before its tests,
 * stopped after them. Read `portal` and `moderatorCookie` inside the tests.
 */
export function usePortalWithModerator(env: Record<string, string> = {}): {
	portal: RunningPortal;
	moderatorCookie: string;
} {
	const fixture = {} as { portal: RunningPortal; moderatorCookie: string };
	beforeAll(async () => {
		Object.assign(fixture, await portalWithModerator(env));
	});
	afterAll(async () => {
		await fixture.portal?.stop();
	});
	return fixture;
}
