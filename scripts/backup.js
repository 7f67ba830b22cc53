// `npm run backup -- <file>`: a consistent copy of the database in DATA_DIR, taken while the
// portal serves (src/cli/backup.ts).
import { runCommand } from './cli.js';

await runCommand('backup', 'runBackupCommand', 'The backup failed');
