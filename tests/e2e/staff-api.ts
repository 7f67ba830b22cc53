import { staffCookie } from '$lib/demo/portal-api';
import { launchBrowser, startPortal, type RunningPortal } from './harness';
import { completeSetup } from './staff-flows';

export { enrolThroughApi, readRows, sendReply, staffCookie, writeRows } from '$lib/demo/portal-api';

/** A fresh portal whose first admin has signed in through the API: its session cookie, for moderation calls. */
export async function portalWithModerator(): Promise<{ portal: RunningPortal; moderatorCookie: string }> {
	const portal = await startPortal();
	const admin = await launchBrowser();
	try {
		return { portal, moderatorCookie: await staffCookie(portal, await completeSetup(admin.page, portal.setupLink!)) };
	} finally {
		await admin.close();
	}
}
