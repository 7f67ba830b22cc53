/**
 * A facilitator's shared device for a session: the offline worker and the outbox. Only kiosk
 * pages call this, so a survivor's own browser never registers a worker or keeps a page.
 */
import { dev } from '$app/environment';
import type { KioskMessage } from '$lib/kiosk';
import { isLocale, localizeHref } from '$lib/paraglide/runtime';
import { flushOutbox, forgetOutbox, outboxState, type OutboxState } from './outbox';

/**
 * Registers the offline worker, asks it to keep the session's language and testimony pages in
 * each of its languages, and sends what waits in the outbox now, when the line returns and every
 * 30 seconds. Returns a function that stops the sending.
 */
export function prepareKioskDevice(sessionLocales: string[], onOutbox: (state: OutboxState) => void): () => void {
	if (!('serviceWorker' in navigator)) return () => {};
	const send = () => {
		flushOutbox().then(onOutbox, () => {});
	};
	(async () => {
		await navigator.serviceWorker.register('/service-worker.js', { scope: '/', type: dev ? 'module' : 'classic' });
		const registration = await navigator.serviceWorker.ready;
		const urls = sessionLocales
			.filter(isLocale)
			.flatMap((locale) =>
				['/kiosk', '/tell', '/tell/steps'].map((path) => localizeHref(path, { locale }) + location.search)
			);
		const channel = new MessageChannel();
		const kept = new Promise((resolve) => (channel.port1.onmessage = resolve));
		registration.active?.postMessage({ type: 'keep-pages', urls: [location.href, ...urls] } satisfies KioskMessage, [
			channel.port2
		]);
		await kept;
		// Marks the device ready to work without a line (tests wait for it).
		document.documentElement.dataset.offlineReady = 'true';
	})().catch(() => {});
	outboxState().then(onOutbox, () => {});
	send();
	window.addEventListener('online', send);
	const timer = setInterval(send, 30_000);
	return () => {
		window.removeEventListener('online', send);
		clearInterval(timer);
	};
}

/** Whether this browser was set up as a kiosk device (its offline worker is registered). */
export async function isKioskDevice(): Promise<boolean> {
	if (!('serviceWorker' in navigator)) return false;
	return (await navigator.serviceWorker.getRegistrations()).length > 0;
}

/**
 * Returns the device to a normal browser: the offline worker and its kept pages go. The outbox
 * stays while anything waits in it, so leaving kiosk mode never throws a testimony away.
 */
export async function leaveKioskMode(): Promise<OutboxState> {
	for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
	for (const name of await caches.keys()) if (name.startsWith('trips-voice-kiosk-')) await caches.delete(name);
	const state = await outboxState();
	if (state.waiting + state.refused === 0) await forgetOutbox();
	return state;
}
