import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { EARLY_EXIT_SCRIPT } from './src/lib/early-exit.js';

/** The survivor pages' inline quick-exit script, allowed by its hash and nothing else inline. */
const earlyExitHash = `sha256-${createHash('sha256').update(EARLY_EXIT_SCRIPT).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Only a facilitator's kiosk device registers the offline worker (see the tell page):
		// a survivor's own browser must keep nothing of this site.
		serviceWorker: { register: false },
		// The portal checks the Origin of form posts itself, in the first hook, because an onion
		// service (ONION_ORIGIN, set when it starts) is a second origin of its own pages and this
		// list is fixed when the portal is built (src/lib/server/security/cross-site.ts).
		csrf: { trustedOrigins: ['*'] },
		// The survivor pages' CSS goes inline: a first page then paints after one round trip, not
		// two, on a slow line (it is about 2 KB compressed).
		inlineStyleThreshold: 8192,
		csp: {
			// Hashes, never nonces: a page that is the same for everyone is then the same bytes for
			// everyone, and can be rendered once and served from memory (src/lib/server/http).
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// libsodium instantiates WebAssembly; nothing else may evaluate code. The one inline
				// script of our own is the quick exit that works before any other script loads.
				'script-src': ['self', 'wasm-unsafe-eval', earlyExitHash],
				'worker-src': ['self'],
				'style-src': ['self'],
				// Only SvelteKit's route announcer: this hash is its exact, fixed style attribute.
				'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['none'],
				'object-src': ['none'],
				'manifest-src': ['self']
			}
		}
	}
};

export default config;
