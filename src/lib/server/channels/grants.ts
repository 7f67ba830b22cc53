import { DomainError, type Refusal } from '../http/errors';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { channelsWithKeyDue, corpusKeyDue, insertChannelKeyGrants } from './keys';
import { db } from '../db';
import { channel, channelKey, channelKeyGrant, corpusKey, corpusKeyGrant, staffRole, staffUser } from '../db/schema';
import { toBase64url } from '$lib/encoding/base64url';

export class GrantError extends DomainError {
	declare readonly status: 400 | 403 | 404 | 409;

	constructor(refusal: Refusal, status: 400 | 403 | 404 | 409) {
		super(refusal, status);
	}
}

type Member = { userId: string; username: string; publicKey: string };

/** Active staff holding a role; moderators of one channel, or everyone who reads the corpus. */
function members(where: 'corpus' | { channelId: string }): Member[] {
	const condition =
		where === 'corpus'
			? inArray(staffRole.role, ['researcher', 'moderator'])
			: and(eq(staffRole.role, 'moderator'), eq(staffRole.channelId, where.channelId));
	const rows = db()
		.selectDistinct({ userId: staffUser.id, username: staffUser.username, publicKey: staffUser.publicKey })
		.from(staffRole)
		.innerJoin(staffUser, eq(staffUser.id, staffRole.staffUserId))
		.where(and(condition, isNull(staffUser.disabledAt)))
		.all();
	return rows.map((row) => ({ ...row, publicKey: toBase64url(row.publicKey) }));
}

export type PendingGrant = {
	kind: 'channel' | 'corpus';
	keyId: number;
	version: number;
	channelId: string | null;
	channelName: string | null;
	userId: string;
	username: string;
	publicKey: string;
	/** The sealed key the viewing staff member holds for this key, if any: they can grant it. */
	granterSealedKey: string | null;
};

/**
 * Who still needs which key: every version of a channel's key for its moderators (to read old
 * testimonies too), and every corpus key version for researchers and moderators.
 */
export function pendingGrants(viewerId: string): PendingGrant[] {
	const pending: PendingGrant[] = [];
	const held = new Map(
		db()
			.select({ keyId: channelKeyGrant.channelKeyId, sealed: channelKeyGrant.sealedSecretKey })
			.from(channelKeyGrant)
			.where(eq(channelKeyGrant.staffUserId, viewerId))
			.all()
			.map((row) => [row.keyId, toBase64url(row.sealed)])
	);
	for (const { id: channelId, name } of db().select({ id: channel.id, name: channel.name }).from(channel).all()) {
		const keys = db().select().from(channelKey).where(eq(channelKey.channelId, channelId)).all();
		const channelMembers = members({ channelId });
		for (const key of keys) {
			const granted = new Set(
				db()
					.select({ userId: channelKeyGrant.staffUserId })
					.from(channelKeyGrant)
					.where(eq(channelKeyGrant.channelKeyId, key.id))
					.all()
					.map((row) => row.userId)
			);
			for (const member of channelMembers.filter((m) => !granted.has(m.userId))) {
				pending.push({
					kind: 'channel',
					keyId: key.id,
					version: key.version,
					channelId,
					channelName: name,
					...member,
					granterSealedKey: held.get(key.id) ?? null
				});
			}
		}
	}
	const heldCorpus = new Map(
		db()
			.select({ keyId: corpusKeyGrant.corpusKeyId, sealed: corpusKeyGrant.sealedKey })
			.from(corpusKeyGrant)
			.where(eq(corpusKeyGrant.staffUserId, viewerId))
			.all()
			.map((row) => [row.keyId, toBase64url(row.sealed)])
	);
	const readers = members('corpus');
	for (const key of db().select().from(corpusKey).all()) {
		const granted = new Set(
			db()
				.select({ userId: corpusKeyGrant.staffUserId })
				.from(corpusKeyGrant)
				.where(eq(corpusKeyGrant.corpusKeyId, key.id))
				.all()
				.map((row) => row.userId)
		);
		for (const member of readers.filter((m) => !granted.has(m.userId))) {
			pending.push({
				kind: 'corpus',
				keyId: key.id,
				version: key.version,
				channelId: null,
				channelName: null,
				...member,
				granterSealedKey: heldCorpus.get(key.id) ?? null
			});
		}
	}
	return pending;
}

/**
 * Stores a key sealed in the granter's browser to a newcomer. The server checks what it can:
 * the granter holds that key, the newcomer has the role that needs it, and has no grant yet.
 */
export function createGrant(
	granterId: string,
	input: { kind: 'channel' | 'corpus'; keyId: number; userId: string; sealedKey: Uint8Array },
	now = new Date()
): void {
	db().transaction(() => {
		const pending = pendingGrants(granterId).find(
			(grant) => grant.kind === input.kind && grant.keyId === input.keyId && grant.userId === input.userId
		);
		if (!pending) throw new GrantError({ key: 'staff_refusals_grant_not_needed' }, 409);
		if (!pending.granterSealedKey) throw new GrantError({ key: 'staff_refusals_grant_not_held' }, 403);
		if (input.kind === 'channel') {
			insertChannelKeyGrants(input.keyId, [{ userId: input.userId, sealedKey: input.sealedKey }], granterId, now);
		} else {
			const values = { staffUserId: input.userId, grantedBy: granterId, createdAt: now };
			db()
				.insert(corpusKeyGrant)
				.values({ ...values, corpusKeyId: input.keyId, sealedKey: Buffer.from(input.sealedKey) })
				.run();
		}
		recordAudit(
			{
				actorId: granterId,
				action: 'grant.created',
				subjectType: 'staff_user',
				subjectId: input.userId,
				detail: { kind: input.kind, keyId: input.keyId, version: pending.version }
			},
			now
		);
	});
}

export function rotationRecipients(target: 'corpus' | { channelId: string }): Member[] {
	return members(target);
}

/**
 * Channels whose newest key was marked when one of their moderators was removed (disabled, or
 * their moderator role taken away): the removed person may have kept that key, so future
 * testimonies should go to a new one.
 */
export function channelsDueForRotation(): { channelId: string; name: string }[] {
	return channelsWithKeyDue();
}

/** The corpus key is due for rotation when any reader was disabled after it was made. */
export function corpusDueForRotation(): boolean {
	return corpusKeyDue();
}
