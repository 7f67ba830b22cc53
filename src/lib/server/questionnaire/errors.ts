import { AddressNotFound, DomainError, type Refusal } from '../http/errors';

/** The question does not exist; pages answer 404. */
export class QuestionNotFound extends AddressNotFound {
	constructor(readonly questionId: string) {
		// The id came from the address: the message does not repeat it (it could be anything).
		super({ key: 'staff_refusals_question_not_found' });
	}
}

/** A change an admin asked for breaks a rule of the questionnaire; the message says which. */
export class QuestionRefused extends DomainError {
	constructor(refusal: Refusal) {
		super(refusal, 400);
	}
}
