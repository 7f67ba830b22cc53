import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../audit/record';
import { db } from '../db';
import { replyTemplate } from '../db/schema';
import { DomainError } from '../http/errors';
import type { TemplateKind, TemplateText } from '$lib/moderation/templates';

export type ReplyTemplateView = TemplateText;

/** Used while a channel has written none of its own: plain, short, in English. */
const DEFAULT_TEMPLATES: ReplyTemplateView[] = [
	{ kind: 'acknowledgement', locale: 'en', text: 'Thank you for telling us. We have read your words carefully.' },
	{
		kind: 'clarification',
		locale: 'en',
		text: 'Thank you. Could you tell us a little more about this, if you wish? You can answer with your receipt number.'
	},
	{
		kind: 'referral',
		locale: 'en',
		text: 'If you need support now, you can contact this organisation, who can help without asking for your name:'
	}
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

/** The templates a moderator's channels wrote, for the templates page. */
export function templatesOf(channelIds: string[]) {
	if (channelIds.length === 0) return [];
	return db().select().from(replyTemplate).where(inArray(replyTemplate.channelId, channelIds)).all();
}

export function addTemplate(
	actorId: string,
	channelIds: string[],
	input: { channelId: string; kind: TemplateKind; locale: string; text: string }
): void {
	if (!channelIds.includes(input.channelId))
		throw new DomainError({ key: 'staff_refusals_template_channel_not_yours' }, 403);
	db()
		.insert(replyTemplate)
		.values({ id: randomUUID(), ...input })
		.run();
	recordAudit({
		actorId,
		action: 'channel.updated',
		subjectType: 'channel',
		subjectId: input.channelId,
		detail: { template: 'added', kind: input.kind, locale: input.locale }
	});
}

export function deleteTemplate(actorId: string, channelIds: string[], templateId: string): void {
	const found = db().select().from(replyTemplate).where(eq(replyTemplate.id, templateId)).get();
	if (!found || !channelIds.includes(found.channelId))
		throw new DomainError({ key: 'staff_refusals_template_not_found' }, 404);
	db().delete(replyTemplate).where(eq(replyTemplate.id, templateId)).run();
	recordAudit({
		actorId,
		action: 'channel.updated',
		subjectType: 'channel',
		subjectId: found.channelId,
		detail: { template: 'deleted' }
	});
}
