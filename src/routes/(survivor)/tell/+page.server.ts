import { currentChannelKey, defaultIntakeChannel } from '$lib/server/keys';
import { deploymentSalt } from '$lib/server/settings';
import type { PageServerLoad } from './$types';

/** Public values the browser needs to seal a testimony: the channel's current public key. */
export const load: PageServerLoad = () => {
	const channel = defaultIntakeChannel();
	const key = channel ? currentChannelKey(channel.id) : undefined;
	if (!channel || !key) return { intake: null };
	return {
		intake: {
			channelId: channel.id,
			organisation: channel.name,
			channelKeyVersion: key.version,
			channelPublicKey: key.publicKey.toString('base64url'),
			deploymentSalt: deploymentSalt()
		}
	};
};
