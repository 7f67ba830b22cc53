import { newChannelKeyPair, newCorpusKey, readyCrypto, sealToPublicKey, toBase64url } from '$lib/crypto';
import { Authenticator } from './authenticator';
import { newAccountMaterial, postJson, type EnrolledStaff, type PortalAddress } from './portal-api';

export type FirstAdmin = { username: string; passphrase: string; channelName: string; country: string };

/**
 * The first-run setup from the printed link, over HTTP as the setup page does it, with the keys
 * made in Node by the same code as the staff worker: the admin's account, the first channel's key
 * pair and the corpus key, both sealed to the admin. Returns the admin's session and the keys
 * the admin holds, so that whoever runs it can grant them on.
 */
export async function setupThroughApi(portal: PortalAddress, setupLink: string, admin: FirstAdmin) {
	await readyCrypto();
	const token = setupLink.split('#')[1];
	const totp = await postJson(portal, '/staff/api/setup/totp', { token, username: admin.username });
	if (totp.status !== 200) throw new Error(`Setup refused: ${totp.status} ${await totp.text()}`);
	const { secret } = (await totp.json()) as { secret: string };
	const authenticator = new Authenticator(secret);
	const { account, keyPair, recoveryKey } = newAccountMaterial(admin.username, admin.passphrase);
	const channelKeyPair = newChannelKeyPair();
	const corpusKey = newCorpusKey();
	const response = await postJson(portal, '/staff/api/setup', {
		token,
		totpCode: await authenticator.code(),
		admin: account,
		channel: {
			name: admin.channelName,
			country: admin.country,
			publicKey: toBase64url(channelKeyPair.publicKey),
			sealedSecretKey: toBase64url(sealToPublicKey(channelKeyPair.secretKey, keyPair.publicKey))
		},
		sealedCorpusKey: toBase64url(sealToPublicKey(corpusKey, keyPair.publicKey))
	});
	if (response.status !== 201) throw new Error(`Setup failed: ${response.status} ${await response.text()}`);
	const { channelId } = (await response.json()) as { channelId: string };
	const staff: EnrolledStaff = { username: admin.username, passphrase: admin.passphrase, recoveryKey, authenticator };
	return {
		cookie: (response.headers.get('set-cookie') ?? '').split(';')[0],
		staff,
		totpSecret: secret,
		keyPair,
		channelId,
		channelKeyPair,
		corpusKey
	};
}
