/**
 * Channels and their keys: a new channel, a key granted to a colleague, and key rotations
 * (proposed, confirmed by a colleague who holds the new key, or withdrawn). Keys are made and
 * sealed in the crypto worker; these send only the sealed copies and public keys.
 */
import type * as v from 'valibot';
import type { createChannel } from '$lib/server/channels/admin';
import type { newChannelRequest } from '$lib/server/channels/options';
import type { ProposedRotation, confirmRotation } from '$lib/server/channels/rotations';
import type * as schemas from '$lib/server/channels/schemas';
import { postJson } from './http';

export type { ProposedRotation };
export type NewChannelRequest = v.InferInput<typeof newChannelRequest>;
export type GrantRequest = v.InferInput<typeof schemas.grantRequest>;
export type ChannelRotationRequest = v.InferInput<typeof schemas.channelRotationRequest>;
export type CorpusRotationRequest = v.InferInput<typeof schemas.corpusRotationRequest>;
export type RotationConfirmation = v.InferInput<typeof schemas.rotationConfirmation>;
export type RotationWithdrawal = v.InferInput<typeof schemas.rotationWithdrawal>;

/** An admin's new channel, its secret key sealed to each first moderator. */
export function createNewChannel(request: NewChannelRequest): Promise<ReturnType<typeof createChannel>> {
	return postJson('/staff/admin/channels/api', request);
}

/** A key resealed in the granter's browser to a colleague's public key. */
export function createGrant(request: GrantRequest): Promise<{ granted: true }> {
	return postJson('/staff/api/grants', request);
}

export function proposeChannelRotation(channelId: string, request: ChannelRotationRequest): Promise<ProposedRotation> {
	return postJson(`/staff/api/channels/${channelId}/rotate`, request);
}

export function proposeCorpusRotation(request: CorpusRotationRequest): Promise<ProposedRotation> {
	return postJson('/staff/api/corpus/rotate', request);
}

/** Proves this browser opens its grant of a pending key; the key then takes effect. */
export function confirmKeyRotation(request: RotationConfirmation): Promise<ReturnType<typeof confirmRotation>> {
	return postJson('/staff/api/rotations/confirm', request);
}

export function withdrawKeyRotation(request: RotationWithdrawal): Promise<{ withdrawn: true }> {
	return postJson('/staff/api/rotations/withdraw', request);
}
