import { randomBytes } from 'node:crypto';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import { recordAudit } from './record';
import {
	AUDIT_CSV_COLUMNS,
	AUDIT_PAGE_SIZE,
	auditLogPage,
	auditPeople,
	auditQueryString,
	exportAuditCsv,
	readAuditQuery
} from './log';
import { db } from '../db';
import { insertStaffUser } from '../accounts/staff';

useTemporaryDatabase();

let adminId: string;
let moderatorId: string;

function addStaff(username: string): string {
	return insertStaffUser(fakeStaffUser(username), { secret: randomBytes(20), step: 0 });
}

function parseCsv(csv: string): string[][] {
	return Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
}

beforeAll(() => {
	({ adminId } = setUpTestDeployment({ admin: fakeStaffUser('amina.admin') }));
	moderatorId = addStaff('marco.moderator');
	// A week in 2024 that no other test writes to.
	recordAudit(
		{ actorId: adminId, action: 'channel.created', subjectType: 'channel', subjectId: 'ch-1' },
		new Date('2024-05-01T00:00:00.000Z')
	);
	recordAudit(
		{ actorId: moderatorId, action: 'submission.opened', subjectType: 'submission', subjectId: 's-1' },
		new Date('2024-05-01T09:30:00Z')
	);
	recordAudit(
		{ actorId: moderatorId, action: 'reply.sent', subjectType: 'submission', subjectId: 's-1' },
		new Date('2024-05-02T12:00:00Z')
	);
	recordAudit({ actorId: null, action: 'login.failed' }, new Date('2024-05-02T23:59:59.999Z'));
	recordAudit(
		{ actorId: null, action: 'submission.withdrawn', subjectType: 'submission', subjectId: 's-1' },
		new Date('2024-05-03T00:00:00Z')
	);
	recordAudit(
		{ actorId: adminId, action: 'settings.updated', detail: { key: 'raw_retention_days', value: 60 } },
		new Date('2024-05-03T08:00:00Z')
	);
});

const firstWeekOfMay = { from: '2024-05-01', to: '2024-05-07' };

describe('readAuditQuery', () => {
	const people = ['amina.admin', 'marco.moderator'];

	it('reads every filter and the page from the URL query', () => {
		const params = new URLSearchParams('person=marco.moderator&action=reply.sent&from=2024-05-01&to=2024-05-02&page=3');
		expect(readAuditQuery(params, people)).toEqual({
			filter: { person: 'marco.moderator', action: 'reply.sent', from: '2024-05-01', to: '2024-05-02' },
			page: 3,
			problems: []
		});
	});

	it('treats the empty values an unfiltered form sends as no filter', () => {
		expect(readAuditQuery(new URLSearchParams('person=&action=&from=&to='), people)).toEqual({
			filter: {},
			page: 1,
			problems: []
		});
	});

	it('matches a person written with other capitals', () => {
		expect(readAuditQuery(new URLSearchParams('person=Marco.Moderator'), people).filter.person).toBe('marco.moderator');
	});

	it('drops each bad value with a sentence saying why, and keeps the good ones', () => {
		const params = new URLSearchParams('person=nobody&action=submission.eaten&from=2024-02-30&to=May&page=0');
		const query = readAuditQuery(params, people);
		expect(query.filter).toEqual({});
		expect(query.page).toBe(1);
		expect(query.problems).toEqual([
			'Person must be one of the staff accounts in the list. It was ignored.',
			'Action must be one of the actions in the list. It was ignored.',
			'The start date is not a date in the calendar. It was ignored.',
			'The end date must be a date written YYYY-MM-DD. It was ignored.',
			'Page must be a whole number from 1. It was ignored.'
		]);
	});

	it('ignores a date range whose start comes after its end', () => {
		const query = readAuditQuery(new URLSearchParams('from=2024-05-09&to=2024-05-01&action=logout'), people);
		expect(query.filter).toEqual({ action: 'logout' });
		expect(query.problems).toEqual(['The start date is after the end date. Both were ignored.']);
	});

	it('writes a filter back into a query string that reads the same', () => {
		const filter = { person: 'marco.moderator', action: 'reply.sent', from: '2024-05-01' } as const;
		const query = auditQueryString(filter, 2);
		expect(query).toBe('?person=marco.moderator&action=reply.sent&from=2024-05-01&page=2');
		expect(readAuditQuery(new URLSearchParams(query), people)).toEqual({ filter, page: 2, problems: [] });
		expect(auditQueryString({})).toBe('');
	});
});

describe('auditLogPage', () => {
	it('lists events newest first, with usernames, and no person for survivors and failed logins', () => {
		const { entries, total, pageCount } = auditLogPage(firstWeekOfMay, 1);
		expect(total).toBe(6);
		expect(pageCount).toBe(1);
		expect(entries.map(({ time, username, action }) => [time, username, action])).toEqual([
			['2024-05-03T08:00:00.000Z', 'amina.admin', 'settings.updated'],
			['2024-05-03', null, 'submission.withdrawn'],
			['2024-05-02T23:59:59.999Z', null, 'login.failed'],
			['2024-05-02T12:00:00.000Z', 'marco.moderator', 'reply.sent'],
			['2024-05-01T09:30:00.000Z', 'marco.moderator', 'submission.opened'],
			['2024-05-01T00:00:00.000Z', 'amina.admin', 'channel.created']
		]);
		expect(entries[0].detail).toEqual({ key: 'raw_retention_days', value: 60 });
		expect(entries[1]).toMatchObject({ dayPrecision: true, subjectType: 'submission', subjectId: 's-1' });
	});

	it('filters by person', () => {
		const { entries } = auditLogPage({ ...firstWeekOfMay, person: 'marco.moderator' }, 1);
		expect(entries.map((entry) => entry.action)).toEqual(['reply.sent', 'submission.opened']);
	});

	it('filters by action', () => {
		const { entries, total } = auditLogPage({ ...firstWeekOfMay, action: 'login.failed' }, 1);
		expect(total).toBe(1);
		expect(entries[0].time).toBe('2024-05-02T23:59:59.999Z');
	});

	it('includes the whole of the first and the last day of a date range, and nothing outside it', () => {
		const { entries } = auditLogPage({ from: '2024-05-02', to: '2024-05-02' }, 1);
		expect(entries.map((entry) => entry.action)).toEqual(['login.failed', 'reply.sent']);
		const fromFirst = auditLogPage({ from: '2024-05-01', to: '2024-05-01' }, 1);
		expect(fromFirst.entries.map((entry) => entry.action)).toEqual(['submission.opened', 'channel.created']);
	});

	it('shows 100 events a page and counts them all', () => {
		const pagerId = addStaff('paula.pager');
		const start = Date.parse('2023-01-01T00:00:00Z');
		for (let n = 0; n < 250; n++) {
			recordAudit({ actorId: pagerId, action: 'submission.opened', subjectId: `s-${n}` }, new Date(start + n * 60_000));
		}
		const filter = { person: 'paula.pager' };
		const pages = [1, 2, 3, 4].map((page) => auditLogPage(filter, page));
		expect(pages.map((page) => page.entries.length)).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 50, 0]);
		expect(pages.every((page) => page.total === 250 && page.pageCount === 3)).toBe(true);
		const subjects = pages.flatMap((page) => page.entries.map((entry) => entry.subjectId));
		expect(subjects[0]).toBe('s-249');
		expect(subjects.at(-1)).toBe('s-0');
		expect(new Set(subjects).size).toBe(250);
	});

	it('answers one empty page when nothing matches', () => {
		expect(auditLogPage({ from: '1999-01-01', to: '1999-12-31' }, 1)).toEqual({
			entries: [],
			total: 0,
			page: 1,
			pageCount: 1
		});
	});
});

describe('auditPeople', () => {
	it('lists every staff username in order', () => {
		expect(auditPeople()).toEqual(expect.arrayContaining(['amina.admin', 'marco.moderator']));
		expect(auditPeople()).toEqual([...auditPeople()].sort());
	});
});

describe('exportAuditCsv', () => {
	it('has exactly the six documented columns, in every row', () => {
		const { csv, rows } = exportAuditCsv(firstWeekOfMay, adminId, new Date('2026-01-01T10:00:00Z'));
		const [header, ...data] = parseCsv(csv);
		expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
		expect(header).toEqual(['time_utc', 'username', 'action', 'subject_type', 'subject_id', 'detail']);
		expect(rows).toBe(6);
		expect(data).toHaveLength(6);
		expect(data.every((row) => row.length === 6)).toBe(true);
		expect(data[0]).toEqual([
			'2024-05-03T08:00:00.000Z',
			'amina.admin',
			'settings.updated',
			'',
			'',
			'{"key":"raw_retention_days","value":60}'
		]);
		expect(data[1]).toEqual(['2024-05-03', '', 'submission.withdrawn', 'submission', 's-1', '']);
	});

	it('applies the same filters as the page', () => {
		const { csv } = exportAuditCsv({ ...firstWeekOfMay, person: 'marco.moderator' }, adminId);
		expect(
			parseCsv(csv)
				.slice(1)
				.map((row) => row[2])
		).toEqual(['reply.sent', 'submission.opened']);
	});

	it('defuses cells a spreadsheet would run as a formula, such as chosen usernames', () => {
		const day = new Date('2022-03-03T10:00:00Z');
		for (const name of ['=HYPERLINK("x")', '+sum', '-2+3', '@cmd']) {
			recordAudit({ actorId: addStaff(name), action: 'login.succeeded' }, day);
		}
		recordAudit({ actorId: adminId, action: 'user.disabled', subjectType: 'staff_user', subjectId: '\t=1+1' }, day);
		recordAudit({ actorId: adminId, action: 'user.disabled', subjectType: 'staff_user', subjectId: '\r=1+1' }, day);
		const data = parseCsv(exportAuditCsv({ from: '2022-03-03', to: '2022-03-03' }, adminId).csv).slice(1);
		expect(data.map((row) => row[1]).sort()).toEqual([
			"'+sum",
			"'-2+3",
			'\'=hyperlink("x")',
			"'@cmd",
			'amina.admin',
			'amina.admin'
		]);
		expect(
			data
				.map((row) => row[4])
				.filter(Boolean)
				.sort()
		).toEqual(["'\t=1+1", "'\r=1+1"]);
		expect(exportAuditCsv({ person: '=hyperlink("x")' }, adminId).csv).toContain(`"'=hyperlink(""x"")"`);
	});

	it('records the export itself in the audit log, after the rows it exported', () => {
		const now = new Date('2026-02-03T04:05:06Z');
		const { rows, filename } = exportAuditCsv({ ...firstWeekOfMay, action: 'reply.sent' }, adminId, now);
		expect(rows).toBe(1);
		expect(filename).toBe('audit-2026-02-03.csv');
		const recorded = auditLogPage({ from: '2026-02-03', to: '2026-02-03', action: 'export.created' }, 1).entries;
		expect(recorded).toEqual([
			{
				id: expect.any(Number),
				time: '2026-02-03T04:05:06.000Z',
				dayPrecision: false,
				username: 'amina.admin',
				action: 'export.created',
				subjectType: null,
				subjectId: null,
				detail: { kind: 'audit-csv', rows: 1 }
			}
		]);
	});

	it('leaves the rows it reads untouched', () => {
		const before = db().$client.prepare('select * from audit_event order by id').all();
		exportAuditCsv({}, adminId);
		const after = db().$client.prepare('select * from audit_event order by id').all();
		expect(after.slice(0, before.length)).toEqual(before);
		expect(after).toHaveLength(before.length + 1);
	});
});
