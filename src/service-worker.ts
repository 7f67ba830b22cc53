/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline support for a facilitator's kiosk device, and for nothing else: only kiosk pages
 * register this worker (kit.serviceWorker.register is off), so a survivor's own phone never
 * gets it. It keeps the application's code and the kiosk pages themselves (questions and public
 * keys, no answers) so the flow still opens without a line; sealed testimonies wait in the
 * page's outbox, not here. API and staff requests are never touched.
 */
import { build, files, version } from '$service-worker';
import type { KioskMessage } from '$lib/kiosk';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `trips-voice-kiosk-${version}`;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([...build, ...files]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
			await sw.clients.claim();
		})()
	);
});

const isKioskPage = (url: URL) => url.searchParams.get('kiosk') === '1' && url.searchParams.has('s');

sw.addEventListener('message', (event) => {
	const message = event.data as KioskMessage | undefined;
	if (message?.type !== 'keep-pages') return;
	const urls = message.urls
		.map((url) => new URL(url, sw.location.origin))
		.filter((url) => url.origin === sw.location.origin && isKioskPage(url));
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await Promise.all(urls.map((url) => keep(cache, url.href).catch(() => {})));
			event.ports[0]?.postMessage({ kept: urls.length });
		})()
	);
});

async function keep(cache: Cache, url: string): Promise<Response> {
	const response = await fetch(url, { credentials: 'omit' });
	// A navigation may not be answered with a followed redirect: send the browser there itself.
	if (response.redirected) return Response.redirect(response.url, 303);
	if (response.ok) await cache.put(url, response.clone());
	return response;
}

sw.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (event.request.method !== 'GET' || url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/staff')) return;

	if (url.pathname.startsWith('/_app/') || files.includes(url.pathname)) {
		// Content-hashed or static: the cached copy is the right one.
		event.respondWith(
			(async () => {
				const cache = await caches.open(CACHE);
				return (await cache.match(event.request)) ?? keep(cache, event.request.url);
			})()
		);
	} else if (isKioskPage(url)) {
		// The kiosk page and its data: fresh when there is a line, the kept copy when not.
		event.respondWith(
			(async () => {
				const cache = await caches.open(CACHE);
				try {
					return await keep(cache, event.request.url);
				} catch {
					return (await cache.match(event.request.url)) ?? Response.error();
				}
			})()
		);
	}
});
