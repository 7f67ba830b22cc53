import { fail } from '@sveltejs/kit';
import { locales } from '$lib/paraglide/runtime';
import { localeName } from '$lib/i18n';
import { requireAdmin } from '$lib/server/auth/guard';
import { formAttempt } from '$lib/server/http/form-action';
import { readForm } from '$lib/server/http/forms';
import { readerText } from '$lib/server/http/refusals';
import { staffLocaleFor, staffText } from '$lib/server/i18n/staff';
import { questionnaireOverview } from '$lib/server/questionnaire/overview';
import { PROMPT_MAX_BYTES } from '$lib/server/prompts/sniff';
import { setSpeechSynthesisLocales, speechSynthesisLocales } from '$lib/server/settings/speech';
import { PAGE_TEXT_IDS, allPrompts, questionTextId, removePrompt, savePrompt } from '$lib/server/prompts/prompts';
import type { Actions, PageServerLoad } from './$types';

/** The texts survivors can hear: the page texts, then each question they answer in words. */
function listenTexts() {
	const questions = questionnaireOverview()
		.filter(({ section }) => section !== 'context')
		.flatMap(({ questions }) => questions);
	return [
		...PAGE_TEXT_IDS.map((id) => ({ id, kind: id, question: null, channel: null })),
		...questions.map((entry) => ({
			id: questionTextId(entry.id),
			kind: 'question' as const,
			question: entry.englishText ?? entry.id,
			channel: entry.channel?.name ?? null
		}))
	];
}

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals.staff, url);
	const prompts = allPrompts();
	return {
		locales: locales.map((locale) => ({ locale, name: localeName(locale) })),
		speechLocales: speechSynthesisLocales() as string[],
		maxBytes: PROMPT_MAX_BYTES,
		texts: listenTexts().map((text) => ({
			...text,
			prompts: prompts.filter((prompt) => prompt.textId === text.id)
		}))
	};
};

/** Text fields of the forms: short names the domain checks; anything else is refused there. */
const field = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, 200) : '';
};

export const actions: Actions = {
	upload: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		const file = form.get('audio');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { message: readerText('staff_refusals_prompt_empty') });
		}
		const audio = new Uint8Array(await file.arrayBuffer());
		return formAttempt(() => {
			savePrompt(field(form, 'text'), field(form, 'locale'), audio, staff.id);
			return { saved: staffText(staffLocaleFor(staff, url, request.headers), 'staff_admin_listen_saved') };
		});
	},

	speech: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		// Every box unticked posts no box at all: the marker tells that apart from a stray empty post.
		if (form.get('speech') !== 'locales') {
			return fail(400, { message: readerText('staff_refusals_speech_form_incomplete') });
		}
		// The domain refuses any value that is not one of the portal's languages.
		const chosen = form.getAll('locale').map((value) => (typeof value === 'string' ? value.slice(0, 20) : ''));
		return formAttempt(() => {
			setSpeechSynthesisLocales(chosen, staff.id);
			return { saved: staffText(staffLocaleFor(staff, url, request.headers), 'staff_admin_listen_speech_saved') };
		});
	},

	remove: async ({ locals, url, request }) => {
		const staff = requireAdmin(locals.staff, url);
		const form = await readForm(request);
		return formAttempt(() => {
			removePrompt(field(form, 'text'), field(form, 'locale'), staff.id);
			return { saved: staffText(staffLocaleFor(staff, url, request.headers), 'staff_admin_listen_removed') };
		});
	}
};
