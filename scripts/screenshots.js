// `npm run screenshots`: the README's pictures, taken in Chromium from a fresh `npm run demo`
// (tests/screenshots/readme.screens.ts), written to docs/screenshots/.
import { runWithChromium } from './chromium-run.js';

runWithChromium('tests/screenshots/vitest.config.ts');
