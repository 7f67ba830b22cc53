import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { demoFolderState, DEMO_REFUSAL, type DemoFolderState } from '$lib/server/ops/demo';
import { seedDemo, type DemoAccount, type DemoReceipt } from '$lib/demo/seed';

export { demoFolderState, DEMO_REFUSAL, seedDemo, type DemoAccount, type DemoFolderState, type DemoReceipt };

/*
 * `npm run demo` (scripts/demo.js) serves a portal on its own data folder, seeded with fictional
 * testimonies through the portal's own API; these are its parts that run in Node.
 */

export const FICTIONAL_NOTICE = 'Everything in this demo is fictional: testimonies, names, places and accounts.';

/** The accounts as ACCOUNTS.txt keeps them in the demo folder, and as the demo prints them. */
export function accountsText(accounts: DemoAccount[], receipts: DemoReceipt[], origin: string): string {
	return [
		`TRIPS Voice demo. ${FICTIONAL_NOTICE}`,
		`Survivor pages: ${origin}/`,
		`Staff sign-in:  ${origin}/staff/login`,
		'',
		...accounts.flatMap((account) => [
			`${account.role}`,
			`  username:    ${account.username}`,
			`  passphrase:  ${account.passphrase}`,
			`  TOTP secret: ${account.totpSecret}`,
			''
		]),
		`Survivors' receipts with a reply waiting (enter one at ${origin}/check):`,
		...receipts.map(({ receipt, locale }) => `  ${receipt} (${locale})`),
		''
	].join('\n');
}

/** The six-digit code an authenticator app shows now for each TOTP secret in `text`. */
export function currentCodes(text: string): { secret: string; code: string }[] {
	return [...text.matchAll(/TOTP secret: ([A-Z2-7 ]+)$/gm)].map(([, secret]) => ({
		secret: secret.trim(),
		code: generateTOTP(decodeBase32IgnorePadding(secret.replace(/\s/g, '')), 30, 6)
	}));
}
