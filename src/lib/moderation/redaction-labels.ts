/**
 * Redaction categories and the reasons behind a suggestion, in the staff member's words. The
 * codes stay in drafts and the placeholders ([NAME]) stay in the text researchers read.
 */
import type { RedactionCategory, SuggestionReason } from '$lib/redaction/suggest';
import type { StaffMessageKey, StaffTranslate } from '$lib/staff-i18n';

const CATEGORY_LABELS: Record<RedactionCategory, StaffMessageKey> = {
	NAME: 'staff_moderation_category_name',
	PLACE: 'staff_moderation_category_place',
	DATE: 'staff_moderation_category_date',
	ORGANISATION: 'staff_moderation_category_organisation',
	CONTACT: 'staff_moderation_category_contact',
	OTHER: 'staff_moderation_category_other'
};

const REASON_LABELS: Record<SuggestionReason, StaffMessageKey> = {
	email: 'staff_moderation_suggestion_reason_email',
	phone: 'staff_moderation_suggestion_reason_phone',
	url: 'staff_moderation_suggestion_reason_url',
	'long-number': 'staff_moderation_suggestion_reason_long_number',
	date: 'staff_moderation_suggestion_reason_date',
	place: 'staff_moderation_suggestion_reason_place',
	'capitalised-name': 'staff_moderation_suggestion_reason_capitalised_name',
	'title-name': 'staff_moderation_suggestion_reason_title_name'
};

export const categoryLabel = (translate: StaffTranslate, category: RedactionCategory) =>
	translate(CATEGORY_LABELS[category]);

export const suggestionReasonLabel = (translate: StaffTranslate, reason: SuggestionReason) =>
	translate(REASON_LABELS[reason]);
