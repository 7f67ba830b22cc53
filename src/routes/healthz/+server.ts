import { json } from '@sveltejs/kit';
import { health } from '$lib/server/ops/health';
import type { RequestHandler } from './$types';

/** For monitors: 200 when the portal can take testimonies, 503 and the reason when not. No data. */
export const GET: RequestHandler = () => {
	const state = health();
	return json(state, { status: state.status === 'ok' ? 200 : 503 });
};
