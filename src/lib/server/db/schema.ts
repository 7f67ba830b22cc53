/**
 * Every table of the portal, gathered for drizzle (queries, relations) and drizzle-kit
 * (migrations). Each domain defines and owns its tables in its own `tables.ts`; read them there.
 */
export * from '../settings/tables';
export * from '../accounts/tables';
export * from '../auth/tables';
export * from '../channels/tables';
export * from '../sessions/tables';
export * from '../intake/tables';
export * from '../questionnaire/tables';
export * from '../moderation/tables';
export * from '../research/tables';
export * from '../findings/tables';
export * from '../audit/tables';
export * from '../prompts/tables';
