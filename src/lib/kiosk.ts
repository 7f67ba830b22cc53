/** What a kiosk page asks the offline worker: keep these pages (the session's languages) too. */
export type KioskMessage = { type: 'keep-pages'; urls: string[] };

/** The language page's path as the server writes it (`/ar`, not `/ar/`, which redirects). */
export function withoutTrailingSlash(path: string): string {
	return path.length > 1 ? path.replace(/\/$/, '') : path;
}
