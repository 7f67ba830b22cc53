import { and, asc, count, eq, inArray, isNull, max } from 'drizzle-orm';
import * as v from 'valibot';
import { localeName, textDirection } from '$lib/i18n';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { insertChannel } from './keys';
import { recordAudit } from './audit';
import { db } from './db';
import { DomainError } from './errors';
import {
	SUBMISSION_STATUSES,
	channel,
	channelKey,
	channelKeyGrant,
	channelText,
	staffRole,
	staffUser,
	submission,
	type SubmissionStatus
} from './db/schema';
import { base64urlBytes } from './validation';

/** A refusal an admin can act on: bad input (400) or an unknown channel (404). */
export class ChannelAdminError extends DomainError {
	declare readonly status: 400 | 404;

	constructor(message: string, status: 400 | 404 = 400) {
		super(message, status);
	}
}

const CHANNEL_PUBLIC_KEY_BYTES = 32;
/** crypto_box_seal of a 32-byte secret key: 32-byte ephemeral public key + 16-byte tag. */
const SEALED_KEY_BYTES = 32 + 48;
export const CHANNEL_TEXT_MAX_CHARS = 2000;
export const CHANNEL_TEXT_KINDS = ['referral', 'contact'] as const;
export type ChannelTextKind = (typeof CHANNEL_TEXT_KINDS)[number];

/**
 * ISO 3166-1 alpha-2 codes in use, plus XK, the user-assigned code the EU and its agencies use
 * for Kosovo (a plausible partner country for a European deployment).
 */
const COUNTRY_CODES: ReadonlySet<string> = new Set(
	(
		'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
		'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ' +
		'ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE ' +
		'IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
		'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU ' +
		'NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
		'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE ' +
		'VG VI VN VU WF WS XK YE YT ZA ZM ZW'
	).split(' ')
);

const regionNames = new Intl.DisplayNames('en', { type: 'region', fallback: 'code' });
const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'code' });

export function countryName(code: string): string {
	return COUNTRY_CODES.has(code) ? (regionNames.of(code) ?? code) : code;
}

/** Countries as options for a select, by English name. */
export function countryOptions(): { code: string; name: string }[] {
	return [...COUNTRY_CODES]
		.map((code) => ({ code, name: countryName(code) }))
		.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/**
 * The portal's languages for staff: each by its own name, with its English name for admins
 * who cannot read the script.
 */
export function languageOptions(): { code: Locale; ownName: string; englishName: string; dir: 'ltr' | 'rtl' }[] {
	return locales.map((code) => ({
		code,
		ownName: localeName(code),
		englishName: languageNames.of(code) ?? code,
		dir: textDirection(code)
	}));
}

export function isHttpsUrl(input: string): boolean {
	try {
		const url = new URL(input);
		return url.protocol === 'https:' && !url.username && !url.password && url.hostname.includes('.');
	} catch {
		return false;
	}
}

const channelName = v.pipe(
	v.string('Channel name must be text.'),
	v.trim(),
	v.minLength(2, 'Give the channel a name of at least 2 characters.'),
	v.maxLength(120, 'The channel name must have at most 120 characters.')
);

const countryCode = v.pipe(
	v.string('Country must be text.'),
	v.trim(),
	v.toUpperCase(),
	v.check((code) => COUNTRY_CODES.has(code), 'Choose a country by its two-letter ISO 3166 code, such as FR.')
);

const organisation = v.pipe(
	v.optional(v.nullable(v.string('Organisation must be text.')), ''),
	v.transform((text) => (text ?? '').trim()),
	v.maxLength(160, 'The organisation name must have at most 160 characters.'),
	v.transform((text) => text || null)
);

const safeUrl = v.pipe(
	v.string('The quick-exit site must be text.'),
	v.trim(),
	v.maxLength(2000, 'The quick-exit address is too long.'),
	v.check(isHttpsUrl, 'The quick-exit site must be a public https:// address, such as https://www.bbc.com/weather.'),
	v.transform((text) => new URL(text).href)
);

/** What the browser posts to create a channel: its fields, the new public key, and the sealed grants. */
export const newChannelRequest = v.object({
	name: channelName,
	country: countryCode,
	organisation,
	safeUrl,
	publicKey: base64urlBytes('publicKey', { exact: CHANNEL_PUBLIC_KEY_BYTES }),
	grants: v.pipe(
		v.array(
			v.object({
				userId: v.pipe(v.string('userId must be text.'), v.uuid('userId must be a staff member id.')),
				sealedKey: base64urlBytes('sealedKey', { exact: SEALED_KEY_BYTES })
			}),
			'grants must be a list.'
		),
		v.minLength(1, 'Choose at least one moderator: without one, nobody could ever read this channel.'),
		v.maxLength(500, 'Too many moderators at once.'),
		v.check((grants) => new Set(grants.map((grant) => grant.userId)).size === grants.length, 'Each moderator may appear once.')
	)
});

export type NewChannelInput = v.InferOutput<typeof newChannelRequest>;

/** The edit form of a channel, after the route has gathered its FormData into an object. */
export const channelEditForm = v.object({
	name: channelName,
	country: countryCode,
	organisation,
	safeUrl,
	locales: v.pipe(
		v.array(v.picklist(locales, 'Choose languages from the list.')),
		v.minLength(1, 'Offer at least one language.'),
		// Every language offered is stored as "all", so languages added later are offered too.
		v.transform((chosen) => (locales.every((locale) => chosen.includes(locale)) ? null : locales.filter((locale) => chosen.includes(locale))))
	),
	status: v.picklist(['open', 'closed'], 'Choose whether the channel is open or closed.'),
	texts: v.array(
		v.pipe(
			v.object({
				kind: v.picklist(CHANNEL_TEXT_KINDS),
				locale: v.picklist(locales),
				text: v.pipe(
					v.string('Texts must be text.'),
					v.transform((text) => text.replace(/\r\n?/g, '\n').trim())
				)
			}),
			v.check(
				(entry) => [...entry.text].length <= CHANNEL_TEXT_MAX_CHARS,
				(issue) => {
					const entry = issue.input as { kind: ChannelTextKind; locale: string };
					const label = entry.kind === 'referral' ? 'Help now' : 'Contact';
					return `The “${label}” text in ${languageNames.of(entry.locale)} (${entry.locale}) must have at most ${CHANNEL_TEXT_MAX_CHARS} characters.`;
				}
			)
		)
	)
});

export type ChannelEdit = v.InferOutput<typeof channelEditForm>;

export type ChannelSummary = {
	id: string;
	name: string;
	country: string;
	organisation: string | null;
	active: boolean;
	keyVersion: number | null;
	moderators: number;
	testimonies: Record<SubmissionStatus, number>;
};

function activeModeratorCounts(): Map<string, number> {
	const rows = db()
		.select({ channelId: staffRole.channelId, moderators: count() })
		.from(staffRole)
		.innerJoin(staffUser, eq(staffUser.id, staffRole.staffUserId))
		.where(and(eq(staffRole.role, 'moderator'), isNull(staffUser.disabledAt)))
		.groupBy(staffRole.channelId)
		.all();
	return new Map(rows.map((row) => [row.channelId ?? '', row.moderators]));
}

/** Every channel with its current key version, moderator count and testimony counts by status. */
export function channelOverview(): ChannelSummary[] {
	const versions = new Map(
		db()
			.select({ channelId: channelKey.channelId, version: max(channelKey.version) })
			.from(channelKey)
			.where(eq(channelKey.pending, false))
			.groupBy(channelKey.channelId)
			.all()
			.map((row) => [row.channelId, row.version])
	);
	const moderators = activeModeratorCounts();
	const statusCounts = db()
		.select({ channelId: submission.channelId, status: submission.status, testimonies: count() })
		.from(submission)
		.groupBy(submission.channelId, submission.status)
		.all();
	return db()
		.select()
		.from(channel)
		.orderBy(asc(channel.createdAt))
		.all()
		.map((row) => {
			const testimonies = Object.fromEntries(SUBMISSION_STATUSES.map((status) => [status, 0])) as Record<
				SubmissionStatus,
				number
			>;
			for (const counted of statusCounts) {
				if (counted.channelId === row.id) testimonies[counted.status] = counted.testimonies;
			}
			return {
				id: row.id,
				name: row.name,
				country: row.country,
				organisation: row.organisation,
				active: row.active,
				keyVersion: versions.get(row.id) ?? null,
				moderators: moderators.get(row.id) ?? 0,
				testimonies
			};
		});
}

/** Active staff members with the public key a new channel key would be sealed to. */
export function grantableStaff(): { id: string; username: string; publicKey: string }[] {
	return db()
		.select({ id: staffUser.id, username: staffUser.username, publicKey: staffUser.publicKey })
		.from(staffUser)
		.where(isNull(staffUser.disabledAt))
		.orderBy(asc(staffUser.username))
		.all()
		.map((user) => ({ ...user, publicKey: user.publicKey.toString('base64url') }));
}

/**
 * Creates a channel with key version 1, a grant of its sealed secret key and a moderator role
 * for each chosen person, all or nothing. Being admin grants nothing: only the people whose
 * public keys the browser sealed the key to can ever read the channel.
 */
export function createChannel(input: NewChannelInput, actorId: string, now = new Date()): { channelId: string } {
	if (input.publicKey.length !== CHANNEL_PUBLIC_KEY_BYTES) {
		throw new ChannelAdminError(`The channel public key must be ${CHANNEL_PUBLIC_KEY_BYTES} bytes.`);
	}
	if (input.grants.length === 0) {
		throw new ChannelAdminError('Choose at least one moderator: without one, nobody could ever read this channel.');
	}
	if (input.grants.some((grant) => grant.sealedKey.length !== SEALED_KEY_BYTES)) {
		throw new ChannelAdminError(`Each sealed key must be ${SEALED_KEY_BYTES} bytes.`);
	}
	const userIds = input.grants.map((grant) => grant.userId);
	if (new Set(userIds).size !== userIds.length) throw new ChannelAdminError('Each moderator may appear once.');

	return db().transaction(() => {
		const active = db()
			.select({ id: staffUser.id })
			.from(staffUser)
			.where(and(inArray(staffUser.id, userIds), isNull(staffUser.disabledAt)))
			.all();
		if (active.length !== userIds.length) {
			throw new ChannelAdminError('Only active staff members can be moderators. Reload the page and choose again.');
		}
		const { channelId } = insertChannel({ ...input, grants: input.grants }, actorId, now);
		db()
			.insert(staffRole)
			.values(userIds.map((staffUserId) => ({ staffUserId, role: 'moderator' as const, channelId })))
			.run();
		recordAudit(
			{
				actorId,
				action: 'channel.created',
				subjectType: 'channel',
				subjectId: channelId,
				detail: { keyVersion: 1, moderators: userIds.length }
			},
			now
		);
		for (const staffUserId of userIds) {
			recordAudit(
				{
					actorId,
					action: 'grant.created',
					subjectType: 'staff_user',
					subjectId: staffUserId,
					detail: { channelId, keyVersion: 1, role: 'moderator' }
				},
				now
			);
		}
		return { channelId };
	});
}

export type ChannelDetails = {
	id: string;
	name: string;
	country: string;
	organisation: string | null;
	safeUrl: string;
	/** Null when every language is offered. */
	locales: Locale[] | null;
	active: boolean;
	createdAt: Date;
	keyVersion: number | null;
	moderators: { username: string; holdsCurrentKey: boolean }[];
	texts: { kind: ChannelTextKind; locale: string; text: string }[];
};

export function channelDetails(channelId: string): ChannelDetails | undefined {
	const row = db().select().from(channel).where(eq(channel.id, channelId)).get();
	if (!row) return undefined;
	const keyVersion =
		db()
			.select({ version: max(channelKey.version) })
			.from(channelKey)
			.where(and(eq(channelKey.channelId, channelId), eq(channelKey.pending, false)))
			.get()?.version ?? null;
	const currentKey = db()
		.select({ id: channelKey.id })
		.from(channelKey)
		.where(and(eq(channelKey.channelId, channelId), eq(channelKey.version, keyVersion ?? 0)))
		.get();
	const holders = new Set(
		currentKey
			? db()
					.select({ staffUserId: channelKeyGrant.staffUserId })
					.from(channelKeyGrant)
					.where(eq(channelKeyGrant.channelKeyId, currentKey.id))
					.all()
					.map((grant) => grant.staffUserId)
			: []
	);
	const moderators = db()
		.select({ id: staffUser.id, username: staffUser.username })
		.from(staffRole)
		.innerJoin(staffUser, eq(staffUser.id, staffRole.staffUserId))
		.where(and(eq(staffRole.role, 'moderator'), eq(staffRole.channelId, channelId), isNull(staffUser.disabledAt)))
		.orderBy(asc(staffUser.username))
		.all()
		.map((user) => ({ username: user.username, holdsCurrentKey: holders.has(user.id) }));
	const texts = db()
		.select({ kind: channelText.kind, locale: channelText.locale, text: channelText.text })
		.from(channelText)
		.where(eq(channelText.channelId, channelId))
		.all();
	const offered = row.locales?.filter((locale): locale is Locale => (locales as readonly string[]).includes(locale));
	return {
		id: row.id,
		name: row.name,
		country: row.country,
		organisation: row.organisation,
		safeUrl: row.safeUrl,
		locales: offered && offered.length > 0 ? offered : null,
		active: row.active,
		createdAt: row.createdAt,
		keyVersion,
		moderators,
		texts
	};
}

const sameLocales = (a: string[] | null, b: string[] | null) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Saves an admin's edit of a channel. Texts left empty are deleted; texts not in the edit are
 * kept. The audit entry names the fields and the (kind, locale) of texts that changed, never
 * what they say.
 */
export function updateChannel(
	channelId: string,
	edit: ChannelEdit,
	actorId: string,
	now = new Date()
): { fields: string[]; texts: string[] } {
	return db().transaction(() => {
		const current = db().select().from(channel).where(eq(channel.id, channelId)).get();
		if (!current) throw new ChannelAdminError('There is no channel with this id.', 404);

		const next = {
			name: edit.name,
			country: edit.country,
			organisation: edit.organisation,
			safeUrl: edit.safeUrl,
			locales: edit.locales,
			active: edit.status === 'open'
		};
		const changedFields = (Object.keys(next) as (keyof typeof next)[]).filter((field) =>
			field === 'locales' ? !sameLocales(current.locales, next.locales) : current[field] !== next[field]
		);
		if (changedFields.length > 0) db().update(channel).set(next).where(eq(channel.id, channelId)).run();

		const existing = new Map(
			db()
				.select()
				.from(channelText)
				.where(eq(channelText.channelId, channelId))
				.all()
				.map((row) => [`${row.kind}.${row.locale}`, row.text])
		);
		const texts: string[] = [];
		for (const entry of edit.texts) {
			const id = `${entry.kind}.${entry.locale}`;
			const before = existing.get(id);
			if (entry.text === '' && before !== undefined) {
				db()
					.delete(channelText)
					.where(
						and(
							eq(channelText.channelId, channelId),
							eq(channelText.kind, entry.kind),
							eq(channelText.locale, entry.locale)
						)
					)
					.run();
				existing.delete(id);
				texts.push(id);
			} else if (entry.text !== '' && entry.text !== before) {
				db()
					.insert(channelText)
					.values({ channelId, kind: entry.kind, locale: entry.locale, text: entry.text })
					.onConflictDoUpdate({
						target: [channelText.channelId, channelText.kind, channelText.locale],
						set: { text: entry.text }
					})
					.run();
				existing.set(id, entry.text);
				texts.push(id);
			}
		}

		const fields: string[] = texts.length > 0 ? [...changedFields, 'texts'] : changedFields;
		if (fields.length > 0) {
			recordAudit(
				{
					actorId,
					action: 'channel.updated',
					subjectType: 'channel',
					subjectId: channelId,
					detail: texts.length > 0 ? { fields: fields.join(','), texts: texts.join(',') } : { fields: fields.join(',') }
				},
				now
			);
		}
		return { fields, texts };
	});
}
