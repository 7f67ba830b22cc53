/**
 * Staff accounts: the first setup, enrolment by invitation, recovery, and the signed-in person's
 * passphrase and authenticator. Every key is made in the crypto worker; only its sealed or public
 * parts are sent.
 */
import type * as v from 'valibot';
import type * as schemas from '$lib/server/accounts/schemas';
import type { describeInvitation } from '$lib/server/accounts/enrolment';
import type { openRecovery } from '$lib/server/accounts/manage';
import type { TotpEnrolment } from '$lib/server/auth/totp';
import { postJson } from './http';

export type { TotpEnrolment };
export type SetupRequest = v.InferInput<typeof schemas.setupRequest>;
export type EnrolmentRequest = v.InferInput<typeof schemas.enrolmentRequest>;
export type TotpStartRequest = v.InferInput<typeof schemas.totpStartRequest>;
export type RecoveryOpenRequest = v.InferInput<typeof schemas.recoveryOpenRequest>;
export type RecoveryCompleteRequest = v.InferInput<typeof schemas.recoveryCompleteRequest>;
export type PassphraseChangeRequest = v.InferInput<typeof schemas.passphraseChange>;
export type Invitation = ReturnType<typeof describeInvitation>;
export type OpenedRecovery = ReturnType<typeof openRecovery>;
type RecoveryCodes = { recoveryCodes: string[] };

/** The first admin's authenticator secret, offered before the deployment exists. */
export function setupTotp(request: TotpStartRequest): Promise<TotpEnrolment> {
	return postJson('/staff/api/setup/totp', request);
}

/** Creates the deployment: the first admin, the first channel and the corpus key. */
export function setUp(request: SetupRequest): Promise<RecoveryCodes & { channelId: string }> {
	return postJson('/staff/api/setup', request);
}

/** What an invitation offers (roles, channels, expiry). */
export function inspectInvitation(token: string): Promise<Invitation> {
	const body: v.InferInput<typeof schemas.invitationTokenRequest> = { token };
	return postJson('/staff/api/invitations/inspect', body);
}

export function invitationTotp(request: TotpStartRequest): Promise<TotpEnrolment> {
	return postJson('/staff/api/invitations/totp', request);
}

/** Creates the invitee's account and signs them in. */
export function enrol(request: EnrolmentRequest): Promise<RecoveryCodes> {
	return postJson('/staff/api/enrol', request);
}

/** First step of recovery: the recovery-wrapped private key and a token for the second. */
export function openAccountRecovery(request: RecoveryOpenRequest): Promise<OpenedRecovery> {
	return postJson('/staff/api/recover/open', request);
}

/** Second step: the new passphrase's material replaces the old. */
export function completeAccountRecovery(request: RecoveryCompleteRequest): Promise<{ recovered: true }> {
	return postJson('/staff/api/recover/complete', request);
}

export function changePassphrase(request: PassphraseChangeRequest): Promise<{ changed: true }> {
	return postJson('/staff/api/account/passphrase', request);
}

/** A new authenticator secret, after an admin reset and a re-enrolment link. */
export function startTotp(): Promise<TotpEnrolment> {
	return postJson('/staff/api/account/totp/start', {});
}

export function finishTotp(code: string): Promise<RecoveryCodes> {
	const body: v.InferInput<typeof schemas.totpEnrolRequest> = { code };
	return postJson('/staff/api/account/totp/finish', body);
}
