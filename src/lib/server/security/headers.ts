/**
 * Headers for every response the app renders (the table is shared with scripts/start.js, which
 * sends it with static files). The CSP itself comes from `kit.csp` in svelte.config.js so
 * SvelteKit can add hashes for its own inline scripts.
 */
export { securityHeaders } from './header-table.js';
