import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
	createSession,
	newJoinCode,
	normaliseJoinCode,
	resolveJoinCode,
	sessionAcceptingTestimonies,
	setSessionClosed,
	SessionError
} from './sessions';
import { eq } from 'drizzle-orm';
import { db } from '../db';
import { facilitationSession } from '../db/schema';
import { setUpTestDeployment, useTemporaryDatabase } from '../testing';

useTemporaryDatabase();

let channelId: string;
let facilitatorId: string;

beforeAll(() => {
	const deployment = setUpTestDeployment();
	channelId = deployment.channelId;
	facilitatorId = deployment.adminId;
});

const input = () => ({
	channelId,
	label: 'Palermo Thursday group',
	locales: ['it', 'pcm'],
	startsDay: '2026-03-01',
	endsDay: '2026-03-31',
	expectedParticipants: 12
});

describe('join codes', () => {
	it('are ten characters without look-alikes', () => {
		for (let i = 0; i < 200; i++) expect(newJoinCode()).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
	});

	it('are read back whatever the case, spaces or dashes', () => {
		expect(normaliseJoinCode(' abcd-efgh ')).toBe('ABCDEFGH');
	});
});

describe('sessions', () => {
	it('can only be created in a channel the facilitator works for, and end after they start', () => {
		expect(() => createSession(facilitatorId, [], input())).toThrow(SessionError);
		expect(() => createSession(facilitatorId, [channelId], { ...input(), endsDay: '2026-02-01' })).toThrow(
			/end on or after/
		);
		expect(() => createSession(facilitatorId, [channelId], { ...input(), locales: ['xx'] })).toThrow(
			/Choose the languages from the list/
		);
	});

	it('keep each language once, in the order the facilitator chose', () => {
		const { id } = createSession(facilitatorId, [channelId], { ...input(), locales: ['so', 'fa-AF', 'so'] });
		const stored = db().select().from(facilitationSession).where(eq(facilitationSession.id, id)).get();
		expect(stored?.locales).toEqual(['so', 'fa-AF']);
	});

	it('open during their days, and not before, after, or once closed', () => {
		const { id, joinCode } = createSession(facilitatorId, [channelId], input());
		expect(resolveJoinCode(joinCode, new Date('2026-03-15T12:00:00Z')).kind).toBe('open');
		expect(resolveJoinCode(joinCode.toLowerCase(), new Date('2026-02-28T12:00:00Z')).kind).toBe('closed');
		expect(resolveJoinCode(joinCode, new Date('2026-04-01T00:00:01Z')).kind).toBe('closed');
		setSessionClosed(facilitatorId, [channelId], id, true, new Date('2026-03-15T12:00:00Z'));
		expect(resolveJoinCode(joinCode, new Date('2026-03-15T13:00:00Z')).kind).toBe('closed');
	});

	it('keep opening a real code while strangers guess wrong ones, however many', () => {
		const { joinCode } = createSession(facilitatorId, [channelId], input());
		const at = new Date('2026-03-20T10:00:00Z');
		for (let i = 0; i < 500; i++) expect(resolveJoinCode(newJoinCode(), at).kind).toBe('unknown');
		expect(resolveJoinCode(joinCode, at).kind).toBe('open');
		expect(resolveJoinCode(joinCode.toLowerCase(), at).kind).toBe('open');
		for (let i = 0; i < 31; i++) resolveJoinCode('ZZZZZZZZ', at);
		expect(resolveJoinCode(joinCode, new Date(at.getTime() + 1_000)).kind).toBe('open');
	});

	it('tell the operator once a minute that someone is guessing, with nothing about who', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		try {
			const at = new Date('2026-03-21T10:00:00Z');
			for (let i = 0; i < 100; i++) resolveJoinCode(newJoinCode(), at);
			expect(warn.mock.calls).toEqual([
				[expect.stringMatching(/^Join codes: 30 or more unknown codes within a minute; someone may be guessing\./)]
			]);
		} finally {
			warn.mockRestore();
		}
	});

	it('still open sessions whose code has the former length of eight characters', () => {
		const { id } = createSession(facilitatorId, [channelId], input());
		db().update(facilitationSession).set({ joinCode: 'ABCDEFGH' }).where(eq(facilitationSession.id, id)).run();
		expect(resolveJoinCode('abcd-efgh', new Date('2026-03-15T12:00:00Z'))).toMatchObject({
			kind: 'open',
			session: { id }
		});
	});

	it('accept testimonies for a week after they close or end, for devices that queued them offline', () => {
		const { id } = createSession(facilitatorId, [channelId], input());
		const accepts = (at: string, channel = channelId) =>
			sessionAcceptingTestimonies(id, channel, new Date(at)) !== null;
		expect(accepts('2026-02-28T23:59:00Z')).toBe(false);
		expect(accepts('2026-03-10T09:00:00Z')).toBe(true);
		expect(accepts('2026-03-10T09:00:00Z', 'another-channel')).toBe(false);
		expect(accepts('2026-04-07T23:00:00Z')).toBe(true);
		expect(accepts('2026-04-08T00:00:01Z')).toBe(false);
		setSessionClosed(facilitatorId, [channelId], id, true, new Date('2026-03-10T12:00:00Z'));
		expect(accepts('2026-03-17T20:00:00Z')).toBe(true);
		expect(accepts('2026-03-18T00:00:01Z')).toBe(false);
	});
});
