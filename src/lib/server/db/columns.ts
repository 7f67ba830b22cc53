/** Column types shared by every domain's tables. */
import { blob } from 'drizzle-orm/sqlite-core';

/** Binary values (keys, nonces, ciphertext) as Node Buffers. */
export const bytes = (name: string) => blob(name, { mode: 'buffer' });
