import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { auditEvent } from '../db/schema';
import { StaffRefusal } from '../http/errors';
import { adminId, useQuestionnaireDeployment } from '../questionnaire/fixtures';
import { setSpeechSynthesisLocales, speechSynthesisLocales, speechSynthesisOn } from './speech';

useQuestionnaireDeployment();

const speechAudits = () =>
	db().select().from(auditEvent).where(eq(auditEvent.action, 'settings.speech_synthesis')).all();

describe('speech synthesis where no recording exists', () => {
	it('is off in every language until an admin turns it on', () => {
		expect(speechSynthesisLocales()).toEqual([]);
		expect(speechSynthesisOn('ti')).toBe(false);
		expect(speechSynthesisOn('en')).toBe(false);
	});

	it('turns on for the chosen languages only, at once, and audits who turned what on', () => {
		expect(setSpeechSynthesisLocales(['so', 'ti'], adminId)).toEqual({ changed: true });
		expect(speechSynthesisOn('ti')).toBe(true);
		expect(speechSynthesisOn('so')).toBe(true);
		expect(speechSynthesisOn('ar')).toBe(false);
		// Kept in the portal's language order, whatever order the form sent.
		expect(speechSynthesisLocales()).toEqual(['ti', 'so']);
		expect(speechAudits().at(-1)).toMatchObject({
			actorId: adminId,
			subjectType: 'setting',
			detail: { on: 'ti,so', off: '' }
		});
	});

	it('turns a language off when it is left out, and audits nothing when nothing changed', () => {
		setSpeechSynthesisLocales(['ti', 'so'], adminId);
		const before = speechAudits().length;
		expect(setSpeechSynthesisLocales(['so', 'ti', 'ti'], adminId)).toEqual({ changed: false });
		expect(speechAudits()).toHaveLength(before);

		setSpeechSynthesisLocales(['so'], adminId);
		expect(speechSynthesisOn('ti')).toBe(false);
		expect(speechAudits().at(-1)).toMatchObject({ detail: { on: '', off: 'ti' } });
		setSpeechSynthesisLocales([], adminId);
		expect(speechSynthesisLocales()).toEqual([]);
	});

	it('refuses a language the portal does not have, and changes nothing', () => {
		setSpeechSynthesisLocales(['uk'], adminId);
		const before = speechAudits().length;
		for (const bad of [['xx'], ['uk', 'de'], [''], ['ti,so']]) {
			expect(() => setSpeechSynthesisLocales(bad, adminId)).toThrow(StaffRefusal);
		}
		expect(speechSynthesisLocales()).toEqual(['uk']);
		expect(speechAudits()).toHaveLength(before);
	});
});
