/** Request bodies of staff accounts: first setup, enrolment, passphrase change and recovery. */
import * as v from 'valibot';
import { staffIssue } from '../http/refusals';
import { CRYPTO } from '$lib/crypto/constants';
import { base64urlBytes } from '../http/validation';
import { KEY, SEALED_KEY, oneTimeToken, sealedBox } from '../http/schema-parts';

const USERNAME_LENGTH = { min: 3, max: 64 };

export const username = v.pipe(
	v.string(staffIssue('staff_refusals_username_characters')),
	v.trim(),
	v.minLength(USERNAME_LENGTH.min, staffIssue('staff_refusals_username_short', USERNAME_LENGTH)),
	v.maxLength(USERNAME_LENGTH.max, staffIssue('staff_refusals_username_long', USERNAME_LENGTH)),
	v.regex(/^[\p{L}\p{N}._-]+$/u, staffIssue('staff_refusals_username_characters'))
);

export const secondFactorCode = v.pipe(
	v.string(staffIssue('staff_refusals_second_factor_code')),
	v.trim(),
	v.maxLength(20, staffIssue('staff_refusals_second_factor_code'))
);

/** A staff account's key material, as a browser makes it at setup, enrolment or recovery. */
const passphraseMaterial = {
	pwhashSalt: base64urlBytes('pwhashSalt', { exact: CRYPTO.staffPwhash.saltBytes }),
	pwhashOpsLimit: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(CRYPTO.staffPwhash.opsLimit, staffIssue('staff_refusals_passphrase_hashing_cost')),
		v.maxValue(16)
	),
	pwhashMemLimit: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(CRYPTO.staffPwhash.memLimitBytes, staffIssue('staff_refusals_passphrase_hashing_memory')),
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
	token: oneTimeToken(),
	totpCode: secondFactorCode,
	admin: newAccount,
	channel: v.object({
		name: v.pipe(
			v.string(),
			v.trim(),
			v.minLength(2, staffIssue('staff_refusals_setup_channel_name')),
			v.maxLength(120)
		),
		country: v.pipe(
			v.string(),
			v.trim(),
			v.toUpperCase(),
			v.regex(/^[A-Z]{2}$/, staffIssue('staff_refusals_channel_country'))
		),
		publicKey: base64urlBytes('channel.publicKey', { exact: KEY }),
		sealedSecretKey: base64urlBytes('channel.sealedSecretKey', { exact: SEALED_KEY })
	}),
	sealedCorpusKey: base64urlBytes('sealedCorpusKey', { exact: SEALED_KEY })
});

export const enrolmentRequest = v.object({
	token: oneTimeToken(),
	totpCode: secondFactorCode,
	account: newAccount
});

export const invitationTokenRequest = v.object({ token: oneTimeToken() });

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
	token: oneTimeToken(),
	...passphraseMaterial
});

export const totpEnrolRequest = v.object({ code: secondFactorCode });

export const totpStartRequest = v.object({ token: oneTimeToken(), username });

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
