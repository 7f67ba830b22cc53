import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { domainAnswer, jsonEndpoint } from './endpoint';
import { DomainError, StaffRefusal } from './errors';
import { formAction, formAttempt } from './form-action';
import { staffIssue } from './refusals';
import { settingsForm } from '../settings/schemas';
import { codeInput } from '../research/schemas';

/** The request under way, as `getRequestEvent` hands it to the code that answers. */
let event: { url: URL; locals: { staff: unknown }; request: Request } | null = null;
vi.mock('$app/server', () => ({
	getRequestEvent: () => {
		if (!event) throw new Error('No request under way.');
		return event;
	}
}));

function requestAt(address: string, staffLocale: string | null, acceptLanguage = 'en') {
	event = {
		url: new URL(address, 'http://portal.test'),
		locals: { staff: staffLocale ? { locale: staffLocale } : null },
		request: new Request(new URL(address, 'http://portal.test'), { headers: { 'accept-language': acceptLanguage } })
	};
}

const wrongPassphrase = () => {
	throw new StaffRefusal({ key: 'staff_refusals_passphrase_wrong' }, 401);
};

beforeEach(() => {
	event = null;
});

describe('refusals staff meet', () => {
	it('keep the English sentence as the error message, for logs', () => {
		expect(() => wrongPassphrase()).toThrow('The current passphrase is not correct.');
	});

	it('reach a French staff member in French', async () => {
		requestAt('/staff/account', 'fr');
		expect(await formAttempt(wrongPassphrase)).toMatchObject({
			status: 401,
			data: { message: 'La phrase secrète actuelle est incorrecte.' }
		});
	});

	it('reach an English staff member in English', async () => {
		requestAt('/staff/account', 'en');
		expect(await formAttempt(wrongPassphrase)).toMatchObject({
			data: { message: 'The current passphrase is not correct.' }
		});
	});

	it('follow the language picked on a signed-out page', async () => {
		requestAt('/staff/login?lang=cs', null);
		const answer = await domainAnswer(wrongPassphrase);
		expect(await answer.json()).toEqual({ message: 'Současná heslová fráze není správná.' });
	});

	it('fill in their parameters', async () => {
		requestAt('/staff/admin/questions', 'it');
		const tooMany = () => {
			throw new StaffRefusal({ key: 'staff_refusals_question_choice_max_options', params: { max: 12 } }, 400);
		};
		expect(await formAttempt(tooMany)).toMatchObject({
			data: { message: 'Una domanda a scelta può avere al massimo 12 opzioni.' }
		});
	});

	it('translate the messages of staff form schemas', async () => {
		requestAt('/staff/account', 'nl');
		const schema = v.object({ reason: v.pipe(v.string(), v.minLength(3, staffIssue('staff_refusals_give_reason'))) });
		expect(await formAction(schema, { reason: '' }, () => 'done')).toMatchObject({
			status: 400,
			data: { message: 'Geef een reden op; het auditlogboek bewaart die.' }
		});
	});
});

describe('form checks a French admin or researcher meets', () => {
	const settings = {
		deploymentName: 'TRIPS Voice',
		rawRetentionDays: '30',
		unreviewedRetentionDays: '90',
		deleteVoiceAfterTranscription: true,
		powDifficulty: '50000',
		rejectedGraceDays: '14',
		rejectionsPerDay: '5'
	};
	const code = {
		parentId: null,
		name: 'Housing',
		colour: '#1f6feb',
		description: '',
		inclusion: '',
		exclusion: '',
		example: ''
	};

	it('name a setting’s range in French', async () => {
		requestAt('/staff/admin/settings', 'fr');
		expect(await formAction(settingsForm, { ...settings, rawRetentionDays: '99999' }, () => 'saved')).toMatchObject({
			status: 400,
			data: {
				message: 'Le nombre de jours de conservation de l’original doit être un nombre entier de jours entre 1 et 3650.'
			}
		});
	});

	it('name a codebook field in French', async () => {
		requestAt('/staff/research', 'fr');
		expect(await formAction(codeInput, { ...code, inclusion: 'x'.repeat(4001) }, () => 'saved')).toMatchObject({
			status: 400,
			data: { message: 'Limitez les critères d’inclusion à 4000 caractères.' }
		});
	});

	it('keep their English sentences for an English reader', async () => {
		requestAt('/staff/research', 'en');
		expect(await formAction(codeInput, { ...code, colour: 'blue' }, () => 'saved')).toMatchObject({
			data: { message: 'The colour must look like #1f6feb.' }
		});
	});
});

describe('the survivor API', () => {
	it('answers in English whatever the browser asks for, as before', async () => {
		requestAt('/api/submissions', null, 'fr');
		const answer = await jsonEndpoint(
			new Request('http://portal.test/api/submissions', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{'
			}),
			v.object({}),
			1024,
			() => 'accepted'
		);
		expect(answer.status).toBe(400);
		expect(await answer.json()).toEqual({ message: 'The request body is not valid JSON.' });
	});

	it('keeps the sentences of refusals without a key', async () => {
		requestAt('/api/receipts/status', null, 'fr');
		const answer = await domainAnswer(() => {
			throw new DomainError('This receipt is unknown.', 404);
		});
		expect(await answer.json()).toEqual({ message: 'This receipt is unknown.' });
	});
});

/**
 * Where a refusal may still be an English sentence: the survivor side (whose pages translate
 * by status), the operator's command line and the deployment key file's errors (which stop the
 * start and go to the operator's log, never to a staff member). Everything else a staff member can meet takes a
 * catalogue key, which `StaffRefusal` and the subclasses' constructors also demand of the types.
 */
const SENTENCES_ALLOWED = [
	'src/lib/server/intake/',
	'src/lib/server/findings/public-schemas.ts',
	'src/lib/server/security/body-limit.ts',
	'src/lib/server/ops/',
	'src/lib/server/security/deployment-key.ts',
	'src/lib/server/http/validation.ts'
];
/**
 * A refusal class built from a sentence: `new XxxError('…'`, `new XxxRefused(\`…`, `super('…'`,
 * whose text has a space in it; a one-word reason (`new ImportError('too-large')`) is a code.
 */
const SENTENCE_REFUSAL =
	/(?:new (?!Error\()\w*(?:Error|Refused|Refusal|Rejected|NotFound|Request|OutOfRange|NotHeld|Change)|super)\(\s*(['"`])(?:(?!\1).)*\s/;

function sources(folder: string): string[] {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(folder, entry.name);
		if (entry.isDirectory()) return sources(file);
		return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [file] : [];
	});
}

/**
 * A form check's message given as a sentence in a string literal, `v.minLength(3, 'Too short.')`:
 * a valibot call on the line, then a quoted text with a space that ends like a sentence.
 */
const SENTENCE_CHECK = /\bv\.[a-zA-Z]+\(.*(['"`])(?:(?!\1).)*\s(?:(?!\1).)*[.!?]\1/;

describe('every refusal a staff member can meet', () => {
	it('is recognised when a refusal is built from an English sentence, not from a one-word reason', () => {
		expect(SENTENCE_REFUSAL.test(`throw new CodebookError('That file is too large.', 413);`)).toBe(true);
		expect(SENTENCE_REFUSAL.test('\t\tsuper(`The ${what} is gone.`);')).toBe(true);
		expect(SENTENCE_REFUSAL.test(`throw new RefiQdaImportError('not-codebook');`)).toBe(false);
		expect(SENTENCE_REFUSAL.test(`throw new CodebookError({ key: refusal.key }, 413);`)).toBe(false);
	});

	it('is recognised when a form check gives its message as an English sentence', () => {
		expect(SENTENCE_CHECK.test(`v.minLength(3, 'Username must have at least 3 characters.'),`)).toBe(true);
		expect(SENTENCE_CHECK.test(`v.minLength(3, staffIssue('staff_refusals_username_short', LENGTH)),`)).toBe(false);
	});

	it('is given as a catalogue key, not an English sentence', () => {
		const sentences = [...sources('src/lib/server'), ...sources('src/routes/staff')]
			.filter((file) => !SENTENCES_ALLOWED.some((allowed) => file.startsWith(allowed)))
			.flatMap((file) =>
				fs
					.readFileSync(file, 'utf8')
					.split('\n')
					.flatMap((line, index) =>
						SENTENCE_REFUSAL.test(line) || SENTENCE_CHECK.test(line) ? [`${file}:${index + 1}`] : []
					)
			);
		expect(sentences).toEqual([]);
	});
});
