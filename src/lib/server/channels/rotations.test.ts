import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	answerChannelKeyChallenge,
	answerCorpusKeyChallenge,
	corpusKeyCheckPublicKey,
	fromBase64url,
	newChannelKeyPair,
	newCorpusKey,
	newStaffKeyPair,
	openSealed,
	readyCrypto,
	sealToPublicKey,
	type StaffKeyPair
} from '$lib/crypto';
import { db } from '../db';
import { auditEvent, channelKey, corpusKey, staffRole } from '../db/schema';
import { currentChannelKey, currentCorpusKeyVersion } from './keys';
import { acceptSubmission, SubmissionRejected } from '../intake/submissions';
import {
	confirmRotation,
	pendingRotations,
	proposeChannelRotation,
	proposeCorpusRotation,
	RotationError,
	withdrawRotation
} from './rotations';
import { insertStaffUser } from '../accounts/staff';
import { fakeStaffUser, incomingSubmission, setUpTestDeployment, useTemporaryDatabase } from '../testing';

useTemporaryDatabase();

type Member = { id: string; keys: StaffKeyPair };

let channelId: string;
let admin: Member;
let mallory: Member;
let colleague: Member;
/** The key pair of the channel-capture attempt: only its proposer holds the secret key. */
let attacker: StaffKeyPair;

/** A staff member with a real X25519 key pair, so grants sealed to them really open. */
function member(username: string, roles: { role: 'moderator' | 'researcher'; channelId: string | null }[]): Member {
	const keys = newStaffKeyPair();
	const id = insertStaffUser(
		{ ...fakeStaffUser(username), publicKey: keys.publicKey },
		{ secret: randomBytes(20), step: 0 }
	);
	db()
		.insert(staffRole)
		.values(roles.map((role) => ({ staffUserId: id, ...role })))
		.run();
	return { id, keys };
}

const viewer = (person: Member, isAdmin = false) => ({
	id: person.id,
	isAdmin,
	channelIds: [channelId],
	readsCorpus: true
});

function sealedTestimony(version: number) {
	return incomingSubmission(channelId, { channelKeyVersion: version });
}

/** What the colleague's browser does: open their grant, check it against the key, open the challenge. */
function channelAnswer(person: Member, keyId: number): Uint8Array {
	const pending = pendingRotations(viewer(person)).find((item) => item.kind === 'channel' && item.keyId === keyId);
	if (!pending?.confirmation) throw new Error('Nothing to confirm');
	const secretKey = openSealed(fromBase64url(pending.confirmation.sealedKey), person.keys);
	return answerChannelKeyChallenge(
		secretKey,
		fromBase64url(pending.confirmation.publicKey),
		fromBase64url(pending.confirmation.sealedChallenge)
	);
}

function pendingChannelKey() {
	return db()
		.select()
		.from(channelKey)
		.where(and(eq(channelKey.channelId, channelId), eq(channelKey.pending, true)))
		.get();
}

function auditActions(prefix: string) {
	return db()
		.select()
		.from(auditEvent)
		.all()
		.filter((row) => row.action.startsWith(prefix));
}

beforeAll(async () => {
	await readyCrypto();
	const deployment = setUpTestDeployment();
	channelId = deployment.channelId;
	admin = { id: deployment.adminId, keys: newStaffKeyPair() };
	mallory = member('mallory.moderator', [{ role: 'moderator', channelId }]);
	colleague = member('cora.colleague', [{ role: 'moderator', channelId }]);
});

describe('channel key rotation', () => {
	it('keeps a rotation with junk grants for colleagues pending: survivors and intake stay on the old key', async () => {
		attacker = newChannelKeyPair();
		const result = await proposeChannelRotation(mallory.id, channelId, {
			publicKey: attacker.publicKey,
			grants: [mallory, colleague, admin].map((person) => ({
				userId: person.id,
				sealedKey: person === mallory ? sealToPublicKey(attacker.secretKey, mallory.keys.publicKey) : randomBytes(80)
			}))
		});
		expect(result).toEqual({ version: 2, colleagues: 2 });
		expect(currentChannelKey(channelId)?.version).toBe(1);
		expect(() => acceptSubmission(sealedTestimony(2))).toThrow(SubmissionRejected);
		expect(acceptSubmission(sealedTestimony(1))).toEqual({ created: true });
		expect(auditActions('channel_key.rotation_proposed')).toMatchObject([
			{ actorId: mallory.id, detail: { version: 2 } }
		]);
	});

	it('gives the colleague nothing that opens, and refuses a made-up proof', () => {
		const pending = pendingChannelKey()!;
		expect(() => channelAnswer(colleague, pending.id)).toThrow();
		expect(() =>
			confirmRotation(colleague.id, { kind: 'channel', keyId: pending.id, answer: randomBytes(32) })
		).toThrow(expect.objectContaining({ status: 400 }));
		expect(currentChannelKey(channelId)?.version).toBe(1);
	});

	it('does not count a proof from the member who proposed the key', () => {
		const pending = pendingChannelKey()!;
		// Even with the challenge in hand (it is never shown to the proposer), their own proof does not count.
		const answer = answerChannelKeyChallenge(attacker.secretKey, attacker.publicKey, pending.sealedChallenge!);
		expect(() => confirmRotation(mallory.id, { kind: 'channel', keyId: pending.id, answer })).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(currentChannelKey(channelId)?.version).toBe(1);
	});

	it('refuses a second rotation while one is pending, and lets a colleague withdraw the first', async () => {
		const next = newChannelKeyPair();
		const grants = [mallory, colleague, admin].map((person) => ({
			userId: person.id,
			sealedKey: sealToPublicKey(next.secretKey, person.keys.publicKey)
		}));
		await expect(
			proposeChannelRotation(colleague.id, channelId, { publicKey: next.publicKey, grants })
		).rejects.toMatchObject({ status: 409 });
		withdrawRotation(colleague.id, false, { kind: 'channel', keyId: pendingChannelKey()!.id });
		expect(pendingChannelKey()).toBeUndefined();
		expect(auditActions('channel_key.rotation_withdrawn')).toMatchObject([
			{ actorId: colleague.id, detail: { version: 2, proposedBy: mallory.id } }
		]);
	});

	it('activates a rotation once a colleague proves their grant opens it, and audits who confirmed', async () => {
		const next = newChannelKeyPair();
		const grants = [mallory, colleague, admin].map((person) => ({
			userId: person.id,
			sealedKey: sealToPublicKey(next.secretKey, person.keys.publicKey)
		}));
		const { version } = await proposeChannelRotation(mallory.id, channelId, { publicKey: next.publicKey, grants });
		const pending = pendingChannelKey()!;
		expect(pendingRotations(viewer(colleague))).toMatchObject([
			{ kind: 'channel', version, proposedBy: 'mallory.moderator', mayWithdraw: true }
		]);
		expect(pendingRotations(viewer(mallory))[0].confirmation).toBeNull();
		expect(
			confirmRotation(colleague.id, {
				kind: 'channel',
				keyId: pending.id,
				answer: channelAnswer(colleague, pending.id)
			})
		).toEqual({ version });
		expect(currentChannelKey(channelId)?.version).toBe(version);
		expect(acceptSubmission(sealedTestimony(version))).toEqual({ created: true });
		expect(() => acceptSubmission(sealedTestimony(1))).toThrow(SubmissionRejected);
		expect(auditActions('channel_key.rotation_confirmed')).toMatchObject([
			{ actorId: colleague.id, detail: { version, proposedBy: mallory.id } }
		]);
		expect(pendingRotations(viewer(admin, true))).toEqual([]);
	});

	it('tells a lone member that nobody can confirm yet', async () => {
		const solo = member('solo.researcher', [{ role: 'researcher', channelId: null }]);
		db()
			.delete(staffRole)
			.where(and(eq(staffRole.role, 'moderator'), eq(staffRole.channelId, channelId)))
			.run();
		db().insert(staffRole).values({ staffUserId: solo.id, role: 'moderator', channelId }).run();
		const next = newChannelKeyPair();
		const result = await proposeChannelRotation(solo.id, channelId, {
			publicKey: next.publicKey,
			grants: [{ userId: solo.id, sealedKey: sealToPublicKey(next.secretKey, solo.keys.publicKey) }]
		});
		expect(result.colleagues).toBe(0);
		expect(pendingRotations(viewer(admin, true))[0].confirmers).toEqual([]);
		withdrawRotation(admin.id, true, { kind: 'channel', keyId: pendingChannelKey()!.id });
	});

	it('refuses a public key libsodium cannot seal to', async () => {
		const moderators = db()
			.select()
			.from(staffRole)
			.where(and(eq(staffRole.role, 'moderator'), eq(staffRole.channelId, channelId)))
			.all();
		const grants = moderators.map((row) => ({ userId: row.staffUserId, sealedKey: randomBytes(80) }));
		await expect(
			proposeChannelRotation(moderators[0].staffUserId, channelId, { publicKey: new Uint8Array(32), grants })
		).rejects.toBeInstanceOf(RotationError);
		expect(pendingChannelKey()).toBeUndefined();
	});
});

describe('corpus key rotation', () => {
	let researcher: Member;

	beforeAll(() => {
		researcher = member('rosa.researcher', [{ role: 'researcher', channelId: null }]);
	});

	/** Everyone who reads the corpus: researchers and moderators. */
	const readers = () => [
		...new Set(
			db()
				.select({ id: staffRole.staffUserId })
				.from(staffRole)
				.where(inArray(staffRole.role, ['researcher', 'moderator']))
				.all()
				.map((row) => row.id)
		)
	];

	it('keeps the corpus key until a colleague opens their grant of the new one', async () => {
		const people = new Map([admin, mallory, colleague, researcher].map((person) => [person.id, person]));
		const corpusKeyBytes = newCorpusKey();
		const proposer = readers().find((id) => id !== researcher.id)!;
		const { version } = await proposeCorpusRotation(proposer, {
			checkPublicKey: corpusKeyCheckPublicKey(corpusKeyBytes),
			grants: readers().map((id) => {
				const person = people.get(id);
				return {
					userId: id,
					sealedKey: person ? sealToPublicKey(corpusKeyBytes, person.keys.publicKey) : randomBytes(80)
				};
			})
		});
		expect(currentCorpusKeyVersion()?.version).toBe(version - 1);
		const pending = pendingRotations(viewer(researcher)).find((item) => item.kind === 'corpus')!;
		expect(() =>
			confirmRotation(researcher.id, { kind: 'corpus', keyId: pending.keyId, answer: randomBytes(32) })
		).toThrow(RotationError);
		const opened = openSealed(fromBase64url(pending.confirmation!.sealedKey), researcher.keys);
		const answer = answerCorpusKeyChallenge(
			opened,
			fromBase64url(pending.confirmation!.publicKey),
			fromBase64url(pending.confirmation!.sealedChallenge)
		);
		confirmRotation(researcher.id, { kind: 'corpus', keyId: pending.keyId, answer });
		expect(currentCorpusKeyVersion()?.version).toBe(version);
		expect(db().select().from(corpusKey).where(eq(corpusKey.version, version)).get()).toMatchObject({
			pending: false,
			confirmedBy: researcher.id,
			proposedBy: proposer
		});
		expect(auditActions('corpus_key.rotation_')).toMatchObject([
			{ action: 'corpus_key.rotation_proposed', actorId: proposer },
			{ action: 'corpus_key.rotation_confirmed', actorId: researcher.id, detail: { version, proposedBy: proposer } }
		]);
	});
});
