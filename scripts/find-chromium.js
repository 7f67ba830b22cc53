import fs from 'node:fs';

/** Where Chromium or Chrome usually lives; CHROMIUM_PATH wins when set. */
const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/snap/bin/chromium',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
	'/Applications/Chromium.app/Contents/MacOS/Chromium',
	'/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
];

export const INSTALL_HINT = [
	'The end-to-end tests drive a real Chromium, and none was found.',
	'Install it, for example on Debian or Ubuntu:',
	'  sudo apt-get update && sudo apt-get install -y chromium',
	'or point CHROMIUM_PATH at a Chromium or Chrome executable:',
	'  CHROMIUM_PATH=/path/to/chromium npm test'
].join('\n');

export function findChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
	return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}
