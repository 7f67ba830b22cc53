import { DEFAULT_SAFE_URL, defaultIntakeChannel } from '$lib/server/keys';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = () => {
	const channel = defaultIntakeChannel();
	return { safeUrl: channel?.safeUrl ?? DEFAULT_SAFE_URL };
};
