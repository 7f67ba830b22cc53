import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { auditEvent } from '../db/schema';
import { StaffRefusal } from '../http/errors';
import { adminId, useQuestionnaireDeployment } from '../questionnaire/fixtures';
import { oggOpus, oggVorbis, webmOpus } from './fixtures';
import { allPrompts, promptAudio, promptsIn, questionTextId, removePrompt, savePrompt } from './prompts';
import { PROMPT_MAX_BYTES } from './sniff';

useQuestionnaireDeployment();

const promptAudits = () => db().select().from(auditEvent).where(eq(auditEvent.subjectType, 'prompt')).all();

describe('prompts', () => {
	it('stores a Tigrinya reading of a question under an address named by its content hash', () => {
		const { url } = savePrompt(questionTextId('housing'), 'ti', oggOpus(), adminId);
		expect(url).toMatch(/^\/api\/prompts\/[0-9a-f]{64}\.ogg$/);
		expect(promptsIn('ti')).toEqual({ 'question.housing': url });
		expect(promptsIn('ar')).toEqual({});
		const served = promptAudio(url.slice('/api/prompts/'.length));
		expect(served?.mimeType).toBe('audio/ogg');
		expect(served?.audio).toEqual(oggOpus());
	});

	it('replaces a reading with a new address and records both changes', () => {
		// Bytes of their own: another text's reading of the same bytes would share the address.
		const first = savePrompt('safety', 'so', new Uint8Array([...oggOpus(), 7]), adminId);
		const second = savePrompt('safety', 'so', webmOpus(), adminId);
		expect(second).toMatchObject({ replaced: true });
		expect(second.url).toMatch(/\.webm$/);
		expect(promptsIn('so').safety).toBe(second.url);
		expect(promptAudio(first.url.slice('/api/prompts/'.length))).toBeNull();
		const audits = promptAudits().filter((entry) => entry.subjectId === 'safety');
		expect(audits.map((entry) => [entry.action, entry.actorId])).toEqual([
			['prompt.replaced', adminId],
			['prompt.replaced', adminId]
		]);
		expect(audits[1].detail).toMatchObject({ locale: 'so', replaced: true, format: 'webm' });
	});

	it('removes a reading, audited, and refuses to remove one that is not there', () => {
		savePrompt('receipt', 'uk', oggOpus(), adminId);
		removePrompt('receipt', 'uk', adminId);
		expect(promptsIn('uk').receipt).toBeUndefined();
		expect(promptAudits().at(-1)).toMatchObject({ action: 'prompt.removed', subjectId: 'receipt' });
		expect(() => removePrompt('receipt', 'uk', adminId)).toThrow(StaffRefusal);
	});

	it('refuses what is not an accepted audio file, too large, empty, or for no known text or language', () => {
		const refusal = (work: () => unknown) => {
			try {
				work();
			} catch (cause) {
				if (cause instanceof StaffRefusal) return [cause.status, cause.refusal?.key];
				throw cause;
			}
			return null;
		};
		const oversized = new Uint8Array(PROMPT_MAX_BYTES + 1);
		oversized.set(oggOpus());
		expect(refusal(() => savePrompt('consent', 'ti', oversized, adminId))).toEqual([
			413,
			'staff_refusals_prompt_too_large'
		]);
		expect(refusal(() => savePrompt('consent', 'ti', oggVorbis(), adminId))).toEqual([
			415,
			'staff_refusals_prompt_not_audio'
		]);
		expect(refusal(() => savePrompt('consent', 'ti', new Uint8Array(), adminId))).toEqual([
			400,
			'staff_refusals_prompt_empty'
		]);
		expect(refusal(() => savePrompt('question.nowhere', 'ti', oggOpus(), adminId))).toEqual([
			400,
			'staff_refusals_prompt_unknown_text'
		]);
		expect(refusal(() => savePrompt('../etc', 'ti', oggOpus(), adminId))).toEqual([
			400,
			'staff_refusals_prompt_unknown_text'
		]);
		expect(refusal(() => savePrompt('consent', 'xx', oggOpus(), adminId))).toEqual([
			400,
			'staff_refusals_prompt_unknown_locale'
		]);
		expect(allPrompts().some((prompt) => prompt.textId === 'consent')).toBe(false);
	});

	it('serves nothing for a name that is not a stored hash with its own extension', () => {
		const { url } = savePrompt('consent', 'ha', oggOpus(), adminId);
		const hash = url.slice('/api/prompts/'.length, -'.ogg'.length);
		expect(promptAudio(`${hash}.mp3`)).toBeNull();
		expect(promptAudio(`${hash}`)).toBeNull();
		expect(promptAudio(`${'0'.repeat(64)}.ogg`)).toBeNull();
		expect(promptAudio(`${hash.toUpperCase()}.ogg`)).toBeNull();
	});
});
