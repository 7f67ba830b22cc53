/**
 * Channel settings' vocabularies and admins' channel forms: countries, languages, safe URLs and
 * the shapes of a new channel and of an edit.
 */
import * as v from 'valibot';
import { localeName, textDirection } from '$lib/i18n';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { issueLocale, staffIssue } from '../http/refusals';
import { staffText } from '../i18n/staff';
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

const CHANNEL_NAME_LENGTH = { min: 2, max: 120 };
const ORGANISATION_LENGTH = 160;
const SAFE_URL_LENGTH = 2000;
const MODERATORS_AT_ONCE = 500;

const channelName = v.pipe(
	v.string(staffIssue('staff_refusals_channel_name_short', CHANNEL_NAME_LENGTH)),
	v.trim(),
	v.minLength(CHANNEL_NAME_LENGTH.min, staffIssue('staff_refusals_channel_name_short', CHANNEL_NAME_LENGTH)),
	v.maxLength(CHANNEL_NAME_LENGTH.max, staffIssue('staff_refusals_channel_name_length', CHANNEL_NAME_LENGTH))
);

const countryCode = v.pipe(
	v.string(staffIssue('staff_refusals_channel_country')),
	v.trim(),
	v.toUpperCase(),
	v.check((code) => COUNTRY_CODES.has(code), staffIssue('staff_refusals_channel_country'))
);

const organisation = v.pipe(
	v.optional(v.nullable(v.string(staffIssue('staff_refusals_channel_organisation', { max: ORGANISATION_LENGTH }))), ''),
	v.transform((text) => (text ?? '').trim()),
	v.maxLength(ORGANISATION_LENGTH, staffIssue('staff_refusals_channel_organisation', { max: ORGANISATION_LENGTH })),
	v.transform((text) => text || null)
);

const safeUrl = v.pipe(
	v.string(staffIssue('staff_refusals_channel_safe_url')),
	v.trim(),
	v.maxLength(SAFE_URL_LENGTH, staffIssue('staff_refusals_channel_safe_url_length', { max: SAFE_URL_LENGTH })),
	v.check(isHttpsUrl, staffIssue('staff_refusals_channel_safe_url')),
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
				userId: v.pipe(
					v.string(staffIssue('staff_refusals_grant_user')),
					v.uuid(staffIssue('staff_refusals_grant_user'))
				),
				sealedKey: base64urlBytes('sealedKey', { exact: SEALED_KEY_BYTES })
			}),
			staffIssue('staff_refusals_grants_list')
		),
		v.minLength(1, staffIssue('staff_refusals_channel_needs_moderator')),
		v.maxLength(MODERATORS_AT_ONCE, staffIssue('staff_refusals_moderators_at_once', { max: MODERATORS_AT_ONCE })),
		v.check(
			(grants) => new Set(grants.map((grant) => grant.userId)).size === grants.length,
			staffIssue('staff_refusals_moderator_once')
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
		v.array(v.picklist(locales, staffIssue('staff_refusals_session_languages_from_list'))),
		v.minLength(1, staffIssue('staff_refusals_channel_offer_language')),
		// Every language offered is stored as "all", so languages added later are offered too.
		v.transform((chosen) =>
			locales.every((locale) => chosen.includes(locale)) ? null : locales.filter((locale) => chosen.includes(locale))
		)
	),
	status: v.picklist(['open', 'closed'], staffIssue('staff_refusals_channel_status')),
	texts: v.array(
		v.pipe(
			v.object({
				kind: v.picklist(CHANNEL_TEXT_KINDS),
				locale: v.picklist(locales),
				text: v.pipe(
					v.string(staffIssue('staff_refusals_channel_texts')),
					v.transform((text) => text.replace(/\r\n?/g, '\n').trim())
				)
			}),
			v.check(
				(entry) => [...entry.text].length <= CHANNEL_TEXT_MAX_CHARS,
				(issue) => {
					// The kind and locale have passed their picklists: names the portal holds, not input.
					const entry = issue.input as { kind: ChannelTextKind; locale: string };
					const lang = issueLocale(issue);
					const names = new Intl.DisplayNames(lang, { type: 'language', fallback: 'code' });
					return staffText(lang, 'staff_refusals_channel_text_length', {
						label: staffText(
							lang,
							entry.kind === 'referral' ? 'staff_admin_channel_referral' : 'staff_admin_channel_contact'
						),
						language: names.of(entry.locale) ?? entry.locale,
						locale: entry.locale,
						max: CHANNEL_TEXT_MAX_CHARS
					});
				}
			)
		)
	)
});

export type ChannelEdit = v.InferOutput<typeof channelEditForm>;
