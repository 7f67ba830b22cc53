/**
 * The table of expected answers of every route under src/routes, for six kinds of visitor: the
 * status each one gets, and which routes are form actions. The authorization tests check the
 * routes against it and call each one as each visitor.
 */
export const PERSONAS = ['anonymous', 'facilitator', 'otherModerator', 'moderator', 'researcher', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];
type Expected = number | (Partial<Record<Persona, number>> & { others?: number });

const page200: Expected = 200;
const staffPage: Expected = { anonymous: 303, others: 200 };
const adminPage: Expected = { anonymous: 303, admin: 200, others: 403 };
const adminAction: Expected = { anonymous: 303, admin: 400, others: 403 };
/** Researchers and moderators (who hold the corpus key) read the research workspace. */
const corpusReaderPage: Expected = { anonymous: 303, facilitator: 403, others: 200 };
/**
 * Coding, the codebook and memos are researchers' work (the first admin is one: setup gives
 * them the corpus key); the status is what an empty or unknown body gets.
 */
const researcherApi = (status: number): Expected => ({
	anonymous: 401,
	researcher: status,
	admin: status,
	others: 403
});
const moderatorOfA: Expected = { anonymous: 303, moderator: 200, admin: 200, others: 404 };

export const EXPECTED: Record<string, Expected> = {
	'GET /': page200,
	// For monitors: the same for everyone, and no data.
	'GET /healthz': page200,
	'GET /tell': page200,
	'GET /tell/steps': page200,
	// The consent form without JavaScript, for everyone alike: a body that is no form is a 415.
	'POST /tell/steps': 415,
	'GET /favicon.ico': page200,
	'GET /check': page200,
	// Only with an open session's id and kiosk=1; otherwise a plain 404.
	'GET /kiosk': 404,
	// Anonymous writes need a proof of work first (428); a challenge needs a kind and an id.
	'POST /api/proofs': 400,
	'POST /api/submissions': 428,
	'PUT /api/submissions/[id]/attachments/[attachmentId]': 401,
	'POST /api/receipts/status': 400,
	'POST /api/receipts/messages': 428,
	'POST /api/receipts/withdraw': 428,
	// Recorded prompts are public; an address that names no recording is a 404 for everyone.
	'GET /api/prompts/[file]': 404,
	'GET /staff': staffPage,
	// An empty reference is refused before any lookup.
	'POST /staff?/find': { anonymous: 303, others: 400 },
	'GET /staff/account': staffPage,
	'POST /staff/account?/endSession': { anonymous: 303, others: 400 },
	'POST /staff/account?/endOthers': { anonymous: 303, others: 200 },
	// Without a language in the body: the choice is refused, and nothing is stored.
	'POST /staff/account?/language': { anonymous: 303, others: 400 },
	'GET /staff/account/two-factor': 303,
	'GET /staff/grants': staffPage,
	'GET /staff/testimony/[id]': moderatorOfA,
	'GET /staff/research': corpusReaderPage,
	'GET /staff/research/records/[id]': corpusReaderPage,
	'GET /staff/research/codebook': corpusReaderPage,
	'GET /staff/research/agreement': corpusReaderPage,
	'GET /staff/research/patterns': corpusReaderPage,
	'GET /staff/research/quotes': corpusReaderPage,
	'GET /staff/research/exports': corpusReaderPage,
	'GET /staff/api/research/corpus': { anonymous: 401, facilitator: 403, others: 200 },
	// An unknown record: the photos of a record are for whoever reads the corpus.
	'GET /staff/api/research/records/[id]/images': { anonymous: 401, facilitator: 403, others: 404 },
	'POST /staff/api/research/exports': { anonymous: 401, facilitator: 403, others: 400 },
	'POST /staff/api/research/corpus/gone': { anonymous: 401, facilitator: 403, others: 400 },
	'POST /staff/api/research/codings': researcherApi(400),
	'POST /staff/api/research/codings/import': researcherApi(400),
	'PATCH /staff/api/research/codings/[id]': researcherApi(400),
	'DELETE /staff/api/research/codings/[id]': researcherApi(404),
	// Only the team lead (admin and researcher) reveals; the body is checked first.
	'POST /staff/api/research/codings/reveal': researcherApi(400),
	'GET /staff/api/research/codings/rounds': { anonymous: 401, facilitator: 403, others: 200 },
	'POST /staff/api/research/codes': researcherApi(400),
	'POST /staff/api/research/codebook/import': researcherApi(400),
	'PUT /staff/api/research/codes/[id]': researcherApi(415),
	'POST /staff/api/research/codes/[id]/archive': researcherApi(400),
	'POST /staff/api/research/codes/[id]/merge': researcherApi(400),
	'PUT /staff/api/research/codes/[id]/translations/[locale]': researcherApi(415),
	'PUT /staff/api/research/memos': researcherApi(415),
	'DELETE /staff/api/research/memos/[id]': researcherApi(404),
	'GET /staff/templates': staffPage,
	// Published findings are public; the check page asks for a channel's (400 without one).
	'GET /findings': page200,
	'POST /api/findings': 400,
	// Everyone signed in sees the page; only moderators of a channel and researchers get a form.
	'GET /staff/findings': staffPage,
	// Each step is checked before who may take it: an empty form is a 400 for everyone.
	'POST /staff/findings?/create': { anonymous: 303, others: 400 },
	'POST /staff/findings?/edit': { anonymous: 303, others: 400 },
	'POST /staff/findings?/submit': { anonymous: 303, others: 400 },
	'POST /staff/findings?/publish': { anonymous: 303, others: 400 },
	'POST /staff/findings?/return': { anonymous: 303, others: 400 },
	'POST /staff/findings?/withdraw': { anonymous: 303, others: 400 },
	'GET /staff/sessions': staffPage,
	'POST /staff/sessions?/create': { anonymous: 303, others: 400 },
	'GET /staff/sessions/[id]': { anonymous: 303, facilitator: 200, others: 404 },
	'POST /staff/sessions/[id]?/close': { anonymous: 303, facilitator: 200, others: 404 },
	'POST /staff/sessions/[id]?/reopen': { anonymous: 303, facilitator: 200, others: 404 },
	'GET /s/[code]': 200,
	'POST /staff/templates?/add': { anonymous: 303, others: 400 },
	'POST /staff/templates?/delete': { anonymous: 303, others: 400 },
	'GET /staff/api/attachments/[id]': { anonymous: 401, others: 404 },
	'POST /staff/api/inbox/envelopes': { anonymous: 401, others: 400 },
	'GET /staff/api/inbox/counts': { anonymous: 401, others: 200 },
	'POST /staff/api/submissions/[id]/draft': { anonymous: 401, moderator: 400, admin: 400, others: 404 },
	'POST /staff/api/submissions/[id]/decision': { anonymous: 401, moderator: 400, admin: 400, others: 404 },
	'POST /staff/api/submissions/[id]/review': { anonymous: 401, moderator: 200, admin: 200, others: 404 },
	'GET /staff/admin/users': adminPage,
	'POST /staff/admin/users?/invite': adminAction,
	'POST /staff/admin/users?/revokeInvitation': adminAction,
	'POST /staff/admin/users?/disable': adminAction,
	'POST /staff/admin/users?/enable': adminAction,
	'POST /staff/admin/users?/resetTotp': adminAction,
	'POST /staff/admin/users?/setRoles': adminAction,
	'GET /staff/admin/channels': adminPage,
	'GET /staff/admin/channels/new': adminPage,
	'GET /staff/admin/channels/[id]': adminPage,
	'POST /staff/admin/channels/[id]': adminAction,
	'POST /staff/admin/channels/api': { anonymous: 401, admin: 400, others: 403 },
	'GET /staff/admin/questions': adminPage,
	'POST /staff/admin/questions?/create': adminAction,
	'GET /staff/admin/questions/[id]': adminPage,
	'POST /staff/admin/questions/[id]?/wording': adminAction,
	'POST /staff/admin/questions/[id]?/move': adminAction,
	'POST /staff/admin/questions/[id]?/active': adminAction,
	'GET /staff/admin/listen': adminPage,
	'POST /staff/admin/listen?/upload': adminAction,
	'POST /staff/admin/listen?/remove': adminAction,
	'POST /staff/admin/listen?/speech': adminAction,
	'GET /staff/admin/settings': adminPage,
	'POST /staff/admin/settings': adminAction,
	'GET /staff/admin/flood-days': adminPage,
	'POST /staff/admin/flood-days?/release': adminAction,
	'GET /staff/admin/settings/pending': adminPage,
	'POST /staff/admin/settings/pending': adminAction,
	'GET /staff/admin/audit': adminPage,
	'GET /staff/admin/audit/export.csv': { anonymous: 401, admin: 200, others: 403 },
	'GET /staff/login': { anonymous: 200, others: 303 },
	// The staff strings are public and the same for everyone; called here with a language and a
	// part that do not exist, a 404 (every staff page in the other tests reads the real ones).
	'GET /staff/strings/[locale]/[part]': 404,
	'GET /staff/enrol': page200,
	'GET /staff/recover': page200,
	'GET /staff/reenrol': page200,
	'GET /staff/setup': 303,
	'POST /staff/api/login': 400,
	'POST /staff/api/login/params': 400,
	'POST /staff/api/setup': 400,
	'POST /staff/api/setup/totp': 400,
	'POST /staff/api/invitations/inspect': 400,
	'POST /staff/api/invitations/totp': 400,
	'POST /staff/api/enrol': 400,
	'POST /staff/api/recover/open': 400,
	'POST /staff/api/recover/complete': 400,
	'POST /staff/api/reenrol': 400,
	'POST /staff/api/reenrol/inspect': 400,
	'POST /staff/api/account/passphrase': { anonymous: 401, others: 400 },
	'POST /staff/api/account/totp/start': { anonymous: 401, others: 409 },
	'POST /staff/api/account/totp/finish': { anonymous: 401, others: 409 },
	'POST /staff/api/grants': { anonymous: 401, others: 400 },
	'POST /staff/api/channels/[id]/rotate': { anonymous: 401, moderator: 400, admin: 400, others: 403 },
	'POST /staff/api/corpus/rotate': { anonymous: 401, facilitator: 403, others: 400 },
	'POST /staff/api/rotations/confirm': { anonymous: 401, others: 400 },
	'POST /staff/api/rotations/withdraw': { anonymous: 401, others: 400 },
	'POST /staff/api/submissions/[id]/replies': { anonymous: 401, moderator: 400, admin: 400, others: 404 },
	// Last: it ends the session it is called with.
	'POST /staff/api/logout': 200
};

export function expectedFor(entry: Expected, persona: Persona): number {
	if (typeof entry === 'number') return entry;
	return entry[persona] ?? (entry.others as number);
}

/** Form actions are posted the way `use:enhance` posts them; their JSON answer carries the status. */
export const ACTION_ROUTES = new Set(
	Object.keys(EXPECTED).filter(
		(key) => key.includes('?/') || /^POST \/staff\/admin\/(settings|settings\/pending|channels\/\[id\])$/.test(key)
	)
);
