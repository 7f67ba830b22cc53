// Writes docs/crypto-vectors.json, the test vectors of docs/crypto.md §4, from fixed inputs
// (`-- --check` compares instead), building the command first when its sources changed.
import { runCommand } from './cli.js';

await runCommand('crypto-vectors', 'runCryptoVectorsCommand', 'Writing the crypto vectors failed');
