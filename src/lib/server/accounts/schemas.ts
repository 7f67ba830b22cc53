/** Request bodies of staff accounts: first setup, enrolment, passphrase change and recovery. */
import * as v from 'valibot';
import { staffIssue } from '../http/refusals';
import { CRYPTO } from '$lib/crypto/constants';
import { base64urlBytes } from '../http/validation';
import { KEY, SEALED_KEY, oneTimeToken, sealedBox } from '../http/schema-parts';

export const username = v.pipe(
	v.string('Username must be text.'),
	v.trim(),
	v.minLength(3, 'Username must have at least 3 characters.'),
	v.maxLength(64, 'Username must have at most 64 characters.'),
	v.regex(/^[\p{L}\p{N}._-]+$/u, 'Username may contain letters, digits, dot, dash and underscore.')
);

export const secondFactorCode = v.pipe(
	v.string('The code must be text.'),
	v.trim(),
	v.maxLength(20, 'The code is too long.')
);

/** A staff account's key material, as a browser makes it at setup, enrolment or recovery. */
const passphraseMaterial = {
	pwhashSalt: base64urlBytes('pwhashSalt', { exact: CRYPTO.staffPwhash.saltBytes }),
	pwhashOpsLimit: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(CRYPTO.staffPwhash.opsLimit, 'The passphrase hashing cost is below the minimum.'),
		v.maxValue(16)
	),
	pwhashMemLimit: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(CRYPTO.staffPwhash.memLimitBytes, 'The passphrase hashing memory is below the minimum.'),
		v.maxValue(1024 * 1024 * 1024)
	),
	authKey: base64urlBytes('authKey', { exact: KEY }),
	wrappedSecretKey: sealedBox('wrappedSecretKey', KEY)
};

const newAccount = v.object({
	username,
	...passphraseMaterial,
	publicKey: base64urlBytes('publicKey', { exact: KEY }),
	recoveryWrappedSecretKey: sealedBox('recoveryWrappedSecretKey', KEY),
	recoveryAuthKey: base64urlBytes('recoveryAuthKey', { exact: KEY })
});

export const setupRequest = v.object({
	token: oneTimeToken('setup'),
	totpCode: secondFactorCode,
	admin: newAccount,
	channel: v.object({
		name: v.pipe(v.string(), v.trim(), v.minLength(2, 'Give the channel a name.'), v.maxLength(120)),
		country: v.pipe(
			v.string(),
			v.trim(),
			v.toUpperCase(),
			v.regex(/^[A-Z]{2}$/, 'Country must be a two-letter ISO 3166 code, such as FR.')
		),
		publicKey: base64urlBytes('channel.publicKey', { exact: KEY }),
		sealedSecretKey: base64urlBytes('channel.sealedSecretKey', { exact: SEALED_KEY })
	}),
	sealedCorpusKey: base64urlBytes('sealedCorpusKey', { exact: SEALED_KEY })
});

export const enrolmentRequest = v.object({
	token: oneTimeToken('invitation'),
	totpCode: secondFactorCode,
	account: newAccount
});

export const invitationTokenRequest = v.object({ token: oneTimeToken('invitation') });

/** A new passphrase: fresh salt, auth key and wrapped secret key, all made in the browser. */
export const passphraseChange = v.object({
	currentAuthKey: base64urlBytes('currentAuthKey', { exact: KEY }),
	...passphraseMaterial
});

export const recoveryOpenRequest = v.object({
	username,
	recoveryAuthKey: base64urlBytes('recoveryAuthKey', { exact: KEY }),
	code: secondFactorCode
});

export const recoveryCompleteRequest = v.object({
	token: oneTimeToken('recovery'),
	...passphraseMaterial
});

export const totpEnrolRequest = v.object({ code: secondFactorCode });

export const totpStartRequest = v.object({ token: oneTimeToken('one-time'), username });

/** The admin's forms on the staff page: invitations, and changes to one person. */
export const inviteForm = v.object({
	expiresInDays: v.pipe(
		v.string(),
		v.transform(Number),
		v.integer(staffIssue('staff_refusals_invitation_expiry_days')),
		v.minValue(1),
		v.maxValue(30, staffIssue('staff_refusals_invitation_expiry_max'))
	),
	note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, staffIssue('staff_refusals_invitation_note_length'))))
});
export const userForm = v.object({ userId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_unknown_person'))) });
export const statusForm = v.object({
	userId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_unknown_person'))),
	confirmUsername: v.pipe(
		v.string(staffIssue('staff_refusals_type_username')),
		v.maxLength(64, staffIssue('staff_refusals_type_username'))
	),
	reason: v.pipe(
		v.string(staffIssue('staff_refusals_give_a_reason')),
		v.trim(),
		v.minLength(3, staffIssue('staff_refusals_give_reason')),
		v.maxLength(500, staffIssue('staff_refusals_reason_length'))
	)
});
export const invitationForm = v.object({
	invitationId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_unknown_invitation')))
});
