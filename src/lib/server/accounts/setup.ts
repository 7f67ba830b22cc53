import { DomainError, type Refusal } from '../http/errors';
import { db } from '../db';
import { staffRole } from '../db/schema';
import { recordAudit } from '../audit/record';
import { insertChannel, insertCorpusKey } from '../channels/keys';
import { deleteSetting, readSetting, writeSetting } from '../settings/store';
import { adminExists, insertStaffUser, type NewStaffUser } from './staff';
import { issueRecoveryCodes } from '../auth/second-factor';
import { newTotpSecret, totpEnrolment, verifyTotp, type TotpEnrolment } from '../auth/totp';
import { constantTimeEqual, newToken, sha256 } from '../security/tokens';
import { fromBase64url, toBase64url } from '$lib/encoding/base64url';

export class SetupError extends DomainError {
	declare readonly status: 400 | 403 | 409;

	constructor(refusal: Refusal, status: 400 | 403 | 409) {
		super(refusal, status);
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
	writeSetting('setup_token_hash', toBase64url(sha256(token)));
	return token;
}

/**
 * The authenticator secret offered to the first admin. Kept in memory only: it exists just
 * for the setup in progress, and a restart issues a new setup link anyway.
 */
let pendingSetupTotp: Buffer | null = null;

export function setupTotp(token: string, username: string): TotpEnrolment {
	if (!setupTokenIsValid(token)) {
		throw new SetupError({ key: 'staff_refusals_setup_link_invalid' }, 403);
	}
	pendingSetupTotp ??= newTotpSecret();
	return totpEnrolment(pendingSetupTotp, username, 'TRIPS Voice');
}

export function setupTokenIsValid(token: string): boolean {
	const stored = readSetting('setup_token_hash');
	if (!stored || adminExists()) return false;
	return constantTimeEqual(sha256(token), fromBase64url(stored));
}

export type SetupInput = {
	token: string;
	/** A current code from the authenticator the admin just set up. */
	totpCode: string;
	admin: NewStaffUser;
	channel: { name: string; country: string; publicKey: Uint8Array; sealedSecretKey: Uint8Array };
	sealedCorpusKey: Uint8Array;
};

/**
 * Creates the first admin, the first channel with its key sealed to them, and the corpus key,
 * in one transaction. The admin is also the channel's first moderator and a researcher: they
 * hold those keys, and without a holder nobody could ever be granted them.
 */
export function completeSetup(
	input: SetupInput,
	now = new Date()
): { adminId: string; channelId: string; recoveryCodes: string[] } {
	return db().transaction(() => {
		if (!setupTokenIsValid(input.token)) {
			throw new SetupError({ key: 'staff_refusals_setup_link_invalid' }, 403);
		}
		const step = pendingSetupTotp ? verifyTotp(pendingSetupTotp, input.totpCode, 0, now) : null;
		if (step === null) {
			throw new SetupError({ key: 'staff_refusals_authenticator_code_wrong_time' }, 400);
		}
		const adminId = insertStaffUser(input.admin, { secret: pendingSetupTotp!, step }, now);
		const { channelId } = insertChannel(
			{ ...input.channel, grants: [{ userId: adminId, sealedKey: input.channel.sealedSecretKey }] },
			adminId,
			now
		);
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
		pendingSetupTotp = null;
		const recoveryCodes = issueRecoveryCodes(adminId);
		recordAudit({ actorId: adminId, action: 'setup.completed', subjectType: 'channel', subjectId: channelId }, now);
		return { adminId, channelId, recoveryCodes };
	});
}
