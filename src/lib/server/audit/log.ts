import { and, asc, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import Papa from 'papaparse';
import * as v from 'valibot';
import { AUDIT_ACTIONS, recordAudit, type AuditAction } from './record';
import { db } from '../db';
import { auditEvent, staffUser } from '../db/schema';
import type { RefusalKey } from '../http/errors';
import { issueMessage } from '../http/issues';
import { issueConfig, readerText, staffFieldIssue, staffIssue } from '../http/refusals';
import { normaliseUsername } from '../accounts/staff';
import { DAY_MS, utcDay } from '../dates';

/*
 * Reading the audit log. This module only ever selects from audit_event: the one way a row
 * gets in is recordAudit, and nothing in the application updates or deletes one.
 */

export const AUDIT_PAGE_SIZE = 100;

export const AUDIT_CSV_COLUMNS = ['time_utc', 'username', 'action', 'subject_type', 'subject_id', 'detail'] as const;

/** Actions recorded at midnight UTC of their day, because the time of day would tell about a survivor. */
const DAY_PRECISION_ACTIONS: ReadonlySet<string> = new Set<AuditAction>(['submission.withdrawn']);

export type AuditFilter = {
	person?: string;
	action?: AuditAction;
	/** UTC days, YYYY-MM-DD, both inclusive. */
	from?: string;
	to?: string;
};

export type AuditQuery = {
	filter: AuditFilter;
	page: number;
	/** One sentence per query parameter that was ignored, saying why. */
	problems: string[];
};

export type AuditLogEntry = {
	id: number;
	/** ISO 8601 in UTC; only the date for actions recorded at day precision. */
	time: string;
	dayPrecision: boolean;
	username: string | null;
	action: string;
	subjectType: string | null;
	subjectId: string | null;
	detail: Record<string, string | number | boolean> | null;
};

export type AuditLogPage = {
	entries: AuditLogEntry[];
	total: number;
	page: number;
	pageCount: number;
};

function isCalendarDay(day: string): boolean {
	const date = new Date(`${day}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && utcDay(date) === day;
}

const dayField = (label: RefusalKey) =>
	v.pipe(
		v.string(),
		v.regex(/^\d{4}-\d{2}-\d{2}$/, staffFieldIssue('staff_refusals_audit_date_format', label)),
		v.check(isCalendarDay, staffFieldIssue('staff_refusals_audit_date_calendar', label))
	);

const queryFields = {
	action: v.picklist(AUDIT_ACTIONS, staffIssue('staff_refusals_audit_action')),
	from: dayField('staff_refusals_field_audit_start'),
	to: dayField('staff_refusals_field_audit_end'),
	page: v.pipe(v.string(), v.regex(/^[1-9][0-9]{0,5}$/, staffIssue('staff_refusals_audit_page')), v.transform(Number))
};

function field<TSchema extends v.GenericSchema<string, unknown>>(
	params: URLSearchParams,
	name: string,
	schema: TSchema,
	problems: string[]
): v.InferOutput<TSchema> | undefined {
	const raw = params.get(name)?.trim();
	if (!raw) return undefined;
	const result = v.safeParse(schema, raw, issueConfig());
	if (result.success) return result.output;
	problems.push(readerText('staff_refusals_audit_filter_ignored', { problem: issueMessage(schema, result.issues) }));
	return undefined;
}

/**
 * Reads the filters of the audit page and its export from a URL query. A bad value never
 * fails the request: it is dropped, and a sentence says so.
 */
export function readAuditQuery(params: URLSearchParams, people: readonly string[]): AuditQuery {
	const problems: string[] = [];
	const person = field(
		params,
		'person',
		v.pipe(v.string(), v.transform(normaliseUsername), v.picklist(people, staffIssue('staff_refusals_audit_person'))),
		problems
	);
	const action = field(params, 'action', queryFields.action, problems);
	let from = field(params, 'from', queryFields.from, problems);
	let to = field(params, 'to', queryFields.to, problems);
	if (from && to && from > to) {
		problems.push(readerText('staff_refusals_audit_dates_reversed'));
		from = to = undefined;
	}
	const page = field(params, 'page', queryFields.page, problems) ?? 1;
	const filter: AuditFilter = {};
	if (person) filter.person = person;
	if (action) filter.action = action;
	if (from) filter.from = from;
	if (to) filter.to = to;
	return { filter, page, problems };
}

/** The query string that shows this filter (and page), for links and the export. */
export function auditQueryString(filter: AuditFilter, page = 1): string {
	const params = new URLSearchParams();
	for (const name of ['person', 'action', 'from', 'to'] as const) {
		const value = filter[name];
		if (value) params.set(name, value);
	}
	if (page > 1) params.set('page', String(page));
	const query = params.toString();
	return query ? `?${query}` : '';
}

/** Every staff username, disabled accounts included, since their past actions stay in the log. */
export function auditPeople(): string[] {
	return db()
		.select({ username: staffUser.username })
		.from(staffUser)
		.orderBy(asc(staffUser.username))
		.all()
		.map((row) => row.username);
}

function conditions(filter: AuditFilter): SQL | undefined {
	const where: SQL[] = [];
	if (filter.person) where.push(eq(staffUser.username, filter.person));
	if (filter.action) where.push(eq(auditEvent.action, filter.action));
	if (filter.from) where.push(gte(auditEvent.at, new Date(`${filter.from}T00:00:00Z`)));
	if (filter.to) where.push(lt(auditEvent.at, new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY_MS)));
	return and(...where);
}

function matchingEvents(filter: AuditFilter) {
	return db()
		.select({
			id: auditEvent.id,
			at: auditEvent.at,
			username: staffUser.username,
			action: auditEvent.action,
			subjectType: auditEvent.subjectType,
			subjectId: auditEvent.subjectId,
			detail: auditEvent.detail
		})
		.from(auditEvent)
		.leftJoin(staffUser, eq(staffUser.id, auditEvent.actorId))
		.where(conditions(filter))
		.orderBy(desc(auditEvent.at), desc(auditEvent.id))
		.$dynamic();
}

type MatchingRow = Awaited<ReturnType<ReturnType<typeof matchingEvents>['all']>>[number];

function toEntry(row: MatchingRow): AuditLogEntry {
	const dayPrecision = DAY_PRECISION_ACTIONS.has(row.action);
	const iso = row.at.toISOString();
	return {
		id: row.id,
		time: dayPrecision ? iso.slice(0, 10) : iso,
		dayPrecision,
		username: row.username,
		action: row.action,
		subjectType: row.subjectType,
		subjectId: row.subjectId,
		detail: row.detail
	};
}

/** One page of matching events, newest first, with the total count across all pages. */
export function auditLogPage(filter: AuditFilter, page: number): AuditLogPage {
	const total =
		db()
			.select({ n: count() })
			.from(auditEvent)
			.leftJoin(staffUser, eq(staffUser.id, auditEvent.actorId))
			.where(conditions(filter))
			.get()?.n ?? 0;
	const entries = matchingEvents(filter)
		.limit(AUDIT_PAGE_SIZE)
		.offset((page - 1) * AUDIT_PAGE_SIZE)
		.all()
		.map(toEntry);
	return { entries, total, page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export type AuditCsv = { csv: string; rows: number; filename: string };

/**
 * Every matching event as CSV, and an audit event recording the export itself. Cells that a
 * spreadsheet would run as a formula (usernames are chosen by people) get a leading apostrophe.
 */
export function exportAuditCsv(filter: AuditFilter, actorId: string, now: Date = new Date()): AuditCsv {
	return db().transaction(() => {
		const entries = matchingEvents(filter).all().map(toEntry);
		const csv = Papa.unparse(
			{
				fields: [...AUDIT_CSV_COLUMNS],
				data: entries.map((entry) => [
					entry.time,
					entry.username ?? '',
					entry.action,
					entry.subjectType ?? '',
					entry.subjectId ?? '',
					entry.detail ? JSON.stringify(entry.detail) : ''
				])
			},
			{ escapeFormulae: true }
		);
		recordAudit({ actorId, action: 'export.created', detail: { kind: 'audit-csv', rows: entries.length } }, now);
		return { csv, rows: entries.length, filename: `audit-${utcDay(now)}.csv` };
	});
}
