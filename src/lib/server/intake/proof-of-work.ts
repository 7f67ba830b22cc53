/**
 * Proof of work on every anonymous write (a testimony, a voice note, a follow-up message, a
 * withdrawal). No client identity is ever stored, so a flood cannot be refused by who sends it;
 * instead every write costs its sender work the server checks in microseconds. The challenge is
 * stateless (HMAC-signed with a key derived from the server secret); only spent proofs are
 * remembered, in `pow_spent`, until their challenge expires.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createChallenge, randomInt, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { lt, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { MAX_PROOF_CHARS, PROOF_HEADER, PROOF_PURPOSES, type ProofBinding, type ProofPurpose } from '$lib/crypto/proof';
import { db } from '../db';
import { preparedQuery } from '../db/prepared';
import { powSpent } from '../db/schema';
import { DomainError } from '../http/errors';
import { powDifficulty } from '../settings/settings';
import { serverSecret } from '../settings/store';
import { fromBase64urlIgnoringTail } from '$lib/encoding/base64url';

/** Long enough for a slow writer to finish, short enough that few spent proofs need keeping. */
export const CHALLENGE_LIFETIME_SECONDS = 60 * 60;

/** One SHA-256 per attempt: the difficulty alone sets the cost, and issuing costs one hash. */
const ALGORITHM = 'SHA-256';
const COST = 1;

/**
 * A refused proof: missing, malformed, expired, made for another write, too easy since the
 * difficulty was raised, or already spent. 428 tells the browser to mint a new one and retry,
 * which no other refusal of these endpoints uses. The message never repeats the input.
 */
export class ProofRefused extends DomainError {
	declare readonly status: 428;

	constructor(message: string) {
		super(message, 428);
	}
}

type Secrets = { challenge: string; key: string };
let derived: { from: Buffer; secrets: Secrets } | null = null;

/**
 * Separate keys for the challenge signature and the derived-key signature, from the server
 * secret: derived again only when that secret differs from the last one (a restored backup).
 */
function secrets(): Secrets {
	const secret = Buffer.from(serverSecret());
	if (!derived?.from.equals(secret)) {
		const derive = (label: string) => createHmac('sha256', secret).update(`trips-voice:v1:pow:${label}`).digest('hex');
		derived = { from: secret, secrets: { challenge: derive('challenge'), key: derive('derived-key') } };
	}
	return derived.secrets;
}

const ID = /^[A-Za-z0-9_-]{22}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A request for a challenge: what it will pay for. */
export const challengeRequest = v.pipe(
	v.object({
		purpose: v.picklist(PROOF_PURPOSES, 'purpose must be submission, attachment, message or withdraw.'),
		subject: v.string('subject must be text.')
	}),
	v.check(
		({ purpose, subject }) => (purpose === 'withdraw' ? TOKEN : ID).test(subject),
		'subject must be the id (or, to withdraw, the lookup token) the proof will pay for.'
	)
);

/**
 * A challenge for one write. The server draws the counter the writer must find below the
 * difficulty in force, signs the key it leads to (so checking needs no hashing), and signs the
 * write it is for and the difficulty into the challenge.
 */
export async function issueChallenge({ purpose, subject }: ProofBinding, now = new Date()): Promise<Challenge> {
	const difficulty = powDifficulty();
	const { challenge, key } = secrets();
	return createChallenge({
		algorithm: ALGORITHM,
		cost: COST,
		counter: randomInt(difficulty - 1, 0),
		deriveKey,
		data: { purpose, subject, difficulty },
		expiresAt: Math.floor(now.getTime() / 1000) + CHALLENGE_LIFETIME_SECONDS,
		hmacSignatureSecret: challenge,
		hmacKeySignatureSecret: key
	});
}

const hex = (field: string, length?: number) =>
	v.pipe(
		v.string(),
		v.regex(length ? new RegExp(`^[0-9a-f]{${length}}$`) : /^(?:[0-9a-f]{2})+$/, `${field} must be hex.`)
	);

/** The proof as sent; anything else is malformed before a single HMAC is computed. */
const proofPayload = v.object({
	challenge: v.object({
		parameters: v.strictObject({
			algorithm: v.literal(ALGORITHM),
			cost: v.literal(COST),
			data: v.strictObject({
				purpose: v.picklist(PROOF_PURPOSES),
				subject: v.pipe(v.string(), v.maxLength(64)),
				difficulty: v.pipe(v.number(), v.integer(), v.minValue(1))
			}),
			expiresAt: v.pipe(v.number(), v.integer(), v.minValue(1)),
			keyLength: v.literal(32),
			keyPrefix: hex('keyPrefix', 32),
			keySignature: hex('keySignature', 64),
			nonce: hex('nonce', 32),
			salt: hex('salt', 32)
		}),
		signature: hex('signature', 64)
	}),
	solution: v.object({
		counter: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
		derivedKey: hex('derivedKey', 64)
	})
});

/** A proof whose work is done and signature good, not yet spent. */
export type CheckedProof = ProofBinding & { challengeHash: Buffer; expiresHour: number };

function decode(header: string | null): v.InferOutput<typeof proofPayload> {
	if (!header) throw new ProofRefused('This request needs a proof of work. Reload the page and try again.');
	// Made only when thrown: an error's stack trace is not free, and most proofs are good.
	const malformed = () => new ProofRefused('The proof of work is malformed.');
	if (header.length > MAX_PROOF_CHARS || !/^[A-Za-z0-9_-]+$/.test(header)) throw malformed();
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(fromBase64urlIgnoringTail(header)).toString('utf8'));
	} catch {
		throw malformed();
	}
	const result = v.safeParse(proofPayload, parsed);
	if (!result.success) throw malformed();
	return result.output;
}

/**
 * altcha-lib's `verifySolution` as this portal uses it (every challenge signs the key its
 * counter leads to), with Node's synchronous HMAC: the library's Web Crypto path imports a key
 * and waits on the thread pool twice per proof, a quarter of a testimony's cost under load.
 * The challenge's parameters must carry the server's signature, and the solution's derived key
 * the key signature in them: a writer who did not find the counter cannot know that key. The
 * decoder has already checked the formats the library checks (lower-case hex, a 32-bit counter).
 * proof-of-work.test.ts holds it to the library's own verdict.
 */
function signedByThisServer(payload: v.InferOutput<typeof proofPayload>, { challenge, key }: Secrets): boolean {
	const { parameters, signature } = payload.challenge;
	const hmac = (secret: string, data: string | Buffer) => createHmac('sha256', secret).update(data).digest();
	return (
		sameHex(signature, hmac(challenge, JSON.stringify(sortedKeys(parameters)))) &&
		sameHex(parameters.keySignature, hmac(key, Buffer.from(payload.solution.derivedKey, 'hex')))
	);
}

/** Compares in constant time; the hex was checked as lower case, as the library writes it. */
function sameHex(hex: string, expected: Buffer): boolean {
	const given = Buffer.from(hex, 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The library's canonical JSON: object keys sorted at every depth. */
function sortedKeys(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.flatMap((name) => {
				const inner = (value as Record<string, unknown>)[name];
				return inner === undefined ? [] : [[name, sortedKeys(inner)]];
			})
	);
}

/**
 * Checks the proof in a request's `x-proof` header for a write of this kind: signature, work,
 * expiry and difficulty. Cheap (two HMACs), so it runs before the body is read. The write's own
 * id is checked, and the proof spent, by `spendProof` once the body has been read.
 */
export function checkProof(request: Request, purpose: ProofPurpose, now = new Date()): CheckedProof {
	const payload = decode(request.headers.get(PROOF_HEADER));
	if (payload.challenge.parameters.expiresAt * 1000 < now.getTime())
		throw new ProofRefused('The proof of work has expired. It must be made again.');
	const verified = signedByThisServer(payload, secrets());
	if (!verified) throw new ProofRefused('The proof of work is not valid.');
	const data = payload.challenge.parameters.data;
	if (data.purpose !== purpose) throw new ProofRefused('This proof of work was made for another request.');
	// Raised under attack: proofs minted at the old, easier level no longer count.
	if (data.difficulty < powDifficulty())
		throw new ProofRefused('The proof of work is too easy now. It must be made again.');
	return {
		purpose,
		subject: data.subject,
		challengeHash: createHash('sha256').update(payload.challenge.signature).digest(),
		expiresHour: Math.ceil(payload.challenge.parameters.expiresAt / 3600)
	};
}

let lastPrune = 0;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** Deletes spent proofs whose challenge has expired: they could not be replayed anyway. */
export function pruneSpentProofs(now = new Date()): number {
	lastPrune = now.getTime();
	const hour = Math.floor(now.getTime() / 3_600_000);
	return db().delete(powSpent).where(lt(powSpent.expiresHour, hour)).run().changes;
}

const spend = preparedQuery((database) =>
	database
		.insert(powSpent)
		.values({ challengeHash: sql.placeholder('challengeHash'), expiresHour: sql.placeholder('expiresHour') })
		.onConflictDoNothing()
		.prepare()
);

/**
 * Spends a checked proof on the write with this id: refused if it was made for another id, or
 * if it was spent before (here or before a restart: the table is on disk).
 */
export function spendProof(proof: CheckedProof, subject: string, now = new Date()): void {
	if (proof.subject !== subject) throw new ProofRefused('This proof of work was made for another request.');
	if (now.getTime() - lastPrune > PRUNE_EVERY_MS) pruneSpentProofs(now);
	const { changes } = spend().run({ challengeHash: proof.challengeHash, expiresHour: proof.expiresHour });
	if (changes === 0) throw new ProofRefused('This proof of work was already used. It must be made again.');
}

/** `checkProof` then `spendProof`, for a write whose id is known before its body is read. */
export async function requireProof(
	request: Request,
	{ purpose, subject }: ProofBinding,
	now = new Date()
): Promise<void> {
	spendProof(checkProof(request, purpose, now), subject, now);
}
