// `npm run restore -- <file>`: puts a backup in place of the database in a stopped DATA_DIR,
// keeping the one it replaces (src/cli/backup.ts).
import { runCommand } from './cli.js';

await runCommand('backup', 'runRestoreCommand', 'The restore failed');
