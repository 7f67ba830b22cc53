import { db } from './db';
import { staffRole } from './db/schema';
import { recordAudit } from './audit';
import { insertChannel, insertCorpusKey } from './keys';
import { deleteSetting, readSetting, writeSetting } from './settings';
import { adminExists, insertStaffUser, type NewStaffUser } from './staff';
import { constantTimeEqual, newToken, sha256 } from './security/tokens';

export class SetupError extends Error {
	constructor(
		message: string,
		readonly status: 403 | 409
	) {
		super(message);
		this.name = 'SetupError';
	}
}

/**
 * While no admin exists, every start issues a fresh one-time setup token; only its hash is
 * kept, so the token in the printed link is the one secret that opens setup.
 */
export function issueSetupToken(): string | null {
	if (adminExists()) {
		deleteSetting('setup_token_hash');
		return null;
	}
	const token = newToken();
	writeSetting('setup_token_hash', sha256(token).toString('base64url'));
	return token;
}

export function setupTokenIsValid(token: string): boolean {
	const stored = readSetting('setup_token_hash');
	if (!stored || adminExists()) return false;
	return constantTimeEqual(sha256(token), Buffer.from(stored, 'base64url'));
}

export type SetupInput = {
	token: string;
	admin: NewStaffUser;
	channel: { name: string; country: string; publicKey: Uint8Array; sealedSecretKey: Uint8Array };
	sealedCorpusKey: Uint8Array;
};

/**
 * Creates the first admin, the first channel with its key sealed to them, and the corpus key,
 * in one transaction. The admin is also the channel's first moderator and a researcher: they
 * hold those keys, and without a holder nobody could ever be granted them.
 */
export function completeSetup(input: SetupInput, now = new Date()): { adminId: string; channelId: string } {
	return db().transaction(() => {
		if (!setupTokenIsValid(input.token)) {
			throw new SetupError('This setup link is no longer valid. Restart the server for a new one.', 403);
		}
		const adminId = insertStaffUser(input.admin, now);
		const { channelId } = insertChannel({ ...input.channel, firstMemberId: adminId }, now);
		insertCorpusKey(input.sealedCorpusKey, adminId, now);
		db()
			.insert(staffRole)
			.values([
				{ staffUserId: adminId, role: 'admin', channelId: null },
				{ staffUserId: adminId, role: 'moderator', channelId },
				{ staffUserId: adminId, role: 'researcher', channelId: null }
			])
			.run();
		deleteSetting('setup_token_hash');
		recordAudit({ actorId: adminId, action: 'setup.completed', subjectType: 'channel', subjectId: channelId }, now);
		return { adminId, channelId };
	});
}
