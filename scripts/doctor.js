// Checks the install (Node.js, file permissions, disk, settings, migrations, key holders) and
// prints what to fix; reads the database in DATA_DIR without changing it (src/cli/doctor.ts).
import { root } from './build-if-needed.js';
import { loadCommand } from './cli.js';

// The same working directory and settings as `npm start`, so the check sees the same database.
process.chdir(root);

const { runDoctorCommand } = await loadCommand('doctor');
try {
	process.exitCode = runDoctorCommand();
} catch (error) {
	console.error(`The check failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
	process.exitCode = 1;
}
