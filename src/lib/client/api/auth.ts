/**
 * Signing in and out, and opening a re-enrolment link. The passphrase never appears here: only
 * the auth key the crypto worker derives from it.
 */
import type * as v from 'valibot';
import type { LoginParams, StaffKeyMaterial } from '$lib/server/accounts/staff';
import type { describeReenrolment } from '$lib/server/auth/reenrolment';
import type * as schemas from '$lib/server/auth/schemas';
import { postJson } from './http';

export type { LoginParams, StaffKeyMaterial };
export type LoginRequest = v.InferInput<typeof schemas.loginRequest>;
export type ReenrolmentRequest = v.InferInput<typeof schemas.reenrolmentRequest>;

/** Salt and cost of a username's Argon2id, the same shape for names that do not exist. */
export function loginParams(username: string): Promise<LoginParams> {
	const body: v.InferInput<typeof schemas.loginParamsRequest> = { username };
	return postJson('/staff/api/login/params', body);
}

/** Opens a session; the answer's wrapped private key is unlocked in the worker. */
export function logIn(request: LoginRequest): Promise<{ material: StaffKeyMaterial }> {
	return postJson('/staff/api/login', request);
}

export function logOut(): Promise<{ ok: true }> {
	return postJson('/staff/api/logout', {});
}

/** Whether a re-enrolment link can still be used, and until when. */
export function inspectReenrolment(token: string): Promise<ReturnType<typeof describeReenrolment>> {
	const body: v.InferInput<typeof schemas.reenrolmentInspectRequest> = { token };
	return postJson('/staff/api/reenrol/inspect', body);
}

/** Spends a re-enrolment link; the session it opens can only bind a new authenticator. */
export function reenrol(request: ReenrolmentRequest): Promise<{ next: string; material: StaffKeyMaterial }> {
	return postJson('/staff/api/reenrol', request);
}
