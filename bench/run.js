// Benchmarks: build if needed, then measure in Chromium. Numbers are printed, never asserted.
import { runWithChromium } from '../scripts/chromium-run.js';

runWithChromium('bench/vitest.config.ts', ['--reporter=dot']);
