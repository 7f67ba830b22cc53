import { AddressNotFound, DomainError } from '../http/errors';

/** The question does not exist; pages answer 404. */
export class QuestionNotFound extends AddressNotFound {
	constructor(readonly questionId: string) {
		// The id came from the address: the message does not repeat it (it could be anything).
		super('There is no question with this id.');
	}
}

/** A change an admin asked for breaks a rule of the questionnaire; the message says which. */
export class QuestionRefused extends DomainError {
	constructor(message: string) {
		super(message, 400);
	}
}
