import { eq } from 'drizzle-orm';
import { db } from './db';
import { replyTemplate } from './db/schema';

export type ReplyTemplateView = { kind: 'acknowledgement' | 'clarification' | 'referral'; locale: string; text: string };

/** Used while a channel has written none of its own: plain, short, in English. */
const DEFAULT_TEMPLATES: ReplyTemplateView[] = [
	{ kind: 'acknowledgement', locale: 'en', text: 'Thank you for telling us. We have read your words carefully.' },
	{ kind: 'clarification', locale: 'en', text: 'Thank you. Could you tell us a little more about this, if you wish? You can answer with your receipt number.' },
	{ kind: 'referral', locale: 'en', text: 'If you need support now, you can contact this organisation, who can help without asking for your name:' }
];

/** A channel's reply templates in every language it wrote them in, or the defaults. */
export function replyTemplates(channelId: string): ReplyTemplateView[] {
	const own = db()
		.select({ kind: replyTemplate.kind, locale: replyTemplate.locale, text: replyTemplate.text })
		.from(replyTemplate)
		.where(eq(replyTemplate.channelId, channelId))
		.all();
	return own.length > 0 ? own : DEFAULT_TEMPLATES;
}
