import { and, desc, eq } from 'drizzle-orm';
import { newKeyConfirmChallenge, readyCrypto, sealKeyConfirmChallenge } from '$lib/crypto';
import { recordAudit, type AuditAction } from '../audit/record';
import { db } from '../db';
import { channel, channelKey, channelKeyGrant, corpusKey, corpusKeyGrant, staffUser } from '../db/schema';
import { DomainError, type Refusal } from '../http/errors';
import { rotationRecipients } from './grants';
import { insertChannelKey, type SealedGrant } from './keys';
import { constantTimeEqual, sha256 } from '../security/tokens';
import { utcDay } from '../dates';
import { toBase64url } from '$lib/encoding/base64url';

/**
 * Key rotation in two steps. A member's browser proposes a new key version sealed to every
 * current member; it stays pending — survivors, intake and approvals keep the active version —
 * until another member's browser proves it opens its own grant of the new key (docs/crypto.md
 * §2.10). So one moderator, or one stolen account, cannot switch a channel or the corpus to a
 * key only they hold: junk grants for the colleagues are caught before the key is ever used.
 */

export class RotationError extends DomainError {
	declare readonly status: 400 | 403 | 404 | 409;

	constructor(refusal: Refusal, status: 400 | 403 | 404 | 409) {
		super(refusal, status);
	}
}

export type KeyKind = 'channel' | 'corpus';

export type ProposedRotation = {
	version: number;
	/** Members other than the proposer who hold the new key and can confirm it; 0 for a lone member. */
	colleagues: number;
};

function assertCoversExactly(grants: SealedGrant[], recipients: { userId: string }[]): void {
	const expected = new Set(recipients.map((member) => member.userId));
	const given = new Set(grants.map((grant) => grant.userId));
	if (expected.size !== given.size || grants.length !== given.size || [...expected].some((id) => !given.has(id))) {
		throw new RotationError({ key: 'staff_refusals_rotation_members' }, 409);
	}
}

/** A fresh challenge sealed to the new key's public half; the server keeps only its hash. */
async function challengeFor(publicKey: Uint8Array): Promise<{ challengeHash: Buffer; sealedChallenge: Buffer }> {
	await readyCrypto();
	const challenge = newKeyConfirmChallenge();
	try {
		return {
			challengeHash: sha256(challenge),
			sealedChallenge: Buffer.from(sealKeyConfirmChallenge(challenge, publicKey))
		};
	} catch {
		// The public key is the only input here; libsodium refuses low-order points, which could
		// never receive a testimony either.
		throw new RotationError({ key: 'staff_refusals_rotation_key_unusable' }, 400);
	} finally {
		challenge.fill(0);
	}
}

const PENDING_ALREADY: Refusal = { key: 'staff_refusals_rotation_pending' };

/** Proposes a new channel key version, sealed in the proposer's browser to the current moderators. */
export async function proposeChannelRotation(
	actorId: string,
	channelId: string,
	input: { publicKey: Uint8Array; grants: SealedGrant[] },
	now = new Date()
): Promise<ProposedRotation> {
	if (!db().select({ id: channel.id }).from(channel).where(eq(channel.id, channelId)).get()) {
		throw new RotationError({ key: 'staff_refusals_rotation_no_channel' }, 404);
	}
	const recipients = rotationRecipients({ channelId });
	assertCoversExactly(input.grants, recipients);
	const challenge = await challengeFor(input.publicKey);
	return db().transaction(() => {
		assertCoversExactly(input.grants, rotationRecipients({ channelId }));
		const keys = db()
			.select()
			.from(channelKey)
			.where(eq(channelKey.channelId, channelId))
			.orderBy(desc(channelKey.version))
			.all();
		if (keys.some((key) => key.pending)) throw new RotationError(PENDING_ALREADY, 409);
		const version = (keys[0]?.version ?? 0) + 1;
		const keyId = insertChannelKey(channelId, version, input.publicKey, input.grants, actorId, now);
		db()
			.update(channelKey)
			.set({ pending: true, proposedBy: actorId, ...challenge })
			.where(eq(channelKey.id, keyId))
			.run();
		recordAudit(
			{
				actorId,
				action: 'channel_key.rotation_proposed',
				subjectType: 'channel',
				subjectId: channelId,
				detail: { version }
			},
			now
		);
		return { version, colleagues: recipients.filter((member) => member.userId !== actorId).length };
	});
}

/**
 * Proposes a new corpus key version. The corpus key is symmetric, so the browser also sends the
 * public key derived from it (`corpusKeyCheckPublicKey`) for the server to seal the challenge to.
 */
export async function proposeCorpusRotation(
	actorId: string,
	input: { checkPublicKey: Uint8Array; grants: SealedGrant[] },
	now = new Date()
): Promise<ProposedRotation> {
	const recipients = rotationRecipients('corpus');
	assertCoversExactly(input.grants, recipients);
	const challenge = await challengeFor(input.checkPublicKey);
	return db().transaction(() => {
		assertCoversExactly(input.grants, rotationRecipients('corpus'));
		const keys = db().select().from(corpusKey).orderBy(desc(corpusKey.version)).all();
		if (keys.some((key) => key.pending)) throw new RotationError(PENDING_ALREADY, 409);
		const version = (keys[0]?.version ?? 0) + 1;
		const key = db()
			.insert(corpusKey)
			.values({
				version,
				createdAt: now,
				checkPublicKey: Buffer.from(input.checkPublicKey),
				pending: true,
				proposedBy: actorId,
				...challenge
			})
			.returning({ id: corpusKey.id })
			.get();
		db()
			.insert(corpusKeyGrant)
			.values(
				input.grants.map((grant) => ({
					corpusKeyId: key.id,
					staffUserId: grant.userId,
					sealedKey: Buffer.from(grant.sealedKey),
					grantedBy: actorId,
					createdAt: now
				}))
			)
			.run();
		recordAudit(
			{
				actorId,
				action: 'corpus_key.rotation_proposed',
				subjectType: 'corpus_key',
				subjectId: String(version),
				detail: { version }
			},
			now
		);
		return { version, colleagues: recipients.filter((member) => member.userId !== actorId).length };
	});
}

type PendingRow = {
	id: number;
	version: number;
	channelId: string | null;
	createdAt: Date;
	proposedBy: string | null;
	publicKey: Buffer;
	challengeHash: Buffer | null;
	sealedChallenge: Buffer | null;
};

function pendingRow(kind: KeyKind, keyId: number): PendingRow | undefined {
	if (kind === 'channel') {
		const row = db()
			.select()
			.from(channelKey)
			.where(and(eq(channelKey.id, keyId), eq(channelKey.pending, true)))
			.get();
		return row && { ...row, channelId: row.channelId };
	}
	const row = db()
		.select()
		.from(corpusKey)
		.where(and(eq(corpusKey.id, keyId), eq(corpusKey.pending, true)))
		.get();
	return row?.checkPublicKey ? { ...row, channelId: null, publicKey: row.checkPublicKey } : undefined;
}

function holdsGrant(kind: KeyKind, keyId: number, userId: string): Buffer | null {
	const row =
		kind === 'channel'
			? db()
					.select({ sealed: channelKeyGrant.sealedSecretKey })
					.from(channelKeyGrant)
					.where(and(eq(channelKeyGrant.channelKeyId, keyId), eq(channelKeyGrant.staffUserId, userId)))
					.get()
			: db()
					.select({ sealed: corpusKeyGrant.sealedKey })
					.from(corpusKeyGrant)
					.where(and(eq(corpusKeyGrant.corpusKeyId, keyId), eq(corpusKeyGrant.staffUserId, userId)))
					.get();
	return row?.sealed ?? null;
}

const target = (row: PendingRow) => (row.channelId ? { channelId: row.channelId } : ('corpus' as const));

function auditRotation(
	kind: KeyKind,
	step: 'confirmed' | 'withdrawn',
	actorId: string,
	row: PendingRow,
	now: Date
): void {
	const action: AuditAction = `${kind === 'channel' ? 'channel_key' : 'corpus_key'}.rotation_${step}`;
	recordAudit(
		{
			actorId,
			action,
			subjectType: kind === 'channel' ? 'channel' : 'corpus_key',
			subjectId: row.channelId ?? String(row.version),
			detail: { version: row.version, ...(row.proposedBy ? { proposedBy: row.proposedBy } : {}) }
		},
		now
	);
}

/**
 * Activates a pending version when a member other than its proposer returns the challenge
 * sealed to it, which only someone who opened a grant of the new key can do. From then on
 * survivors and approvals use it.
 */
export function confirmRotation(
	confirmerId: string,
	input: { kind: KeyKind; keyId: number; answer: Uint8Array },
	now = new Date()
): { version: number } {
	return db().transaction(() => {
		const row = pendingRow(input.kind, input.keyId);
		if (!row?.challengeHash) throw new RotationError({ key: 'staff_refusals_rotation_none_waiting' }, 404);
		if (row.proposedBy === confirmerId) {
			throw new RotationError({ key: 'staff_refusals_rotation_own_proposal' }, 403);
		}
		if (
			!rotationRecipients(target(row)).some((member) => member.userId === confirmerId) ||
			!holdsGrant(input.kind, row.id, confirmerId)
		) {
			throw new RotationError({ key: 'staff_refusals_rotation_member_confirms' }, 403);
		}
		if (!constantTimeEqual(sha256(input.answer), row.challengeHash)) {
			throw new RotationError({ key: 'staff_refusals_rotation_proof_wrong' }, 400);
		}
		const activated = {
			pending: false,
			confirmedBy: confirmerId,
			confirmedAt: now,
			challengeHash: null,
			sealedChallenge: null
		};
		if (input.kind === 'channel') db().update(channelKey).set(activated).where(eq(channelKey.id, row.id)).run();
		else db().update(corpusKey).set(activated).where(eq(corpusKey.id, row.id)).run();
		auditRotation(input.kind, 'confirmed', confirmerId, row, now);
		return { version: row.version };
	});
}

/**
 * Withdraws a pending version, with its grants; nothing was ever sealed to it. Its proposer,
 * any member who could rotate, or an admin may do so: a bad proposal must not block the next.
 */
export function withdrawRotation(
	actorId: string,
	isAdmin: boolean,
	input: { kind: KeyKind; keyId: number },
	now = new Date()
): void {
	db().transaction(() => {
		const row = pendingRow(input.kind, input.keyId);
		if (!row) throw new RotationError({ key: 'staff_refusals_rotation_none_waiting' }, 404);
		const member = rotationRecipients(target(row)).some((m) => m.userId === actorId);
		if (!isAdmin && !member && row.proposedBy !== actorId) {
			throw new RotationError({ key: 'staff_refusals_rotation_withdraw_who' }, 403);
		}
		if (input.kind === 'channel') db().delete(channelKey).where(eq(channelKey.id, row.id)).run();
		else db().delete(corpusKey).where(eq(corpusKey.id, row.id)).run();
		auditRotation(input.kind, 'withdrawn', actorId, row, now);
	});
}

export type PendingRotation = {
	kind: KeyKind;
	keyId: number;
	version: number;
	channelId: string | null;
	channelName: string | null;
	proposedBy: string | null;
	proposedDay: string;
	/** Members other than the proposer holding a grant of the new key: who can confirm it. */
	confirmers: string[];
	/** What the viewer's browser needs to confirm, when they may: their grant and the challenge. */
	confirmation: { sealedKey: string; publicKey: string; sealedChallenge: string } | null;
	mayWithdraw: boolean;
};

/**
 * Pending rotations the viewer should see: every one for an admin, their channels' for a
 * moderator, the corpus's for its readers.
 */
export function pendingRotations(viewer: {
	id: string;
	isAdmin: boolean;
	channelIds: string[];
	readsCorpus: boolean;
}): PendingRotation[] {
	const usernames = new Map(
		db()
			.select({ id: staffUser.id, username: staffUser.username })
			.from(staffUser)
			.all()
			.map((u) => [u.id, u.username])
	);
	const channelNames = new Map(
		db()
			.select({ id: channel.id, name: channel.name })
			.from(channel)
			.all()
			.map((c) => [c.id, c.name])
	);
	const rows: { kind: KeyKind; row: PendingRow }[] = [
		...db()
			.select()
			.from(channelKey)
			.where(eq(channelKey.pending, true))
			.all()
			.filter((row) => viewer.isAdmin || viewer.channelIds.includes(row.channelId))
			.map((row) => ({ kind: 'channel' as const, row: { ...row, channelId: row.channelId } })),
		...(viewer.isAdmin || viewer.readsCorpus
			? db()
					.select()
					.from(corpusKey)
					.where(eq(corpusKey.pending, true))
					.all()
					.flatMap((row) =>
						row.checkPublicKey
							? [{ kind: 'corpus' as const, row: { ...row, channelId: null, publicKey: row.checkPublicKey } }]
							: []
					)
			: [])
	];
	return rows.map(({ kind, row }) => {
		const members = rotationRecipients(target(row));
		const holders = new Set(
			(kind === 'channel'
				? db()
						.select({ userId: channelKeyGrant.staffUserId })
						.from(channelKeyGrant)
						.where(eq(channelKeyGrant.channelKeyId, row.id))
						.all()
				: db()
						.select({ userId: corpusKeyGrant.staffUserId })
						.from(corpusKeyGrant)
						.where(eq(corpusKeyGrant.corpusKeyId, row.id))
						.all()
			).map((grant) => grant.userId)
		);
		const confirmers = members.filter((member) => member.userId !== row.proposedBy && holders.has(member.userId));
		const viewerGrant = confirmers.some((member) => member.userId === viewer.id)
			? holdsGrant(kind, row.id, viewer.id)
			: null;
		return {
			kind,
			keyId: row.id,
			version: row.version,
			channelId: row.channelId,
			channelName: row.channelId ? (channelNames.get(row.channelId) ?? null) : null,
			proposedBy: row.proposedBy ? (usernames.get(row.proposedBy) ?? null) : null,
			proposedDay: utcDay(row.createdAt),
			confirmers: confirmers.map((member) => member.username),
			confirmation:
				viewerGrant && row.sealedChallenge
					? {
							sealedKey: toBase64url(viewerGrant),
							publicKey: toBase64url(row.publicKey),
							sealedChallenge: toBase64url(row.sealedChallenge)
						}
					: null,
			mayWithdraw:
				viewer.isAdmin || row.proposedBy === viewer.id || members.some((member) => member.userId === viewer.id)
		};
	});
}
