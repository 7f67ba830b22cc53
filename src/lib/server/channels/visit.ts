import { activeChannel, defaultIntakeChannel } from './keys';
import { sessionById } from '../sessions/sessions';

/**
 * The channel a survivor's visit goes to, and its facilitated session if the link carries one
 * (`?s=`); `kiosk=1` on a session's link marks the facilitator's shared device.
 */
export function visitChannel(url: URL) {
	const sessionId = url.searchParams.get('s');
	const session = sessionId ? sessionById(sessionId) : null;
	const channel = session ? activeChannel(session.channelId) : defaultIntakeChannel();
	return { session, channel, kiosk: Boolean(session) && url.searchParams.get('kiosk') === '1' };
}

/** The part of a survivor page's address that the next page keeps: the session and kiosk mark. */
export function visitQuery(url: URL): string {
	const kept = new URLSearchParams();
	for (const name of ['s', 'kiosk']) {
		const value = url.searchParams.get(name);
		if (value !== null) kept.set(name, value);
	}
	const query = kept.toString();
	return query ? `?${query}` : '';
}
