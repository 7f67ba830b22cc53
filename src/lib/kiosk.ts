/** What a kiosk page asks the offline worker: keep these pages (the session's languages) too. */
export type KioskMessage = { type: 'keep-pages'; urls: string[] };
