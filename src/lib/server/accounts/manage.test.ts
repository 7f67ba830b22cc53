import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccountError, changePassphrase, disableUser, enableUser, resetTotp, setRoles } from './manage';
import { login } from '../auth/login';
import { db } from '../db';
import { auditEvent, channelKeyGrant, staffRole, staffUser } from '../db/schema';
import { createGrant, pendingGrants, GrantError } from '../channels/grants';
import { proposeChannelRotation } from '../channels/rotations';
import { insertStaffUser } from './staff';
import { createSession, validateSession } from '../auth/session';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { eq } from 'drizzle-orm';

useTemporaryDatabase();

let adminId: string;
let channelId: string;
let adminAuthKey: Uint8Array;
let moderatorId: string;

beforeAll(() => {
	const deployment = setUpTestDeployment({ admin: fakeStaffUser('ada.admin') });
	adminId = deployment.adminId;
	channelId = deployment.channelId;
	adminAuthKey = deployment.admin.authKey;
	moderatorId = insertStaffUser(fakeStaffUser('moe.moderator'), { secret: randomBytes(20), step: 0 });
	db().insert(staffRole).values({ staffUserId: moderatorId, role: 'moderator', channelId }).run();
});

describe('key grants', () => {
	it('lists a new moderator as waiting for the channel key, grantable by its holder only', () => {
		const asAdmin = pendingGrants(adminId).filter((grant) => grant.userId === moderatorId);
		expect(asAdmin.map((grant) => grant.kind).sort()).toEqual(['channel', 'corpus']);
		expect(asAdmin.every((grant) => grant.granterSealedKey !== null)).toBe(true);
		const asModerator = pendingGrants(moderatorId).filter((grant) => grant.userId === moderatorId);
		expect(asModerator.every((grant) => grant.granterSealedKey === null)).toBe(true);
	});

	it('refuses a grant from someone who does not hold the key', () => {
		const [pending] = pendingGrants(moderatorId).filter((grant) => grant.kind === 'channel');
		expect(() =>
			createGrant(moderatorId, {
				kind: 'channel',
				keyId: pending.keyId,
				userId: moderatorId,
				sealedKey: randomBytes(80)
			})
		).toThrow(GrantError);
	});

	it('refuses a grant to someone without the role that needs the key', () => {
		const outsider = insertStaffUser(fakeStaffUser('otto.outsider'), { secret: randomBytes(20), step: 0 });
		const [pending] = pendingGrants(adminId).filter((grant) => grant.kind === 'channel');
		expect(() =>
			createGrant(adminId, { kind: 'channel', keyId: pending.keyId, userId: outsider, sealedKey: randomBytes(80) })
		).toThrow(/does not need this key/);
	});

	it('stores a grant from the holder, after which nobody is waiting for it', () => {
		const [pending] = pendingGrants(adminId).filter(
			(grant) => grant.kind === 'channel' && grant.userId === moderatorId
		);
		createGrant(adminId, { kind: 'channel', keyId: pending.keyId, userId: moderatorId, sealedKey: randomBytes(80) });
		expect(pendingGrants(adminId).filter((grant) => grant.kind === 'channel' && grant.userId === moderatorId)).toEqual(
			[]
		);
	});

	it('refuses a rotation that leaves out a current member', async () => {
		await expect(
			proposeChannelRotation(adminId, channelId, {
				publicKey: randomBytes(32),
				grants: [{ userId: adminId, sealedKey: randomBytes(80) }]
			})
		).rejects.toThrow(/exactly the current members/);
	});
});

describe('passphrase changes', () => {
	it('refuses a change when the current passphrase is wrong', () => {
		const session = createSession(adminId);
		const identity = validateSession(session.token)!.identity;
		const material = {
			pwhashSalt: randomBytes(16),
			pwhashOpsLimit: 3,
			pwhashMemLimit: 64 * 1024 * 1024,
			authKey: randomBytes(32),
			wrappedSecretKey: { nonce: randomBytes(24), ciphertext: randomBytes(48) }
		};
		expect(() => changePassphrase(identity, randomBytes(32), material)).toThrow(AccountError);
	});

	it('ends the other sessions and keeps the current one when the change succeeds', () => {
		const other = createSession(adminId);
		const current = createSession(adminId);
		const identity = validateSession(current.token)!.identity;
		const newAuthKey = randomBytes(32);
		changePassphrase(identity, adminAuthKey, {
			pwhashSalt: randomBytes(16),
			pwhashOpsLimit: 3,
			pwhashMemLimit: 64 * 1024 * 1024,
			authKey: newAuthKey,
			wrappedSecretKey: { nonce: randomBytes(24), ciphertext: randomBytes(48) }
		});
		adminAuthKey = newAuthKey;
		expect(validateSession(other.token)).toBeNull();
		expect(validateSession(current.token)).not.toBeNull();
	});
});

describe('disabling and roles', () => {
	it('does not let the last administrator be disabled or lose the admin role', () => {
		expect(() => disableUser(adminId, adminId, { confirmUsername: 'ada.admin', reason: 'Testing the rule' })).toThrow(
			/last administrator/
		);
		expect(() => setRoles(adminId, adminId, [{ role: 'researcher', channelId: null }])).toThrow(/last administrator/);
	});

	it('removes the channel key grants of someone who loses the moderator role', () => {
		setRoles(adminId, moderatorId, [{ role: 'researcher', channelId: null }]);
		expect(db().select().from(channelKeyGrant).where(eq(channelKeyGrant.staffUserId, moderatorId)).all()).toEqual([]);
	});

	it('does not let someone whose 2FA was reset sign in with the passphrase alone', () => {
		const user = fakeStaffUser('rita.reset');
		const id = insertStaffUser(user, { secret: randomBytes(20), step: 0 });
		resetTotp(adminId, id);
		expect(db().select().from(staffUser).where(eq(staffUser.id, id)).get()?.totpSecret).toBeNull();
		const outcome = login('rita.reset', user.authKey, '');
		expect(outcome).toMatchObject({ ok: false, status: 401 });
	});
});

describe('disabling with confirmation and a reason, and enabling again', () => {
	it('refuses to disable without the typed username or without a reason, changing nothing', () => {
		const id = insertStaffUser(fakeStaffUser('dora.disable'), { secret: randomBytes(20), step: 0 });
		const session = createSession(id);
		expect(() => disableUser(adminId, id, { confirmUsername: 'moe.moderator', reason: 'Left the project' })).toThrow(
			/Type the username/
		);
		expect(() => disableUser(adminId, id, { confirmUsername: 'dora.disable', reason: ' ' })).toThrow(/reason/);
		expect(db().select().from(staffUser).where(eq(staffUser.id, id)).get()?.disabledAt).toBeNull();
		expect(validateSession(session.token)).not.toBeNull();
	});

	it('disables with the reason in the audit log, and enables again with its own reason', () => {
		const id = insertStaffUser(fakeStaffUser('emil.enable'), { secret: randomBytes(20), step: 0 });
		db().insert(staffRole).values({ staffUserId: id, role: 'researcher', channelId: null }).run();
		const session = createSession(id);
		disableUser(adminId, id, { confirmUsername: 'Emil.Enable', reason: 'Laptop stolen' });
		expect(validateSession(session.token)).toBeNull();
		expect(() => disableUser(adminId, id, { confirmUsername: 'emil.enable', reason: 'Again' })).toThrow(AccountError);

		enableUser(adminId, id, { confirmUsername: 'emil.enable', reason: 'New laptop, keys to be granted again' });
		expect(db().select().from(staffUser).where(eq(staffUser.id, id)).get()?.disabledAt).toBeNull();
		expect(
			db()
				.select()
				.from(staffRole)
				.where(eq(staffRole.staffUserId, id))
				.all()
				.map((row) => row.role)
		).toEqual(['researcher']);
		expect(() => enableUser(adminId, id, { confirmUsername: 'emil.enable', reason: 'Twice' })).toThrow(
			/No disabled staff member/
		);

		const audit = db().select().from(auditEvent).where(eq(auditEvent.subjectId, id)).all();
		expect(audit.map((entry) => [entry.action, entry.detail?.reason])).toEqual([
			['user.disabled', 'Laptop stolen'],
			['user.enabled', 'New laptop, keys to be granted again']
		]);
	});
});
