// Checks the install (Node.js, file permissions, disk, settings, migrations, key holders) and
// prints what to fix; reads the database in DATA_DIR without changing it (src/cli/doctor.ts).
import { runCommand } from './cli.js';

await runCommand('doctor', 'runDoctorCommand', 'The check failed');
