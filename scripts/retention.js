// Applies the retention rules once to the database in DATA_DIR (see src/lib/server/retention/retention.ts),
// building the command first when its sources are newer than the last build.
import { runCommand } from './cli.js';

await runCommand('retention', 'runRetentionCommand', 'Retention failed');
