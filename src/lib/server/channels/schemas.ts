/** Request bodies of key grants and key rotations. */
import * as v from 'valibot';
import { staffIssue } from '../http/refusals';
import { base64urlBytes } from '../http/validation';
import { KEY, SEALED_KEY } from '../http/schema-parts';

export const grantRequest = v.object({
	kind: v.picklist(['channel', 'corpus'], staffIssue('staff_refusals_key_kind')),
	keyId: v.pipe(v.number(), v.integer(), v.minValue(1)),
	userId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_grant_user'))),
	sealedKey: base64urlBytes('sealedKey', { exact: SEALED_KEY })
});

const sealedGrants = v.pipe(
	v.array(
		v.object({
			userId: v.pipe(v.string(), v.uuid(staffIssue('staff_refusals_grant_user'))),
			sealedKey: base64urlBytes('grants[].sealedKey', { exact: SEALED_KEY })
		})
	),
	v.minLength(1, staffIssue('staff_refusals_rotation_needs_person')),
	v.maxLength(500)
);

export const channelRotationRequest = v.object({
	publicKey: base64urlBytes('publicKey', { exact: KEY }),
	grants: sealedGrants
});

export const corpusRotationRequest = v.object({
	checkPublicKey: base64urlBytes('checkPublicKey', { exact: KEY }),
	grants: sealedGrants
});

const pendingKeyReference = {
	kind: v.picklist(['channel', 'corpus'], staffIssue('staff_refusals_key_kind')),
	keyId: v.pipe(
		v.number(staffIssue('staff_refusals_key_id')),
		v.integer(staffIssue('staff_refusals_key_id')),
		v.minValue(1, staffIssue('staff_refusals_key_id'))
	)
};

/** A colleague's proof that their grant opens a pending key: the challenge sealed to it. */
export const rotationConfirmation = v.object({
	...pendingKeyReference,
	answer: base64urlBytes('answer', { exact: KEY })
});

export const rotationWithdrawal = v.object(pendingKeyReference);
