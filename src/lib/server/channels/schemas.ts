/** Request bodies of key grants and key rotations. */
import * as v from 'valibot';
import { base64urlBytes } from '../http/validation';
import { KEY, SEALED_KEY } from '../http/schema-parts';

export const grantRequest = v.object({
	kind: v.picklist(['channel', 'corpus'], 'kind must be channel or corpus.'),
	keyId: v.pipe(v.number(), v.integer(), v.minValue(1)),
	userId: v.pipe(v.string(), v.uuid('userId must be a UUID.')),
	sealedKey: base64urlBytes('sealedKey', { exact: SEALED_KEY })
});

const sealedGrants = v.pipe(
	v.array(
		v.object({
			userId: v.pipe(v.string(), v.uuid('userId must be a UUID.')),
			sealedKey: base64urlBytes('grants[].sealedKey', { exact: SEALED_KEY })
		})
	),
	v.minLength(1, 'A new key must be sealed to at least one person.'),
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
	kind: v.picklist(['channel', 'corpus'], 'kind must be channel or corpus.'),
	keyId: v.pipe(
		v.number('keyId must be a number.'),
		v.integer('keyId must be a whole number.'),
		v.minValue(1, 'keyId must be positive.')
	)
};

/** A colleague's proof that their grant opens a pending key: the challenge sealed to it. */
export const rotationConfirmation = v.object({
	...pendingKeyReference,
	answer: base64urlBytes('answer', { exact: KEY })
});

export const rotationWithdrawal = v.object(pendingKeyReference);
