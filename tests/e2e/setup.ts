import { afterAll } from 'vitest';
import { closeSharedChromiums } from './harness';

// Each test file's Chromiums end with the file, so no browser outlives the portal it was testing.
afterAll(closeSharedChromiums);
