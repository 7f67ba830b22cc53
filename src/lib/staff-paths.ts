/** A `next` target after signing in: only paths inside the staff area, never an open redirect. */
export function safeStaffPath(next: string | null): string {
	return next && /^\/staff(\/[A-Za-z0-9/_-]*)?$/.test(next) ? next : '/staff';
}
