/**
 * Channel settings' vocabularies and admins' channel forms: countries, languages, safe URLs and
 * the shapes of a new channel and of an edit.
 */
import * as v from 'valibot';
import { localeName, textDirection } from '$lib/i18n';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { base64urlBytes } from '../http/validation';

export const CHANNEL_PUBLIC_KEY_BYTES = 32;
/** crypto_box_seal of a 32-byte secret key: 32-byte ephemeral public key + 16-byte tag. */
export const SEALED_KEY_BYTES = 32 + 48;
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

/** For the form checks' messages, which are still English. */
const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'code' });

/** Names in the staff member's language: an admin in Prague reads "Francie", one in Lyon "France". */
const regionNames = (staffLocale: string) => new Intl.DisplayNames(staffLocale, { type: 'region', fallback: 'code' });

export function countryName(code: string, staffLocale = 'en'): string {
	return COUNTRY_CODES.has(code) ? (regionNames(staffLocale).of(code) ?? code) : code;
}

/** Countries as options for a select, by name in the staff member's language. */
export function countryOptions(staffLocale = 'en'): { code: string; name: string }[] {
	const names = regionNames(staffLocale);
	return [...COUNTRY_CODES]
		.map((code) => ({ code, name: names.of(code) ?? code }))
		.sort((a, b) => a.name.localeCompare(b.name, staffLocale));
}

/**
 * The portal's languages for staff: each by its own name, with its name in the staff member's
 * language for admins who cannot read the script.
 */
export function languageOptions(
	staffLocale = 'en'
): { code: Locale; ownName: string; staffName: string; dir: 'ltr' | 'rtl' }[] {
	const names = new Intl.DisplayNames(staffLocale, { type: 'language', fallback: 'code' });
	return locales.map((code) => ({
		code,
		ownName: localeName(code),
		staffName: names.of(code) ?? code,
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
		v.check(
			(grants) => new Set(grants.map((grant) => grant.userId)).size === grants.length,
			'Each moderator may appear once.'
		)
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
		v.transform((chosen) =>
			locales.every((locale) => chosen.includes(locale)) ? null : locales.filter((locale) => chosen.includes(locale))
		)
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
