import { describe, expect, it } from 'vitest';
import { ApiError } from './api/http';
import { isConnectionFailure } from './outbox';

describe('isConnectionFailure', () => {
	it('keeps a kiosk testimony queued when the server is over its intake budget or short of disk room', () => {
		expect(isConnectionFailure(new ApiError('Too many people are sending right now.', 429))).toBe(true);
		expect(isConnectionFailure(new ApiError('The portal cannot store anything new right now.', 503))).toBe(true);
		expect(isConnectionFailure(new TypeError('Failed to fetch'))).toBe(true);
	});

	it('marks a testimony refused for good when the server would refuse it again', () => {
		expect(isConnectionFailure(new ApiError('The channel key has changed.', 409))).toBe(false);
		expect(isConnectionFailure(new ApiError('This group session ended more than a week ago.', 410))).toBe(false);
	});
});
