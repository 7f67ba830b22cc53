import type { AuditAction, AuditEntry } from '$lib/server/audit/record';
import type { StaffMessageKey, StaffTranslate } from '$lib/staff-i18n';

/**
 * What each audit action and subject is called on the audit page. The codes stay in the log, the
 * filter's address and the CSV; staff read these names. A new action without a name fails the
 * type check here.
 */
const ACTION_LABELS: Record<AuditAction, StaffMessageKey> = {
	'setup.completed': 'staff_admin_audit_action_setup_completed',
	'login.succeeded': 'staff_admin_audit_action_login_succeeded',
	'login.failed': 'staff_admin_audit_action_login_failed',
	'login.second_factor_failed': 'staff_admin_audit_action_login_second_factor_failed',
	'recovery.failed': 'staff_admin_audit_action_recovery_failed',
	'recovery.second_factor_failed': 'staff_admin_audit_action_recovery_second_factor_failed',
	logout: 'staff_admin_audit_action_logout',
	'session.ended': 'staff_admin_audit_action_session_ended',
	'keys.unlocked': 'staff_admin_audit_action_keys_unlocked',
	'passphrase.changed': 'staff_admin_audit_action_passphrase_changed',
	'recovery.used': 'staff_admin_audit_action_recovery_used',
	'totp.reset': 'staff_admin_audit_action_totp_reset',
	'totp.enrolled': 'staff_admin_audit_action_totp_enrolled',
	'totp.unreadable_removed': 'staff_admin_audit_action_totp_unreadable_removed',
	'totp.reenrolment_opened': 'staff_admin_audit_action_totp_reenrolment_opened',
	'invitation.created': 'staff_admin_audit_action_invitation_created',
	'invitation.revoked': 'staff_admin_audit_action_invitation_revoked',
	'enrolment.completed': 'staff_admin_audit_action_enrolment_completed',
	'grant.created': 'staff_admin_audit_action_grant_created',
	'user.disabled': 'staff_admin_audit_action_user_disabled',
	'user.enabled': 'staff_admin_audit_action_user_enabled',
	'user.roles_changed': 'staff_admin_audit_action_user_roles_changed',
	'channel.created': 'staff_admin_audit_action_channel_created',
	'channel.updated': 'staff_admin_audit_action_channel_updated',
	'channel_key.rotated': 'staff_admin_audit_action_channel_key_rotated',
	'corpus_key.rotated': 'staff_admin_audit_action_corpus_key_rotated',
	'channel_key.rotation_proposed': 'staff_admin_audit_action_channel_key_rotation_proposed',
	'channel_key.rotation_confirmed': 'staff_admin_audit_action_channel_key_rotation_confirmed',
	'channel_key.rotation_withdrawn': 'staff_admin_audit_action_channel_key_rotation_withdrawn',
	'corpus_key.rotation_proposed': 'staff_admin_audit_action_corpus_key_rotation_proposed',
	'corpus_key.rotation_confirmed': 'staff_admin_audit_action_corpus_key_rotation_confirmed',
	'corpus_key.rotation_withdrawn': 'staff_admin_audit_action_corpus_key_rotation_withdrawn',
	'settings.updated': 'staff_admin_audit_action_settings_updated',
	'settings.pow_difficulty': 'staff_admin_audit_action_settings_pow_difficulty',
	'settings.change_proposed': 'staff_admin_audit_action_settings_change_proposed',
	'settings.change_cancelled': 'staff_admin_audit_action_settings_change_cancelled',
	'settings.speech_synthesis': 'staff_admin_audit_action_settings_speech_synthesis',
	'settings.change_applied': 'staff_admin_audit_action_settings_change_applied',
	'question.created': 'staff_admin_audit_action_question_created',
	'question.updated': 'staff_admin_audit_action_question_updated',
	'submission.opened': 'staff_admin_audit_action_submission_opened',
	'submission.approved': 'staff_admin_audit_action_submission_approved',
	'research_image.included': 'staff_admin_audit_action_research_image_included',
	'submission.rejected': 'staff_admin_audit_action_submission_rejected',
	'submission.rejection_proposed': 'staff_admin_audit_action_submission_rejection_proposed',
	'submission.rejection_confirmed': 'staff_admin_audit_action_submission_rejection_confirmed',
	'submission.rejection_withdrawn': 'staff_admin_audit_action_submission_rejection_withdrawn',
	'submission.rejection_undone': 'staff_admin_audit_action_submission_rejection_undone',
	'submission.waiting': 'staff_admin_audit_action_submission_waiting',
	'draft.saved': 'staff_admin_audit_action_draft_saved',
	'submission.withdrawn': 'staff_admin_audit_action_submission_withdrawn',
	'submission.deleted': 'staff_admin_audit_action_submission_deleted',
	'reply.sent': 'staff_admin_audit_action_reply_sent',
	'session.created': 'staff_admin_audit_action_session_created',
	'session.closed': 'staff_admin_audit_action_session_closed',
	'session.reopened': 'staff_admin_audit_action_session_reopened',
	'export.created': 'staff_admin_audit_action_export_created',
	'codebook.seeded': 'staff_admin_audit_action_codebook_seeded',
	'codebook.imported': 'staff_admin_audit_action_codebook_imported',
	'codings.imported': 'staff_admin_audit_action_codings_imported',
	'code.created': 'staff_admin_audit_action_code_created',
	'code.updated': 'staff_admin_audit_action_code_updated',
	'code.archived': 'staff_admin_audit_action_code_archived',
	'code.restored': 'staff_admin_audit_action_code_restored',
	'code.merged': 'staff_admin_audit_action_code_merged',
	'coding.round_revealed': 'staff_admin_audit_action_coding_round_revealed',
	'flood_day.released': 'staff_admin_audit_action_flood_day_released',
	'finding.created': 'staff_admin_audit_action_finding_created',
	'finding.edited': 'staff_admin_audit_action_finding_edited',
	'finding.submitted': 'staff_admin_audit_action_finding_submitted',
	'finding.returned': 'staff_admin_audit_action_finding_returned',
	'finding.published': 'staff_admin_audit_action_finding_published',
	'finding.withdrawn': 'staff_admin_audit_action_finding_withdrawn',
	'prompt.replaced': 'staff_admin_audit_action_prompt_replaced',
	'prompt.removed': 'staff_admin_audit_action_prompt_removed'
};

const SUBJECT_LABELS: Record<NonNullable<AuditEntry['subjectType']>, StaffMessageKey> = {
	submission: 'staff_admin_audit_subject_submission',
	staff_user: 'staff_admin_audit_subject_staff_user',
	channel: 'staff_admin_audit_subject_channel',
	invitation: 'staff_admin_audit_subject_invitation',
	question: 'staff_admin_audit_subject_question',
	prompt: 'staff_admin_audit_subject_prompt',
	setting: 'staff_admin_audit_subject_setting',
	corpus_key: 'staff_admin_audit_subject_corpus_key',
	code: 'staff_admin_audit_subject_code'
};

/** An action's name; a code the log no longer knows shows as itself. */
export function auditActionLabel(action: string, translate: StaffTranslate): string {
	const key = ACTION_LABELS[action as AuditAction];
	return key ? translate(key) : action;
}

export function auditSubjectLabel(subjectType: string, translate: StaffTranslate): string {
	const key = SUBJECT_LABELS[subjectType as keyof typeof SUBJECT_LABELS];
	return key ? translate(key) : subjectType;
}
