import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { and, eq } from 'drizzle-orm';
import { insertStaffUser } from '../accounts/staff';
import type { StaffIdentity } from '../auth/session';
import { db } from '../db';
import { auditEvent } from '../db/schema';
import { fakeStaffUser, setUpTestDeployment, useTemporaryDatabase } from '../testing';
import {
	channelFindings,
	createFinding,
	editFinding,
	FindingRefusal,
	findingsForStaff,
	publicCount,
	publicFindings,
	publishFinding,
	returnFinding,
	submitFinding,
	withdrawFinding
} from './findings';
import { newFindingForm, type NewFinding } from './schemas';

useTemporaryDatabase();

let channelId: string;
let author: StaffIdentity;
let colleague: StaffIdentity;
let researcher: StaffIdentity;
let otherChannelModerator: StaffIdentity;
let admin: StaffIdentity;

function identity(username: string, roles: StaffIdentity['roles']): StaffIdentity {
	const id = insertStaffUser(fakeStaffUser(username), { secret: randomBytes(20), step: 0 });
	return { id, username, sessionId: randomUUID(), roles, awaitingSecondFactor: false, locale: null };
}

beforeAll(() => {
	const deployment = setUpTestDeployment();
	channelId = deployment.channelId;
	author = identity('finding.author', [{ role: 'moderator', channelId }]);
	colleague = identity('finding.colleague', [{ role: 'moderator', channelId }]);
	researcher = identity('finding.researcher', [{ role: 'researcher', channelId: null }]);
	otherChannelModerator = identity('other.moderator', [{ role: 'moderator', channelId: randomUUID() }]);
	admin = { ...author, id: deployment.adminId, username: 'first.admin', roles: [{ role: 'admin', channelId: null }] };
});

const housing = {
	title: 'Finding a home after the permit',
	heard: 'Many people said landlords refuse a tenant whose permit is new.',
	changed: 'The partners now go with people to the housing office.'
};
const housingAr = {
	title: 'إيجاد سكن بعد التصريح',
	heard: 'قال كثيرون إن أصحاب البيوت يرفضون المستأجر حين يكون تصريحه جديدًا.',
	changed: 'يرافق الشركاء الآن الناس إلى مكتب السكن.'
};

function draft(overrides: Partial<NewFinding> = {}): NewFinding {
	return { channelId, baseLocale: 'en', texts: { en: housing, ar: housingAr }, peopleCount: 12, ...overrides };
}

function status(id: string) {
	return findingsForStaff(researcher).find((item) => item.id === id)?.status;
}

const audited = (action: string, actorId: string) =>
	db()
		.select()
		.from(auditEvent)
		.where(and(eq(auditEvent.action, action), eq(auditEvent.actorId, actorId)))
		.all().length;

describe('who writes and reviews findings', () => {
	it('lets moderators of the channel and researchers write, and nobody else', () => {
		expect(createFinding(author, draft())).toMatch(/^[0-9a-f-]{36}$/);
		expect(createFinding(researcher, draft())).toMatch(/^[0-9a-f-]{36}$/);
		expect(() => createFinding(otherChannelModerator, draft())).toThrow(FindingRefusal);
		expect(() => createFinding(admin, draft())).toThrow(FindingRefusal);
	});

	it('hides a channel’s findings from a moderator of another channel', () => {
		const id = createFinding(author, draft());
		expect(() => submitFinding(otherChannelModerator, id)).toThrow(/not found/);
		expect(findingsForStaff(otherChannelModerator)).toEqual([]);
	});
});

describe('the second person', () => {
	it('refuses the author publishing their own finding, and lets a colleague publish it', () => {
		const id = createFinding(author, draft());
		submitFinding(author, id);
		expect(() => publishFinding(author, id)).toThrow(/cannot publish/);
		expect(status(id)).toBe('submitted');
		publishFinding(colleague, id);
		expect(status(id)).toBe('published');
		expect(audited('finding.published', colleague.id)).toBeGreaterThan(0);
	});

	it('refuses a reviewer who edited the finding, even after the author edits it again', () => {
		const id = createFinding(author, draft());
		editFinding(colleague, { findingId: id, ...draft({ peopleCount: 14 }) });
		editFinding(author, { findingId: id, ...draft({ peopleCount: 15 }) });
		submitFinding(author, id);
		expect(() => publishFinding(colleague, id)).toThrow(FindingRefusal);
		publishFinding(researcher, id);
		expect(status(id)).toBe('published');
	});

	it('does not let the author publish by editing a colleague’s finding and then approving it', () => {
		const id = createFinding(colleague, draft());
		editFinding(author, { findingId: id, ...draft() });
		submitFinding(author, id);
		expect(() => publishFinding(author, id)).toThrow(/cannot publish/);
		expect(() => publishFinding(colleague, id)).toThrow(/cannot publish/);
		expect(status(id)).toBe('submitted');
	});

	it('sends an edited finding back to draft, so unreviewed words are never published', () => {
		const id = createFinding(author, draft());
		submitFinding(author, id);
		editFinding(author, { findingId: id, ...draft({ texts: { en: { ...housing, changed: 'Unreviewed words' } } }) });
		expect(status(id)).toBe('draft');
		expect(() => publishFinding(colleague, id)).toThrow(/changed in the meantime/);
	});

	it('lets a reviewer send a finding back with a note, which the writers see', () => {
		const id = createFinding(author, draft());
		submitFinding(author, id);
		returnFinding(colleague, id, 'Say which office, without naming a town.');
		const found = findingsForStaff(author).find((item) => item.id === id);
		expect(found?.status).toBe('draft');
		expect(found?.reviewNote).toBe('Say which office, without naming a town.');
		expect(audited('finding.returned', colleague.id)).toBeGreaterThan(0);
	});

	it('publishes once when two reviewers click at the same moment', () => {
		const id = createFinding(author, draft());
		submitFinding(author, id);
		publishFinding(colleague, id);
		expect(() => publishFinding(researcher, id)).toThrow(/changed in the meantime/);
	});
});

describe('withdrawing', () => {
	it('takes a published finding off the public page and keeps it for the record', () => {
		const id = createFinding(author, draft({ texts: { en: { ...housing, title: 'To be withdrawn' } } }));
		submitFinding(author, id);
		publishFinding(colleague, id);
		expect(channelFindings(channelId, 'en').map((item) => item.title)).toContain('To be withdrawn');
		withdrawFinding(author, id);
		expect(status(id)).toBe('withdrawn');
		expect(channelFindings(channelId, 'en').map((item) => item.title)).not.toContain('To be withdrawn');
		expect(() => withdrawFinding(author, id)).toThrow(FindingRefusal);
		expect(audited('finding.withdrawn', author.id)).toBeGreaterThan(0);
	});

	it('never shows a draft or a finding waiting for review', () => {
		const id = createFinding(author, draft({ texts: { en: { ...housing, title: 'Still a draft' } } }));
		submitFinding(author, id);
		expect(publicFindings('en').flatMap((group) => group.findings.map((item) => item.title))).not.toContain(
			'Still a draft'
		);
	});
});

describe('languages', () => {
	it('shows the visitor’s language where it has text, and the base language with a note elsewhere', () => {
		const id = createFinding(author, draft({ baseLocale: 'ar', texts: { ar: housingAr, en: housing } }));
		submitFinding(author, id);
		publishFinding(colleague, id);
		const inArabic = channelFindings(channelId, 'ar').find((item) => item.id === id);
		expect(inArabic).toMatchObject({ locale: 'ar', fallback: false, title: housingAr.title });
		const inEnglish = channelFindings(channelId, 'en').find((item) => item.id === id);
		expect(inEnglish).toMatchObject({ locale: 'en', fallback: false, title: housing.title });
		const inSomali = channelFindings(channelId, 'so').find((item) => item.id === id);
		expect(inSomali).toMatchObject({ locale: 'ar', fallback: true, title: housingAr.title });
	});

	it('refuses a finding without text in its base language, and a language with half its text', () => {
		expect(() => createFinding(author, draft({ baseLocale: 'fr' }))).toThrow(/base language/);
		expect(() =>
			createFinding(author, draft({ texts: { en: housing, it: { title: 'Casa', heard: '', changed: '' } } }))
		).toThrow(/needs a title/);
	});

	it('publishes only the languages that have text', () => {
		const empty = { title: ' ', heard: '', changed: '' };
		const id = createFinding(author, draft({ texts: { en: housing, fr: empty } }));
		expect(Object.keys(findingsForStaff(author).find((item) => item.id === id)!.texts)).toEqual(['en']);
	});

	it('refuses over-long text and unknown languages before they reach the module', () => {
		const long = { ...housing, heard: 'x'.repeat(2001) };
		expect(v.safeParse(newFindingForm, draft({ texts: { en: long } })).success).toBe(false);
		expect(v.safeParse(newFindingForm, { ...draft(), texts: { xx: housing } }).success).toBe(false);
		expect(v.safeParse(newFindingForm, draft({ peopleCount: -1 })).success).toBe(false);
		expect(v.safeParse(newFindingForm, draft({ peopleCount: 2.5 })).success).toBe(false);
	});
});

describe('small numbers', () => {
	it('shows no count for none or zero, "fewer than 5" from 1 to 4, and the number from 5', () => {
		expect(publicCount(null)).toBeNull();
		expect(publicCount(0)).toBeNull();
		for (const small of [1, 2, 3, 4]) expect(publicCount(small)).toEqual({ kind: 'fewer', than: 5 });
		expect(publicCount(5)).toEqual({ kind: 'count', value: 5 });
	});

	it('never puts a small count in what the public pages receive', () => {
		const id = createFinding(author, draft({ peopleCount: 3, texts: { en: { ...housing, title: 'Three people' } } }));
		submitFinding(author, id);
		publishFinding(colleague, id);
		const shown = channelFindings(channelId, 'en').find((item) => item.id === id)!;
		expect(shown.count).toEqual({ kind: 'fewer', than: 5 });
		expect(JSON.stringify(publicFindings('en'))).not.toMatch(/"peopleCount"|"value":3\b/);
	});
});
